import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakStore

/// Makes the levy decisions (beschikkingen) of one stored run (spec section 14). The content is fixed by Wfsv
/// art. 38h lid 2: (a) that the quotumheffing is due, (b) the calendar year, (c) the total verloonde uren, (d) the
/// uren of arbeidsbeperkten, (e) the berekening of the quotumtekort (art. 38g lid 3), (f) the amount. Every figure
/// is the run's own (as in `employers.csv`); the berekening is the levy's explanation, made by the same rule code
/// from the employer's totals, and must give the stored levy (else the run is refused as not reconciling).
public struct DecisionMaker {
    public let store: any ResultsStore
    public let run: RunSummary
    public let national: StoredNational
    public let parameters: QuotaParameters
    /// SHA-256 of the run's receipt (inputs, parameters, flags, engine).
    public let receipt: String

    public init(store: any ResultsStore, run: RunID) throws {
        self.store = store
        self.run = try store.run(run)
        national = try store.national(run: run)
        parameters = try store.parameters(run: run).quota
        receipt = Self.receiptHash(self.run)
    }

    /// SHA-256 of the receipt as `runs --format json` writes it, compact.
    public static func receiptHash(_ run: RunSummary) -> String {
        guard case .object(let pairs) = run.json, let receipt = pairs.first(where: { $0.0 == "receipt" })?.1 else { return "" }
        return Digest.sha256(text: receipt.rendered(pretty: false))
    }

    /// Years before 2026 are simulations only: no levy is executed over them (Wfsv art. 122na lid 1).
    public static let firstYear = 2026

    public static func decisionId(year: Int, employer: String, run: RunID, simulation: Bool) -> String {
        "\(simulation ? "SIM" : "QH")-\(year)-\(employer)-R\(run)"
    }

    /// The levy's explanation from the employer's own totals by the batch's rule code; it must give the stored levy.
    public func levyExplanation(_ e: StoredEmployer) throws -> Explanation {
        let f = e.figures
        let totals = QuotaAssessment.EmployerTotals(sector: e.sector, hoursTotal: f.hoursTotal, priorYearHours: e.priorYearHours,
                                                   hoursA: f.hoursA, hoursC: f.hoursC, premiumBase: f.premiumBase)
        let quota = national.quotaPercent[parameters.quotum(for: e.sector)] ?? .zero
        let assessed = try EmployerAssessment.estimate(totals, year: run.year, parameters: parameters, quotaPercent: quota,
                                                       surchargePercent: national.surchargePercent, employerId: e.id)
        guard assessed.figures.levy == f.levy, assessed.figures.shortfallTenths == f.shortfallTenths else {
            throw StoreError(.invalidRun, "run \(run.id): the levy of \(e.id) does not reconcile with its totals (stored \(f.levy), computed \(assessed.figures.levy))")
        }
        return Self.fromStoredTotals(EmployerExplanation.build(assessed).levy, run: run.id)
    }

    /// A and C come from the run's stored totals here, not from payroll lines: their line inputs (which would read 0)
    /// are replaced by the total and where its lines are explained (`explain --store`, the employer's page).
    static func fromStoredTotals(_ e: Explanation, run: RunID) -> Explanation {
        var out = e
        if e.figure == "hours_a" || e.figure == "hours_c" {
            out.inputs = [.init("totaal uit de loonaangiften van berekening \(run) (per regel: de uitleg bij uw cijfers)", e.value, unit: .hours)]
            out.children = []
        }
        out.children = out.children.map { fromStoredTotals($0, run: run) }
        return out
    }

    /// One employer's decision. `previous` is the latest decision for the same employer and year from another run:
    /// with a different levy this decision is a herziening of it (the caller has checked art. 38h lid 5).
    public func decision(_ e: StoredEmployer, date: LocalDate, simulation: Bool, previous: StoredDecision?,
                         attributable: Bool, causes: [DiffCauses.Cause]) throws -> Decision {
        let id = Self.decisionId(year: run.year, employer: e.id, run: run.id, simulation: simulation)
        let revision = previous.map { Decision.Revision(previous: $0, levy: e.figures.levy, hoursTotal: e.figures.hoursTotal,
                                                        hoursC: e.figures.hoursC, attributable: attributable, causes: causes) }
        return Decision(id: id, employer: e, run: run, receipt: receipt, date: date, simulation: simulation,
                        quotaPercent: national.quotaPercent[parameters.quotum(for: e.sector)] ?? .zero, parameters: parameters,
                        explanation: try levyExplanation(e), revision: revision)
    }
}
