import ArgumentParser
import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakDecisions
import BanenafspraakStore
import Foundation

/// `banenafspraak decide` (spec section 14): the levy decisions (beschikkingen, Wfsv art. 38h) of a stored run, as
/// `DIR/<employer_id>.html` (Dutch, printable on A4), `DIR/<employer_id>.json` and `DIR/index.csv`, kept in the
/// store. A later run's decision with another levy for the same employer and year is a herziening (art. 38h lid 5).
struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the levy decisions (beschikkingen) of a stored run and keep them in the store.",
        discussion: "Per employer with a levy: DIR/<employer_id>.html and .json, and DIR/index.csv. Years before 2026 only with --simulation (Wfsv art. 122na lid 1)."
    )

    @Option(help: "The results store (a SQLite file path or postgres://…).")
    var store: String

    @Option(name: .customLong("run"), help: "The run id (banenafspraak runs).")
    var runId: Int64

    @Option(help: "One employer_id (or --all).")
    var employer: String?

    @Flag(help: "Every employer with a levy (and every employer whose earlier decision this run changes).")
    var all = false

    @Option(name: .customLong("out"), help: "The folder for the decisions (replaced whole, as quota --out).")
    var output: String

    @Flag(help: "A simulation, not a decision: required for a year before 2026 (Wfsv art. 122na lid 1).")
    var simulation = false

    @Flag(help: "A herziening to the employer's detriment rests on a fact attributable to the employer (Wfsv art. 38h lid 5).")
    var attributable = false

    @Option(help: "The decision's date, YYYY-MM-DD (default: today, UTC).")
    var date: String?

    @Option(name: .customLong("in"), help: "The input folder of the runs: a herziening then names the rows received between the two runs' cut-offs.")
    var input: String?

    func validate() throws {
        if (employer == nil) == !all { throw ValidationError("give --employer ID or --all") }
        if let date, LocalDate(date) == nil { throw ValidationError("--date must be a date YYYY-MM-DD, got \(date)") }
    }

    /// The files `decide` writes: `<employer_id>.html`, `<employer_id>.json` and `index.csv`.
    static func isOutput(_ name: String) -> Bool {
        if name == "index.csv" { return true }
        for suffix in [".html", ".json"] where name.hasSuffix(suffix) {
            let id = name.utf8.dropLast(suffix.utf8.count)
            return (1...32).contains(id.count) && id.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
        }
        return false
    }

    func run() throws {
        let s = try openStore(store, create: false)
        let maker = try withStore { try DecisionMaker(store: s, run: runId) }
        let year = maker.run.year
        if year < DecisionMaker.firstYear && !simulation {
            printError("error: run \(runId) is of \(year): no quotumheffing is levied over a calendar year before \(DecisionMaker.firstYear) (Wfsv art. 122na lid 1); use --simulation for a simulation that is not a decision")
            throw ExitCode(1)
        }
        let day = date.flatMap { LocalDate($0) } ?? LocalDate(String(ISO8601DateFormatter().string(from: Date()).prefix(10)))!
        let plan = try withStore { try DecisionPlan.make(store: s, maker: maker, employer: employer, simulation: simulation, date: day, attributable: attributable) }
        if let employer, plan.rows.isEmpty {
            printError("error: employer \(employer) has no levy in run \(runId) and no earlier decision over \(year) that it changes: there is no decision to make")
            throw ExitCode(1)
        }
        if employer != nil, let refused = plan.rows.first(where: { $0.refusal != nil })?.refusal {
            printError("error: \(refused)")
            throw ExitCode(1)
        }
        let causes = try input.map { dir in
            try plan.causes(pseudonymizer: s.pseudonymizer()) { try DiffCauses.find(inputDirectory: dir, year: $0, lo: $1, hi: $2, changed: $3) }
        } ?? [:]
        let renderer = try DecisionRenderer()
        let folder = try RunSafety.openOutput(output, isOutput: Self.isOutput)
        let (made, kept) = try RunSafety.fill(folder) { staging in
            try withStore { try plan.write(into: staging, causes: causes, renderer: renderer) }
        }
        let refused = plan.rows.filter { $0.refusal != nil }.count
        print("\(made) decision(s) made, \(kept) already kept, \(refused) herziening(en) refused; index in \(output)/index.csv")
        if refused > 0 { printError("\(refused) herziening(en) refused (Wfsv art. 38h lid 5): see the reason column of index.csv") }
    }
}
