import ArgumentParser

@main
struct Banenafspraak: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "banenafspraak",
        abstract: "Banenafspraak en quotumregeling: meting, quotumheffing, vereenvoudigde regeling en calculators."
    )
}
