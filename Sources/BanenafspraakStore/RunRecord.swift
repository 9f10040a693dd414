import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest

/// Everything one run writes into a store (results store: docs/contracts-internal.md), persons by pseudonym only. Built by ``make(result:…)``
/// from a finished run; a back-end writes it in one transaction.
public struct RunRecord: Sendable {
    public var year: Int
    public var regime: RegisterRegime
    public var receipt: RunReceipt
    public var national: StoredNational
    /// In index order (index `e` is ``StoredEmployer/index`` `e`).
    public var employers: [StoredEmployer]
    public var collaborations: [Collaboration]
    public var counts: [InputFile: RowCounts]
    public var rejections: StoredRejections
    /// Pseudonyms of the persons named by ``targetGroupHours`` and ``lines`` (by index), with their register routes.
    public var persons: [String]
    public var personRoutes: [[RegisterRoute]]
    /// Target-group hours per (employer, person index): the LKV and bonus base.
    public var targetGroupHours: [(employer: Int32, person: Int32, hours: CentiHours)]
    /// The target-group person-month lines behind C, LKV and bonus (person = index into ``persons``).
    public var lines: [TargetGroupLineRecord]
    /// The corrected, late and after-cut-off target-group rows (spec section 13; person = index into ``persons``).
    public var calendarLines: [CalendarLineRecord] = []
    /// `HOST:PID` of a writer that puts outputs in place after the store: the run stays hidden from every reader
    /// until ``ResultsStore/completeRun(_:)``. `nil`: the run is visible once written.
    public var pendingWriter: String?
    /// The as-of date and stage of the run (spec section 13), `nil` without.
    public var calendar: RunCalendar?

    public init(year: Int, regime: RegisterRegime, receipt: RunReceipt, national: StoredNational, employers: [StoredEmployer],
                collaborations: [Collaboration], counts: [InputFile: RowCounts], rejections: StoredRejections, persons: [String],
                personRoutes: [[RegisterRoute]], targetGroupHours: [(employer: Int32, person: Int32, hours: CentiHours)],
                lines: [TargetGroupLineRecord]) {
        self.year = year
        self.regime = regime
        self.receipt = receipt
        self.national = national
        self.employers = employers
        self.collaborations = collaborations
        self.counts = counts
        self.rejections = rejections
        self.persons = persons
        self.personRoutes = personRoutes
        self.targetGroupHours = targetGroupHours
        self.lines = lines
    }

    /// The record of a finished run. `result` must come from a run with ``QuotaOptions/keepLineDetail``;
    /// every person id is replaced by its pseudonym here, before any back-end sees it.
    public static func make(result: QuotaResult, receipt: RunReceipt, parameters: ParameterSet,
                            quotaPercentOverrides: [Quotum: BasisPoints], surchargeOverride: MilliPercent?,
                            rejectedCSV: [UInt8]?, pseudonymizer: Pseudonymizer) throws -> RunRecord {
        guard let aggregates = result.aggregates, let detail = result.lineDetail else {
            throw StoreError(.invalidRun, "the run kept no aggregates or line detail to store")
        }
        var persons = detail.persons.map(pseudonymizer.pseudonym)
        var routes = detail.routes
        var personIndex: [String: Int32] = [:]
        personIndex.reserveCapacity(detail.persons.count)
        for (i, p) in detail.persons.enumerated() { personIndex[p] = Int32(i) }
        var pairs: [(employer: Int32, person: Int32, hours: CentiHours)] = []
        pairs.reserveCapacity(aggregates.targetGroupHours.count)
        for t in aggregates.targetGroupHours {
            let index: Int32
            if let i = personIndex[t.person] { index = i } else {
                index = Int32(persons.count)
                personIndex[t.person] = index
                persons.append(pseudonymizer.pseudonym(t.person))
                routes.append([])
            }
            pairs.append((t.employer, index, t.hours))
        }
        var employers: [StoredEmployer] = []
        employers.reserveCapacity(aggregates.employerCount)
        for e in 0..<aggregates.employerCount {
            employers.append(StoredEmployer(
                index: Int32(e), id: aggregates.employerIds[e], name: aggregates.names[e], sector: aggregates.sectors[e],
                region: aggregates.regions[e], staffingAgency: aggregates.staffingAgency[e],
                priorYearHours: aggregates.priorYearHours[e], figures: result.figures[e],
                lineCounts: e < detail.lineCounts.count ? detail.lineCounts[e] : EmployerLineCounts(),
                subsector: result.employers.subsectorOf(e)))
        }
        let national = StoredNational(
            year: result.year, regime: result.regime, quotaPercent: result.percentages.percent,
            quotaPercentProvenance: result.percentages.provenance.mapValues(StoredProvenance.init), sumA: result.percentages.sumA,
            surchargePercent: result.surchargeRate, surchargeProvenance: StoredProvenance(result.surchargeProvenance),
            sumPremiumBase: result.sumPremiumBase, hoursDecember: aggregates.hoursDecember,
            quotaPercentOverrides: quotaPercentOverrides, surchargeOverride: surchargeOverride,
            parametersText: ParameterSetText.render(parameters), nationalJSON: QuotaOutputs.nationalJSON(result).rendered())
        return RunRecord(
            year: result.year, regime: result.regime, receipt: receipt, national: national, employers: employers,
            collaborations: aggregates.collaborations, counts: result.counts,
            rejections: StoredRejections(byCode: result.rejectionsByCode, sample: result.rejectionSample, csv: rejectedCSV),
            persons: persons, personRoutes: routes, targetGroupHours: pairs, lines: detail.lines)
            .with(calendar: result.calendar, calendarLines: detail.calendarLines)
    }

    func with(calendar: RunCalendar?, calendarLines: [CalendarLineRecord]) -> RunRecord {
        var r = self
        r.calendar = calendar
        r.calendarLines = calendarLines
        return r
    }
}
