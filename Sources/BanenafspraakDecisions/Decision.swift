import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakStore

/// One levy decision: its content (Wfsv art. 38h lid 2 a–f), its run, receipt and date, and, for a herziening
/// (art. 38h lid 5), the decision it revises with the old and new amount, the difference and the causes.
public struct Decision {
    public struct Revision {
        public var previous: StoredDecision
        public var levy: Cents
        public var hoursTotal: CentiHours
        public var hoursC: CentiHours
        public var attributable: Bool
        /// The rows received between the two runs' cut-offs (`--in`), as `diff --causes` finds them.
        public var causes: [DiffCauses.Cause]

        public var difference: Cents { levy - previous.levy }

        /// The figures of art. 38h lid 2 that changed: name, before and after, in contract notation.
        public var changed: [(String, String, String)] {
            var out: [(String, String, String)] = []
            if previous.hoursTotal != hoursTotal { out.append(("hours_total", previous.hoursTotal.description, hoursTotal.description)) }
            if previous.hoursC != hoursC { out.append(("hours_c", previous.hoursC.description, hoursC.description)) }
            if previous.levy != levy { out.append(("levy", previous.levy.description, levy.description)) }
            return out
        }
    }

    public var id: String
    public var employer: StoredEmployer
    public var run: RunSummary
    public var receipt: String
    public var date: LocalDate
    public var simulation: Bool
    public var quotaPercent: BasisPoints
    public var parameters: QuotaParameters
    public var explanation: Explanation
    public var revision: Revision?

    public var year: Int { run.year }
    public var levy: Cents { employer.figures.levy }
    public var objectionDeadline: LocalDate { ObjectionRules.deadline(decisionDate: date) }

    /// From 2026 the quotumheffing is levied only once activated (Wfsv art. 38e lid 1, text of 2026-07-01; Wet
    /// banenafspraak art. 5 lid 1): without an activation regulation the amount is computed, and not due.
    public var activation: QuotaActivation? { QuotaActivation(parameters) }
    public var activated: Bool { activation.map { $0.activationYear != nil } ?? true }

    /// Wfsv art. 38h lid 2 onder a: the levy is due (not in a simulation, not without activation, not at zero).
    public var levyDue: Bool { !simulation && activated && levy > .zero }

    /// The articles the decision rests on, each with what it says here.
    public var legalBasis: [(String, String)] {
        var out = [
            ("Wfsv art. 38h lid 1", "de inspecteur stelt de quotumheffing vast bij voor bezwaar vatbare beschikking"),
            ("Wfsv art. 38h lid 2", "de inhoud van de beschikking (onder a–f)"),
            ("Wfsv art. 38g lid 3", "de berekening van het quotumtekort"),
            ("Wfsv art. 38h lid 4", "het quotumtekort maal het bedrag per niet-bezette arbeidsplaats"),
            ("Wfsv art. 38h lid 7", "bezwaar volgens hoofdstuk V AWR; niet op de grief dat een werknemer niet in de registratie staat"),
        ]
        if revision != nil { out.append(("Wfsv art. 38h lid 5", "herziening binnen 5 jaar na het einde van het kalenderjaar")) }
        if simulation { out.append(("Wfsv art. 122na lid 1", "geen quotumheffing over een jaar vóór 2026: dit is een simulatie")) }
        return out
    }

    /// The stored form (the document is this decision's JSON).
    public var record: StoredDecision {
        StoredDecision(id: id, run: run.id, employerId: employer.id, year: year, levy: levy, hoursTotal: employer.figures.hoursTotal,
                       hoursC: employer.figures.hoursC, receipt: receipt, asOf: run.asOf, stage: run.stage, date: date.description,
                       revises: revision?.previous.id, simulation: simulation, document: json.rendered())
    }

    /// `DIR/<employer_id>.json`: exactly the keys of spec section 14, amounts as decimal strings as in `employers.csv`.
    public var json: JSONValue {
        let f = employer.figures
        func opt(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        let calculation: JSONValue = .object([
            ("sector", .string(employer.sector.rawValue)),
            ("liable", .bool(f.liable)),
            ("hours_a", .string(f.hoursA.description)),
            ("quota_percent", .string(quotaPercent.description)),
            ("required_hours", .string(f.requiredHours.description)),
            ("hours_c", .string(f.hoursC.description)),
            ("hours_per_job", .string(parameters.hoursPerJob.hours.description)),
            ("shortfall_jobs", .string(Quotumtekort.format(f.shortfallTenths))),
            ("levy_per_job", .string(parameters.levyPerJob.money.description)),
            ("levy", .string(f.levy.description)),
            ("explanation", explanation.jsonValue),
        ])
        let objection: JSONValue = .object([
            ("route", .string("bezwaar bij de inspecteur; hoofdstuk V AWR is van overeenkomstige toepassing (Wfsv art. 38h lid 7)")),
            ("term", .string("zes weken na de dag na de datum van deze beschikking (Awb art. 6:7 en 6:8)")),
            ("deadline", .string(objectionDeadline.description)),
            ("register_ground", .string(ObjectionRules.registerAnswer)),
        ])
        let revises: JSONValue = revision.map { r in
            .object([
                ("decision_id", .string(r.previous.id)),
                ("levy_before", .string(r.previous.levy.description)),
                ("levy_after", .string(r.levy.description)),
                ("difference", .string(r.difference.description)),
                ("attributable", .bool(r.attributable)),
                ("changed", .object(r.changed.map { ($0.0, .object([("a", .string($0.1)), ("b", .string($0.2))])) })),
                ("causes", .array(r.causes.map { c in
                    .object([("file", .string(c.file)), ("line", .integer(Int64(c.line))), ("received", .string(c.received)),
                             ("kind", .string(c.kind)), ("employer_id", .string(c.employerId)), ("person_id", .string(c.personId)),
                             ("period", opt(c.period)), ("hours_before", opt(c.hoursBefore?.description)),
                             ("hours_after", opt(c.hoursAfter?.description))])
                })),
            ])
        } ?? .null
        return .object([
            ("decision_id", .string(id)),
            ("employer_id", .string(employer.id)),
            ("year", .integer(Int64(year))),
            ("levy_due", .bool(levyDue)),
            ("hours_total", .string(f.hoursTotal.description)),
            ("hours_c", .string(f.hoursC.description)),
            ("calculation", calculation),
            ("levy", .string(f.levy.description)),
            ("run", .integer(run.id)),
            ("receipt", .string(receipt)),
            ("as_of", opt(run.asOf)),
            ("stage", opt(run.stage)),
            ("legal_basis", .array(legalBasis.map { .object([("article", .string($0.0)), ("content", .string($0.1))]) })),
            ("objection", objection),
            ("date", .string(date.description)),
            ("revises", revises),
        ])
    }
}
