import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest

extension ResultsStore {
    /// The quota parameters the run used, from its stored effective parameter set.
    public func parameters(run: RunID) throws -> (set: ParameterSet, quota: QuotaParameters) {
        let national = try national(run: run)
        let set = try ParameterSetText.parse(national.parametersText)
        do { return (set, try QuotaParameters(year: national.year, from: set)) } catch {
            throw StoreError(.invalidRun, "run \(run) in \(location): its stored parameters do not resolve for \(national.year): \(error)")
        }
    }

    /// What `explain` needs for one employer, from the store alone (results store: docs/contracts-internal.md); see ``StoredExplainer``.
    public func assessedEmployer(run: RunID, employer id: String) throws -> AssessedEmployer {
        try StoredExplainer(store: self, run: run).assessed(employer: id)
    }
}

/// Explains employers of one stored run without any payroll (results store: docs/contracts-internal.md): loads the run's national figures,
/// parameters and collaborations once, then per employer only its row, its partners and its target-group lines.
public final class StoredExplainer {
    public let store: any ResultsStore
    public let run: RunID
    public let national: StoredNational
    public let parameters: QuotaParameters
    private let collaborationsByEmployer: [Int32: [Collaboration]]
    private let provenance: [Quotum: PercentProvenance]

    public init(store: any ResultsStore, run: RunID) throws {
        self.store = store
        self.run = run
        national = try store.national(run: run)
        parameters = try store.parameters(run: run).quota
        var byEmployer: [Int32: [Collaboration]] = [:]
        for c in try store.collaborations(run: run) {
            byEmployer[c.from, default: []].append(c)
            if c.to != c.from { byEmployer[c.to, default: []].append(c) }
        }
        collaborationsByEmployer = byEmployer
        var provenance: [Quotum: PercentProvenance] = [:]
        for (key, p) in national.quotaPercentProvenance {
            switch p {
            case .override: provenance[key] = .override
            case .computed: provenance[key] = .computed
            case .published:
                guard let sector = key.sector, let published = parameters.publishedPercent[sector] else {
                    throw StoreError(.invalidRun, "run \(run) in \(store.location): the published percentage for \(key) is not in its parameters")
                }
                provenance[key] = .published(published)
            }
        }
        self.provenance = provenance
    }

    /// The employer with the national rates, the parameters, its transfers and a trace of its target-group lines
    /// (persons by pseudonym): `EmployerExplanation.build(_:)` explains it exactly as the rescanning `explain` does.
    public func assessed(employer id: String) throws -> AssessedEmployer {
        guard let employer = try store.employer(run: run, id: id) else {
            throw StoreError(.unknownEmployer, "employer \(id) is not in run \(run) of \(store.location)")
        }
        return try assessed(employer: employer)
    }

    public func assessed(employer: StoredEmployer) throws -> AssessedEmployer {
        let location = store.location
        let involved = collaborationsByEmployer[employer.index] ?? []
        var indexes: [Int32] = [employer.index]
        for c in involved { for i in [c.from, c.to] where !indexes.contains(i) { indexes.append(i) } }
        let stored = indexes.count == 1 ? [employer] : try store.employers(run: run, indexes: indexes)
        guard stored.count == indexes.count else {
            throw StoreError(.invalidRun, "run \(run) in \(location): a collaboration names an employer that is not stored")
        }
        var byIndex: [Int32: StoredEmployer] = [:]
        for s in stored { byIndex[s.index] = s }
        let transfers = involved.filter { $0.year == national.year }

        // The trace: target-group lines with the ids of the employers they name.
        let lines = try store.targetGroupLines(run: run, employer: employer.index)
        var named = Set(lines.map(\.employer))
        named.formUnion(lines.map(\.hirer).filter { $0 >= 0 })
        var idOf: [Int32: String] = [:]
        for s in stored { idOf[s.index] = s.id }
        let missing = named.filter { idOf[$0] == nil }
        if !missing.isEmpty { for s in try store.employers(run: run, indexes: missing.sorted()) { idOf[s.index] = s.id } }
        var trace = EmployerTrace(employerId: employer.id, lineCounts: employer.lineCounts)
        trace.lines = try lines.map { l in
            guard let formal = idOf[l.employer], l.hirer < 0 || idOf[l.hirer] != nil else {
                throw StoreError(.invalidRun, "run \(run) in \(location): line \(l.line) names an employer that is not stored")
            }
            return EmployerTrace.Line(person: l.person, period: l.period, hours: l.hours, wage: l.wage, scheme: l.scheme,
                                      employer: formal, hirer: l.hirer >= 0 ? idOf[l.hirer] : nil, targetGroup: true, line: l.line)
        }
        attachCalendar(try store.calendarLines(run: run, employer: employer.index), to: &trace)
        trace.routes = try store.personRoutes(run: run, persons: Array(Set(lines.map(\.person))))

        let surchargeProvenance: PercentProvenance = national.surchargeProvenance == .override ? .override : .computed
        let rates = NationalRates(percentages: QuotaPercentages(percent: national.quotaPercent, provenance: provenance, sumA: national.sumA),
                                  surchargeRate: national.surchargePercent, surchargeProvenance: surchargeProvenance,
                                  sumPremiumBase: national.sumPremiumBase)
        return AssessedEmployer(
            year: national.year, parameters: parameters, rates: rates, id: employer.id, sector: employer.sector,
            priorYearHours: employer.priorYearHours, figures: employer.figures, trace: trace,
            transfersOut: transfers.filter { $0.from == employer.index }.map {
                .init(partner: byIndex[$0.to]!.id, percent: $0.percent, line: $0.line, giverBonus: employer.figures.bonus)
            },
            transfersIn: transfers.filter { $0.to == employer.index }.map {
                .init(partner: byIndex[$0.from]!.id, percent: $0.percent, line: $0.line, giverBonus: byIndex[$0.from]!.figures.bonus)
            })
    }
}

