import ArgumentParser
import BanenafspraakCalculators
import BanenafspraakCore
import BanenafspraakParameters
import BanenafspraakServer
import Foundation

/// `banenafspraak hire --case FILE|- [--format json|text] [--params FILE]` (spec section 15): what one hire means for the
/// employer, year by year, by the same function as `POST /api/v1/hire` and the page `/aanname` (``Hire``).
struct HireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hire",
        abstract: "Eén aanname, alle instrumenten: LKV, LIV, loonkostensubsidie, no-riskpolis en het effect op de eigen heffing, per jaar.",
        discussion: """
        Reads {"start_date", "input": {"hours_per_week", "hourly_wage", "situation": {...}, "employer": optional}} and writes
        {"start_date", "years": [...], "deadlines": [...]}. A scenario file ({"description", "citation", "case", "expected"})
        runs as its "case". An invalid case prints {"error": {"field", "message"}} and exits with status 2.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case text
    }

    @Option(name: .customLong("case"), help: "The case file, or - for standard input.")
    var casePath: String

    @Option(help: "Output format: json or text (plain Dutch for an employer).")
    var format: Format = .json

    @Option(help: "A parameter file that overrides the repository's parameters.")
    var params: String?

    func run() throws {
        let text: String
        do { text = try Calc.readCase(casePath) } catch { try fail(error) }
        let parameters: ParameterSet
        do { parameters = try ParameterFiles.load(overridePath: params) } catch {
            FileHandle.standardError.write(Data("banenafspraak hire: \(error)\n".utf8))
            throw ExitCode(1)
        }
        do {
            let outcome = try Hire.compute(try CaseValue.parse(text), parameters: EstimateParameters(parameters))
            switch format {
            case .json: print(outcome.jsonValue.rendered(), terminator: "")
            case .text: print(HireText.render(outcome), terminator: "")
            }
        } catch {
            try fail(error)
        }
    }

    private func fail(_ error: CaseError) throws -> Never {
        print(error.jsonValue.rendered(), terminator: "")
        throw ExitCode(2)
    }
}
