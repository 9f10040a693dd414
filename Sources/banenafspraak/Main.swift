import ArgumentParser

@main
struct Banenafspraak: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "banenafspraak",
        abstract: "Banenafspraak en quotumregeling: meting, quotumheffing, vereenvoudigde regeling en calculators.",
        discussion: "Reference implementation of the Wet banenafspraak en quotum arbeidsbeperkten. See README.md.",
        subcommands: [Generate.self, Quota.self, Measure.self, Explain.self, Calc.self, HireCommand.self, Parameters.self, Runs.self, Diff.self, Simulate.self, Serve.self, Token.self, Decide.self, Log.self, MonitorCommand.self]
    )
}