extension StoredExplainer {
    /// Puts a stored run's calendar rows (spec section 13) on the trace as a rescanning `explain` does: each
    /// correction on the line that counts, late and after-cut-off lines as notes.
    func attachCalendar(_ calendar: [StoredCalendarLine], to trace: inout EmployerTrace) {
        guard !calendar.isEmpty else { return }
        var corrections: [Int: [EmployerTrace.Correction]] = [:]
        for c in calendar {
            switch c.kind {
            case .correction:
                corrections[c.line, default: []].append(EmployerTrace.Correction(
                    received: c.received, hoursBefore: c.hoursBefore ?? .zero, hoursAfter: c.hours, replacedLine: c.replacedLine ?? c.line))
            case .late, .afterCutoff:
                trace.receivedNotes.append(EmployerTrace.ReceivedNote(kind: c.kind, person: c.person, period: c.period, hours: c.hours,
                                                                      received: c.received, line: c.line))
            }
        }
        for i in trace.lines.indices {
            if let cs = corrections[trace.lines[i].line] {
                trace.lines[i].corrections = cs.sorted { ($0.received, $0.replacedLine) < ($1.received, $1.replacedLine) }
            }
        }
    }
}

/// The employers whose figures differ between two runs, column by column (`diff`, results store: docs/contracts-internal.md).
public struct RunDiff: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var column: String
        public var before: String
        public var after: String
    }
    public struct EmployerChange: Sendable, Equatable {
        /// The raw value is what `diff` writes.
        public enum Kind: String, Sendable {
            case changed
            /// Only in run B.
            case added
            /// Only in run A.
            case removed
        }

        public var employerId: String
        public var kind: Kind
        public var changes: [Change]
    }
    public var runA: RunID
    public var runB: RunID
    /// Sorted by employer id (byte order).
    public var employers: [EmployerChange]
    public var compared: Int

    /// The columns of `employers.csv` after `employer_id`, as written there.
    public static func columns(_ sector: Sector, _ f: EmployerFigures) -> [(String, String)] {
        [("sector", sector.rawValue)] + f.contractCells.map { ($0.column.rawValue, $0.text) }
    }

    public static func compute(store: any ResultsStore, runA: RunID, runB: RunID) throws -> RunDiff {
        let a = try store.employers(run: runA).sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        let b = try store.employers(run: runB).sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        var out: [EmployerChange] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].id.utf8.lexicographicallyPrecedes(b[j].id.utf8)) {
                out.append(EmployerChange(employerId: a[i].id, kind: .removed,
                                          changes: columns(a[i].sector, a[i].figures).map { Change(column: $0.0, before: $0.1, after: "") }))
                i += 1
            } else if i == a.count || b[j].id.utf8.lexicographicallyPrecedes(a[i].id.utf8) {
                out.append(EmployerChange(employerId: b[j].id, kind: .added,
                                          changes: columns(b[j].sector, b[j].figures).map { Change(column: $0.0, before: "", after: $0.1) }))
                j += 1
            } else {
                if a[i].figures != b[j].figures || a[i].sector != b[j].sector {
                    let changes = zip(columns(a[i].sector, a[i].figures), columns(b[j].sector, b[j].figures))
                        .filter { $0.1 != $1.1 }.map { Change(column: $0.0, before: $0.1, after: $1.1) }
                    if !changes.isEmpty { out.append(EmployerChange(employerId: a[i].id, kind: .changed, changes: changes)) }
                }
                i += 1; j += 1
            }
        }
        return RunDiff(runA: runA, runB: runB, employers: out, compared: max(a.count, b.count))
    }
}
