import ArgumentParser
import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakSimulation
import BanenafspraakStore
import BanenafspraakStoreOpen
import Foundation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain one employer's figures: every rule, source, parameter value and input, down to the hours per person-month."
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var common: RunOptions

    @Option(help: "The employer_id to explain (or --all with --store).")
    var employer: String?

    @Flag(help: "Exit with status 3 when a computed percentage is implausible for national data (quotum > 10%, opslag > 5%).")
    var strict = false

    @Option(help: "text (Dutch) or json.")
    var format: Format = .text

    @Option(name: .customLong("store"), help: "Answer from this results store (an SQLite file or postgres://user:password@host:port/database) instead of reading the payroll (needs --run).")
    var store: String?

    @Option(name: .customLong("run"), help: "The stored run to explain (with --store; see `runs`).")
    var storedRun: Int64?

    @Flag(help: "With --store: write a Dutch HTML letter for every employer into --out.")
    var all = false

    @Flag(name: .customLong("with-levy"), help: "With --all: only the employers with a levy.")
    var withLevy = false

    @Option(name: .customLong("out"), help: "With --all: the folder for the letters (created if needed).")
    var output: String?

    @Option(name: .customLong("pseudonyms-of"), help: "Without --store: show persons by the pseudonyms of this results store, to compare with a stored run.")
    var pseudonymsOf: String?

    @Option(name: .customLong("reform"), help: ArgumentHelp("Explain why this employer changes under a reform: which parameter moved, which rule reads it, which figure changed by how much.", valueName: "FILE"))
    var reform: String?

    func run() throws {
        ErrorFormat.json = format == .json
        if all { return try writeLetters() }
        guard let employer else { throw ValidationError("Missing expected argument '--employer <employer>'") }
        let assessed: AssessedEmployer
        var scannedResult: QuotaResult?
        if let store {
            guard let storedRun else { throw ValidationError("--store needs --run RUN (see `banenafspraak runs --store \(redactingStorePassword(store))`)") }
            let s = try openStore(store, create: false)
            assessed = try withStore { try s.assessedEmployer(run: storedRun, employer: employer) }
        } else {
            var options = try common.quotaOptions(output: nil)
            options.traceEmployer = employer
            var scanned = try runQuota(options, label: "payroll.csv")
            if let pseudonymsOf, var trace = scanned.trace {
                let pseudonyms = try withStore { try openStore(pseudonymsOf, create: false).pseudonymizer() }
                trace.lines = trace.lines.map { var l = $0; l.person = pseudonyms.pseudonym(l.person); return l }
                trace.routes = Dictionary(uniqueKeysWithValues: trace.routes.map { (pseudonyms.pseudonym($0.key), $0.value) })
                scanned.trace = trace
            }
            try RunOptions.reportImplausible(scanned, strict: strict)
            guard let index = scanned.employerIndex(employer) else {
                printError("error: employer \"\(displayed(employer))\" is not among the accepted employers of \(common.input ?? "")/employers.csv")
                throw ExitCode(1)
            }
            assessed = scanned.assessed(index)
            scannedResult = scanned
        }
        if let reform { return try explainReform(reform, employer: employer, scanned: scannedResult, trace: assessed.trace) }
        let (levy, net) = EmployerExplanation.build(assessed)
        let f = assessed.figures
        switch format {
        case .json:
            let json = JSONValue.object([
                ("employer_id", .string(employer)),
                ("year", .integer(Int64(assessed.year))),
                ("sector", .string(assessed.sector.rawValue)),
                ("figures", .object(f.contractJSON)),
                ("explanations", .object([("levy", levy.jsonValue), ("net", net.jsonValue)])),
            ])
            print(json.rendered(), terminator: "")
        case .text:
            print(EmployerExplanationText.render(employerId: employer, sector: assessed.sector.rawValue, year: assessed.year,
                                                 levy: levy, net: net), terminator: "")
        }
    }

    /// `--reform FILE`: the baseline against the reform for one employer, and the reform's own explanation tree.
    /// `scanned` is the run over the payroll (`nil` with `--store`); `trace` the employer's lines behind its figures.
    func explainReform(_ path: String, employer: String, scanned: QuotaResult?, trace: EmployerTrace?) throws {
        let baseline: SimulationBaseline
        if let store, let storedRun {
            let s = try openStore(store, create: false)
            baseline = try withStore { try SimulationBaseline.fromStore(s, run: storedRun, inputDirectory: common.input) }
        } else {
            let options = try common.quotaOptions(output: nil)
            guard let aggregates = scanned?.aggregates else { printError("error: the run kept no aggregates"); throw ExitCode(1) }
            baseline = SimulationBaseline(aggregates: aggregates, parameters: options.parameters,
                                          quotaPercentOverrides: options.quotaPercentOverrides, surchargeOverride: options.surchargeOverride,
                                          rescan: QuotaRun.rescan(options))
        }
        let reform = try loadReforms([path], base: baseline.parameters)[0]
        let simulator: Simulator
        let outcome: ReformOutcome
        do {
            simulator = try Simulator(baseline)
            outcome = try simulator.run(reform, split: false)
        } catch let e as SimulationError { printError("error: \(e)"); throw ExitCode(1) }
        guard let why = ReformExplanation.build(outcome, simulator: simulator, employer: employer),
              let index = outcome.result.employerIndex(employer) else {
            printError("error: employer \(employer) is not in the run"); throw ExitCode(1)
        }
        // The reform's explanation tree uses the baseline's target-group lines when the reform changes no per-line rule.
        var reformResult = outcome.result
        if !outcome.rescanned { reformResult.trace = trace }
        else if store == nil {
            var options = try common.quotaOptions(output: nil)
            options.parameters = simulator.parameterSet(of: reform)
            options.regime = reform.options.regimeRegister ?? options.regime
            options.traceEmployer = employer
            reformResult = try runQuota(options, label: "payroll.csv (hervorming)")
        }
        let reformIndex = reformResult.employerIndex(employer) ?? index
        let (levy, net) = EmployerExplanation.build(reformResult, employer: reformIndex)
        switch format {
        case .json:
            let json = JSONValue.object([("reform_explanation", why.json),
                                         ("explanations_reform", .object([("levy", levy.jsonValue), ("net", net.jsonValue)]))])
            print(json.rendered(), terminator: "")
        case .text:
            print(why.text)
            print("== Onder de hervorming: wet van 2015, quotumheffing ==")
            print(levy.renderedText())
            print("== Onder de hervorming: vereenvoudigde regeling, netto resultaat ==")
            print(net.renderedText())
        }
    }

    /// A letter's file name: an employer id (1-32 characters of [A-Za-z0-9]) and `.html`.
    static func isLetter(_ name: String) -> Bool {
        guard name.hasSuffix(".html") else { return false }
        let id = name.utf8.dropLast(5)
        return (1...32).contains(id.count) && id.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
    }

    /// `--all`: one letter per employer (or per employer with a levy) from the store, in one pass.
    func writeLetters() throws {
        guard let store, let storedRun else { throw ValidationError("--all needs --store STORE and --run RUN") }
        guard let output else { throw ValidationError("--all needs --out DIR for the letters") }
        let s = try openStore(store, create: false)
        // All or nothing, as quota --out: the letters are written into a staging folder that replaces --out whole.
        let folder = try RunSafety.openOutput(output, isOutput: Self.isLetter)
        let written = try RunSafety.fill(folder) { staging in
            try withStore {
                let explainer = try StoredExplainer(store: s, run: storedRun)
                var written = 0
                for employer in try s.employers(run: storedRun) where !withLevy || employer.figures.levy.rawValue > 0 {
                    let assessed = try explainer.assessed(employer: employer)
                    let path = URL(fileURLWithPath: staging).appendingPathComponent("\(employer.id).html").path
                    try EmployerLetter.html(assessed, of: employer, run: storedRun).write(toFile: path, atomically: false, encoding: .utf8)
                    written += 1
                }
                return written
            }
        }
        print("\(written) letter(s) in \(output)")
    }
}
