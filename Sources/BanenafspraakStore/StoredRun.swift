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
    public func explainableResult(run: RunID, employer id: String) throws -> (result: QuotaResult, employer: Int) {
        try StoredExplainer(store: self, run: run).result(employer: id)
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
    private let provenance: [String: PercentProvenance]

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
        var provenance: [String: PercentProvenance] = [:]
        for (key, p) in national.quotaPercentProvenance {
            switch p {
            case .override: provenance[key] = .override
            case .computed: provenance[key] = .computed
            case .published:
                guard let sector = Sector(rawValue: key), let published = parameters.publishedPercent[sector] else {
                    throw StoreError(.invalidRun, "run \(run) in \(store.location): the published percentage for \(key) is not in its parameters")
                }
                provenance[key] = .published(published)
            }
        }
        self.provenance = provenance
    }

    /// A result holding the employer (index 0), its collaboration partners, the national figures, the parameters
    /// and a trace of its target-group lines (persons by pseudonym): `EmployerExplanation.build(result, employer: 0)`
    /// explains it exactly as the rescanning `explain` does.
    public func result(employer id: String) throws -> (result: QuotaResult, employer: Int) {
        guard let employer = try store.employer(run: run, id: id) else {
            throw StoreError(.unknownEmployer, "employer \(id) is not in run \(run) of \(store.location)")
        }
        return try result(employer: employer)
    }

    public func result(employer: StoredEmployer) throws -> (result: QuotaResult, employer: Int) {
        let location = store.location
        let involved = collaborationsByEmployer[employer.index] ?? []
        var indexes: [Int32] = [employer.index]
        for c in involved { for i in [c.from, c.to] where !indexes.contains(i) { indexes.append(i) } }
        let stored = indexes.count == 1 ? [employer] : try store.employers(run: run, indexes: indexes)
        guard stored.count == indexes.count else {
            throw StoreError(.invalidRun, "run \(run) in \(location): a collaboration names an employer that is not stored")
        }
        var local: [Int32: Int32] = [:]
        var registry = EmployerRegistry()
        for (k, s) in stored.enumerated() {
            local[s.index] = Int32(k)
            _ = Array(s.id.utf8).withUnsafeBufferPointer { registry.ids.intern($0) }
            registry.sector.append(s.sector)
            registry.region.append(s.region)
            registry.staffingAgency.append(s.staffingAgency)
            registry.priorYearHours.append(s.priorYearHours)
            registry.names.append(s.name)
        }
        let remapped = involved.map { c in
            Collaboration(from: local[c.from]!, to: local[c.to]!, year: c.year, percent: c.percent, line: c.line)
        }

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
        let result = QuotaResult(
            year: national.year, regime: national.regime, parameters: parameters, employers: registry, figures: stored.map(\.figures),
            percentages: QuotaPercentages(percent: national.quotaPercent, provenance: provenance, sumA: national.sumA),
            surchargeRate: national.surchargePercent, surchargeProvenance: surchargeProvenance, sumPremiumBase: national.sumPremiumBase,
            measurement: [:], counts: [:], rejectionsByCode: [:], rejectionSample: [], collaborations: remapped, trace: trace)
        return (result, 0)
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
        public var employerId: String
        /// `changed`, `added` (only in run B) or `removed` (only in run A).
        public var kind: String
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
                out.append(EmployerChange(employerId: a[i].id, kind: "removed",
                                          changes: columns(a[i].sector, a[i].figures).map { Change(column: $0.0, before: $0.1, after: "") }))
                i += 1
            } else if i == a.count || b[j].id.utf8.lexicographicallyPrecedes(a[i].id.utf8) {
                out.append(EmployerChange(employerId: b[j].id, kind: "added",
                                          changes: columns(b[j].sector, b[j].figures).map { Change(column: $0.0, before: "", after: $0.1) }))
                j += 1
            } else {
                if a[i].figures != b[j].figures || a[i].sector != b[j].sector {
                    let changes = zip(columns(a[i].sector, a[i].figures), columns(b[j].sector, b[j].figures))
                        .filter { $0.1 != $1.1 }.map { Change(column: $0.0, before: $0.1, after: $1.1) }
                    if !changes.isEmpty { out.append(EmployerChange(employerId: a[i].id, kind: "changed", changes: changes)) }
                }
                i += 1; j += 1
            }
        }
        return RunDiff(runA: runA, runB: runB, employers: out, compared: max(a.count, b.count))
    }
}
