import ArgumentParser
import BanenafspraakCore
import BanenafspraakParameters

struct Parameters: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the parameters in force on a date, with value, validity and source."
    )

    @Option(help: "The date (YYYY-MM-DD).")
    var date: String

    @Option(name: .customLong("params"), help: "An override parameter file.")
    var params: String?

    func run() throws {
        guard let day = LocalDate(date) else {
            printError("error: --date \(date) is not a date YYYY-MM-DD")
            throw ExitCode(2)
        }
        let set: ParameterSet
        do { set = try ParameterFiles.load(overridePath: params) } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
        for id in set.parameters.keys.sorted() {
            guard let r = try? set.resolve(id, on: day) else { print("\(id): (geen waarde op \(day))"); continue }
            let until = r.value.validUntil.map { " t/m \($0)" } ?? ""
            print("\(id) = \(r.formatted) [\(r.unit.rawValue)] geldig \(r.value.validFrom)\(until); \(r.value.source) (\(r.value.status.rawValue))")
        }
    }
}
