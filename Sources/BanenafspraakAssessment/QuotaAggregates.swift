import BanenafspraakCore
import BanenafspraakIngest

/// Everything the quota rules need from a year's payroll, register and employer files, and nothing more:
/// the totals per employer, the target-group hours per (employer, person) pair, the December hours per sector,
/// the year's collaborations and the row counts (Kamerbrief vereenvoudiging banenafspraak (2019); results store: docs/contracts-internal.md; reading Regeling Wfsv art. 3.29-3.30 in docs/readings.md). It holds no reference to files or to the
/// aggregator, so a stored run, a simulation or a single employer's own totals can be assessed without any payroll.
///
/// The per-employer arrays are index-aligned: index `e` is the same employer in every array, in
/// ``Collaboration/from`` and ``Collaboration/to`` and in ``TargetGroupHours/employer``.
public struct QuotaAggregates: Sendable {
    /// Target-group hours of one person at one formal employer in year t: the LKV and bonus base
    /// (Wtl art. 2.13; reading R17 in docs/readings.md). `person` is a stable key: the person id in a run, a keyed pseudonym in a store.
    public struct TargetGroupHours: Sendable, Equatable {
        public var employer: Int32
        public var person: String
        public var hours: CentiHours
        public init(employer: Int32, person: String, hours: CentiHours) {
            self.employer = employer
            self.person = person
            self.hours = hours
        }
    }

    public var year: Int
    public var regime: RegisterRegime
    public var employerIds: [String]
    public var names: [String]
    public var sectors: [Sector]
    /// Arbeidsmarktregio 1–35 (`AMR01`–`AMR35`).
    public var regions: [UInt8]
    public var staffingAgency: [Bool]
    /// `prior_year_hours` from `employers.csv`, `nil` when not given (reading R9 in docs/readings.md).
    public var priorYearHours: [CentiHours?]
    /// hours_total: every own line in year t (reading R9 in docs/readings.md).
    public var hoursTotal: [CentiHours]
    /// A: own hours without lent-out lines and non-lent-out wsw lines (Wfsv art. 38g lid 2).
    public var hoursA: [CentiHours]
    /// C: target-group hours, at the hirer for lent-out lines (Besluit Wfsv art. 2.28).
    public var hoursC: [CentiHours]
    /// Premium base: own regular lines, wage capped per monthly tijdvak (WBA art. 6).
    public var premiumBase: [Cents]
    /// Sorted by employer, then person.
    public var targetGroupHours: [TargetGroupHours]
    /// Target-group hours in December per sector, in the hirer's sector when lent out (Regeling Wfsv art. 3.30).
    public var hoursDecember: [Sector: CentiHours]
    /// The collaborations read; only those of ``year`` move bonus (reading R18 in docs/readings.md).
    public var collaborations: [Collaboration]
    /// Row counts per input file.
    public var counts: [InputFile: RowCounts]
    /// Rejections per input file and reason code.
    public var rejectionsByCode: [InputFile: [RejectionCode: Int]]
    /// The first rejected rows, for the report.
    public var rejectionSample: [Rejection]

    public var employerCount: Int { employerIds.count }

    public init(year: Int, regime: RegisterRegime, employerIds: [String], names: [String], sectors: [Sector], regions: [UInt8],
                staffingAgency: [Bool], priorYearHours: [CentiHours?], hoursTotal: [CentiHours], hoursA: [CentiHours],
                hoursC: [CentiHours], premiumBase: [Cents], targetGroupHours: [TargetGroupHours],
                hoursDecember: [Sector: CentiHours], collaborations: [Collaboration] = [],
                counts: [InputFile: RowCounts] = [:], rejectionsByCode: [InputFile: [RejectionCode: Int]] = [:],
                rejectionSample: [Rejection] = []) {
        self.year = year
        self.regime = regime
        self.employerIds = employerIds
        self.names = names
        self.sectors = sectors
        self.regions = regions
        self.staffingAgency = staffingAgency
        self.priorYearHours = priorYearHours
        self.hoursTotal = hoursTotal
        self.hoursA = hoursA
        self.hoursC = hoursC
        self.premiumBase = premiumBase
        self.targetGroupHours = targetGroupHours
        self.hoursDecember = hoursDecember
        self.collaborations = collaborations
        self.counts = counts
        self.rejectionsByCode = rejectionsByCode
        self.rejectionSample = rejectionSample
    }

    /// Checks that the per-employer arrays line up and every index points at an employer.
    public func validate() throws {
        let n = employerIds.count
        let lengths = [("names", names.count), ("sectors", sectors.count), ("regions", regions.count),
                       ("staffingAgency", staffingAgency.count), ("priorYearHours", priorYearHours.count),
                       ("hoursTotal", hoursTotal.count), ("hoursA", hoursA.count), ("hoursC", hoursC.count),
                       ("premiumBase", premiumBase.count)]
        for (name, count) in lengths where count != n {
            throw QuotaRunError("aggregates: \(name) has \(count) entries for \(n) employers")
        }
        for t in targetGroupHours where t.employer < 0 || Int(t.employer) >= n {
            throw QuotaRunError("aggregates: target-group hours name employer index \(t.employer) of \(n)")
        }
        for c in collaborations where c.from < 0 || Int(c.from) >= n || c.to < 0 || Int(c.to) >= n {
            throw QuotaRunError("aggregates: collaboration on line \(c.line) names an employer index outside 0..<\(n)")
        }
        for sector in Sector.allCases where hoursDecember[sector] == nil {
            throw QuotaRunError("aggregates: no December hours for \(sector.rawValue)")
        }
    }

    /// The employers as the outputs and explanations expect them (dense ids in this order).
    public func employerRegistry() -> EmployerRegistry {
        var registry = EmployerRegistry()
        registry.ids = ByteStringTable(expectedCount: max(1024, employerIds.count))
        for id in employerIds { _ = Array(id.utf8).withUnsafeBufferPointer { registry.ids.intern($0) } }
        registry.sector = sectors
        registry.region = regions
        registry.staffingAgency = staffingAgency
        registry.priorYearHours = priorYearHours
        registry.names = names
        return registry
    }
}
