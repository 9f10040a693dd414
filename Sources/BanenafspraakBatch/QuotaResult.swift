import BanenafspraakCore
import BanenafspraakIngest

/// The per-employer figures of one year (spec 5.3, 5.4; the columns of `employers.csv`).
public struct EmployerFigures: Sendable, Equatable {
    public var hoursTotal = CentiHours.zero
    public var hoursA = CentiHours.zero
    public var hoursC = CentiHours.zero
    public var premiumBase = Cents.zero
    public var lkv = Cents.zero
    public var bonus = Cents.zero
    public var liable = false
    public var requiredHours = CentiHours.zero
    /// Tenths of a job.
    public var shortfallTenths: Int64 = 0
    public var levy = Cents.zero
    public var surcharge = Cents.zero
    public var transfersOut = Cents.zero
    public var transfersIn = Cents.zero
    public var net = Cents.zero
    public init() {}
}

/// Where a percentage came from, for the explanation and the report.
public enum PercentProvenance: Sendable, Equatable {
    case override
    /// Taken from the input folder's `manifest.json` (the generator's suggestion for data below national size).
    case manifest(path: String)
    case published(ResolvedParameter)
    case computed
}

/// The measurement of extra jobs for one sector or combined (spec 5.2).
public struct SectorMeasurement: Sendable, Equatable {
    public var hoursDecember: CentiHours
    public var baselineHours: CentiHours
    /// Hundredths of a job.
    public var extraJobsHundredths: Int64
    public var target: Int64
    public var activationIndicated: Bool
}

/// The quotum percentages of one year with their provenance and the sums they came from.
public struct QuotaPercentages: Sendable, Equatable {
    public var percent: [String: BasisPoints]
    public var provenance: [String: PercentProvenance]
    /// ΣA over liable employers per key (`markt`, `overheid`, `total`).
    public var sumA: [String: CentiHours]
}

/// The lines behind one employer's figures, kept only for `explain` (spec 5.6).
public struct EmployerTrace: Sendable {
    public struct Line: Sendable, Equatable {
        public var person: String
        public var period: YearMonth
        public var hours: CentiHours
        public var wage: Cents
        public var scheme: PayrollScheme
        /// The formal employer's id.
        public var employer: String
        /// The hirer's id when lent out.
        public var hirer: String?
        /// Whether the person counts as arbeidsbeperkt on this line (spec 5.1).
        public var targetGroup: Bool
        public var line: Int
    }
    public var employerId: String
    public var lines: [Line] = []
    /// Routes of the persons in the trace, by pseudonym.
    public var routes: [String: [RegisterRoute]] = [:]
}

/// Everything one `quota` run computed.
public struct QuotaResult: Sendable {
    public var year: Int
    public var regime: RegisterRegime
    public var parameters: QuotaParameters
    public var employers: EmployerRegistry
    public var figures: [EmployerFigures]
    public var percentages: QuotaPercentages
    public var surchargeRate: MilliPercent
    public var surchargeProvenance: PercentProvenance
    /// Σ premium base over liable employers.
    public var sumPremiumBase: Cents
    public var measurement: [String: SectorMeasurement]
    public var counts: [String: RowCounts]
    public var rejectionsByCode: [String: [RejectionCode: Int]]
    public var rejectionSample: [Rejection]
    public var collaborations: [Collaboration]
    /// The line-level detail of the employer asked for with ``QuotaOptions/traceEmployer`` (for `explain`).
    public var trace: EmployerTrace?
    /// Retention and regional figures (seed 003).
    public var retention: RetentionFigures?
    /// What produced this run (engine version, date, input folder; receipt hashes when a store is used).
    public var run = RunDescription()
    /// Wall time of the run in nanoseconds.
    public var wallNanoseconds: UInt64 = 0

    /// Dense id of an employer.
    public func employerIndex(_ id: String) -> Int? {
        Array(id.utf8).withUnsafeBufferPointer { employers.ids.find($0).map(Int.init) }
    }
}
