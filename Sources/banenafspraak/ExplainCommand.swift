import ArgumentParser
import BanenafspraakBatch
import BanenafspraakCore
import Foundation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain one employer's figures: every rule, source, parameter value and input, down to the hours per person-month (spec 5.6)."
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var common: RunOptions

    @Option(help: "The employer_id to explain.")
    var employer: String

    @Option(help: "text (Dutch) or json.")
    var format: Format = .text

    func run() throws {
        ErrorFormat.json = format == .json
        var options = try common.quotaOptions(output: nil)
        options.traceEmployer = employer
        let result = try runQuota(options, label: "payroll.csv")
        guard let e = result.employerIndex(employer) else {
            printError("error: employer \"\(displayed(employer))\" is not among the accepted employers of \(common.input)/employers.csv")
            throw ExitCode(1)
        }
        let (levy, net) = EmployerExplanation.build(result, employer: e)
        let f = result.figures[e]
        switch format {
        case .json:
            let json = JSONValue.object([
                ("employer_id", .string(employer)),
                ("year", .integer(Int64(result.year))),
                ("sector", .string(result.employers.sector[e].rawValue)),
                ("figures", .object([
                    ("liable", .bool(f.liable)), ("hours_total", .string(f.hoursTotal.description)),
                    ("hours_a", .string(f.hoursA.description)), ("hours_c", .string(f.hoursC.description)),
                    ("required_hours", .string(f.requiredHours.description)), ("shortfall_jobs", .string(Quotumtekort.format(f.shortfallTenths))),
                    ("levy", .string(f.levy.description)), ("premium_base", .string(f.premiumBase.description)),
                    ("surcharge", .string(f.surcharge.description)), ("lkv", .string(f.lkv.description)), ("bonus", .string(f.bonus.description)),
                    ("transfers_out", .string(f.transfersOut.description)), ("transfers_in", .string(f.transfersIn.description)),
                    ("net", .string(f.net.description)),
                ])),
                ("explanations", .object([("levy", levy.jsonValue), ("net", net.jsonValue)])),
            ])
            print(json.rendered(), terminator: "")
        case .text:
            print("Uitleg voor werkgever \(employer) (\(result.employers.sector[e].rawValue)), jaar \(result.year)")
            print("Personen worden alleen met hun pseudoniem getoond.\n")
            print("== Wet van 2015: quotumheffing ==")
            print(levy.renderedText())
            print("== Vereenvoudigde regeling (seed 004): netto resultaat ==")
            print(net.renderedText())
        }
    }
}
