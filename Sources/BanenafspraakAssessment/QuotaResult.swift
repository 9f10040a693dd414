import BanenafspraakCore
import BanenafspraakIngest

/// The per-employer figures of one year (Wfsv art. 38f-38h; Kamerbrief vereenvoudiging banenafspraak (2019); the columns of `employers.csv`).
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

/// The measurement of extra jobs for one sector or combined (reading Regeling Wfsv art. 3.29-3.30 in docs/readings.md).
public struct SectorMeasurement: Sendable, Equatable {
    public var hoursDecember: CentiHours
    public var baselineHours: CentiHours
    /// Hundredths of a job.
    public var extraJobsHundredths: Int64
    public var target: Int64
    public var activationIndicated: Bool
    public init(hoursDecember: CentiHours, baselineHours: CentiHours, extraJobsHundredths: Int64, target: Int64, activationIndicated: Bool) {
        self.hoursDecember = hoursDecember
        self.baselineHours = baselineHours
        self.extraJobsHundredths = extraJobsHundredths
        self.target = target
        self.activationIndicated = activationIndicated
    }
}

/// The quotum percentages of one year with their provenance and the sums they came from.
public struct QuotaPercentages: Sendable, Equatable {
    public var percent: [Quotum: BasisPoints]
    public var provenance: [Quotum: PercentProvenance]
    /// ΣA over liable employers per quotum.
    public var sumA: [Quotum: CentiHours]
    public init(percent: [Quotum: BasisPoints], provenance: [Quotum: PercentProvenance], sumA: [Quotum: CentiHours]) {
        self.percent = percent
        self.provenance = provenance
        self.sumA = sumA
    }
}

/// The lines behind one employer's figures, kept only for `explain` (explanations: docs/contracts-internal.md).
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
        /// Whether the person counts as arbeidsbeperkt on this line (Wfsv art. 38g lid 8).
        public var targetGroup: Bool
        public var line: Int
        /// The date the line was received (``ReceivedDate``; ``ReceivedDate/known`` without a `received` column).
        public var received: Int32 = ReceivedDate.known
        /// The corrections this line replaced, oldest first (spec section 13: a later line for the same key).
        public var corrections: [Correction] = []
        public init(person: String, period: YearMonth, hours: CentiHours, wage: Cents, scheme: PayrollScheme, employer: String,
                    hirer: String?, targetGroup: Bool, line: Int) {
            self.person = person
            self.period = period
            self.hours = hours
            self.wage = wage
            self.scheme = scheme
            self.employer = employer
            self.hirer = hirer
            self.targetGroup = targetGroup
            self.line = line
        }
    }
    /// A correction of a loonaangifte line (Wfsv art. 38e lid 3: "de correcties daarop"): the row received on
    /// `received` replaced one with `hoursBefore` by one with `hoursAfter` ("gecorrigeerd op 2025-04-02: 120,00 → 96,00 uur").
    public struct Correction: Sendable, Equatable {
        /// `YYYY-MM-DD`.
        public var received: String
        public var hoursBefore: CentiHours
        public var hoursAfter: CentiHours
        /// The line in `payroll.csv` of the row that was replaced.
        public var replacedLine: Int
        public init(received: String, hoursBefore: CentiHours, hoursAfter: CentiHours, replacedLine: Int) {
            self.received = received
            self.hoursBefore = hoursBefore
            self.hoursAfter = hoursAfter
            self.replacedLine = replacedLine
        }
    }
    /// A line received late or after the cut-off (spec section 13), as the explanation names it.
    public struct ReceivedNote: Sendable, Equatable {
        /// ``CalendarLineKind/late`` or ``CalendarLineKind/afterCutoff``.
        public var kind: CalendarLineKind
        public var person: String
        public var period: YearMonth
        public var hours: CentiHours
        /// `YYYY-MM-DD`.
        public var received: String
        public var line: Int
        public init(kind: CalendarLineKind, person: String, period: YearMonth, hours: CentiHours, received: String, line: Int) {
            self.kind = kind
            self.person = person
            self.period = period
            self.hours = hours
            self.received = received
            self.line = line
        }
    }
    public var employerId: String
    public var lines: [Line] = []
    /// The employer's lines received late or after the cut-off, by line (a stored run: target-group lines only).
    public var receivedNotes: [ReceivedNote] = []
    /// Routes of the persons in the trace, by pseudonym.
    public var routes: [String: [RegisterRoute]] = [:]
    /// Line counts of the employer's own lines, when the trace holds only its target-group lines (a stored run).
    public var lineCounts: EmployerLineCounts?
    public init(employerId: String, lines: [Line] = [], routes: [String: [RegisterRoute]] = [:], lineCounts: EmployerLineCounts? = nil) {
        self.employerId = employerId
        self.lines = lines
        self.routes = routes
        self.lineCounts = lineCounts
    }
}

/// How many of an employer's own lines the explanation of A and of the premium base counts (explanations: docs/contracts-internal.md).
public struct EmployerLineCounts: Sendable, Equatable {
    /// Own lines in A: not lent out, not wsw.
    public var a = 0
    /// Own regular lines, not lent out: the premium base.
    public var premiumBase = 0
    /// Of those, lines with a wage above the monthly cap.
    public var capped = 0
    public init(a: Int = 0, premiumBase: Int = 0, capped: Int = 0) {
        self.a = a
        self.premiumBase = premiumBase
        self.capped = capped
    }
}

/// One target-group line behind an employer's C, LKV or bonus (results store: docs/contracts-internal.md), with dense indexes.
public struct TargetGroupLineRecord: Sendable, Equatable {
    /// The formal employer's index.
    public var employer: Int32
    /// The hirer's index when lent out, else -1.
    public var hirer: Int32
    /// The person's index in ``RunLineDetail/persons``.
    public var person: Int32
    /// The date the line was received (``ReceivedDate``; ``ReceivedDate/known`` without a `received` column);
    /// declared here, in the padding before `period`, so a record stays 56 bytes.
    public var received: Int32 = ReceivedDate.known
    public var period: YearMonth
    public var hours: CentiHours
    public var wage: Cents
    public var scheme: PayrollScheme
    /// The line in `payroll.csv`.
    public var line: Int
    public init(employer: Int32, hirer: Int32, person: Int32, period: YearMonth, hours: CentiHours, wage: Cents,
                scheme: PayrollScheme, line: Int) {
        self.employer = employer
        self.hirer = hirer
        self.person = person
        self.period = period
        self.hours = hours
        self.wage = wage
        self.scheme = scheme
        self.line = line
    }
}

/// The line-level detail a store keeps so `explain` needs no rescan (``QuotaOptions/keepLineDetail``).
public struct RunLineDetail: Sendable {
    /// Every target-group line behind C, LKV and bonus, in file order.
    public var lines: [TargetGroupLineRecord]
    /// The person ids the lines name (by ``TargetGroupLineRecord/person``), with their register routes.
    public var persons: [String]
    public var routes: [[RegisterRoute]]
    /// Per employer index.
    public var lineCounts: [EmployerLineCounts]
    /// The corrected, late and after-cut-off target-group rows (spec section 13), persons as in ``lines``; empty
    /// for a run without the legal calendar.
    public var calendarLines: [CalendarLineRecord] = []
    public init(lines: [TargetGroupLineRecord], persons: [String], routes: [[RegisterRoute]], lineCounts: [EmployerLineCounts]) {
        self.lines = lines
        self.persons = persons
        self.routes = routes
        self.lineCounts = lineCounts
    }
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
    public var measurement: [Quotum: SectorMeasurement]
    public var counts: [InputFile: RowCounts]
    public var rejectionsByCode: [InputFile: [RejectionCode: Int]]
    public var rejectionSample: [Rejection]
    public var collaborations: [Collaboration]
    /// The line-level detail of the employer asked for with ``QuotaOptions/traceEmployer`` (for `explain`).
    public var trace: EmployerTrace?
    /// Retention and regional figures (Kamerstukken I 2016/17, 33 981, N).
    public var retention: RetentionFigures?
    /// The overheid's December target-group hours per subsector; only when employers.csv has a `subsector` column.
    public var subsectorDecember: SubsectorMeasurement?
    /// The line-level detail for a store, when ``QuotaOptions/keepLineDetail`` asked for it.
    public var lineDetail: RunLineDetail?
    /// The aggregates the figures were assessed from.
    public var aggregates: QuotaAggregates?
    /// What produced this run (engine version, date, input folder; receipt hashes when a store is used).
    public var run = RunDescription()
    /// The as-of date and stage the inputs were seen at (spec section 13); `nil` when no input has a `received`
    /// column and no `--as-of` was given (then no output mentions the calendar).
    public var calendar: RunCalendar?
    /// The report's "voorlopig naast definitief" table (spec section 13), set when the store holds the other stage's
    /// run of the same year: one row per figure, voorlopig (`a`) and definitief (`b`), in Dutch notation.
    public var stageComparison: [(label: String, a: String, b: String)]?
    /// Wall time of the run in nanoseconds.
    public var wallNanoseconds: UInt64 = 0
    /// Each input file as it was read, for the receipt's hashes to check against.
    public var inputStates: [InputFile: InputFileState] = [:]

    public init(year: Int, regime: RegisterRegime, parameters: QuotaParameters, employers: EmployerRegistry, figures: [EmployerFigures],
                percentages: QuotaPercentages, surchargeRate: MilliPercent, surchargeProvenance: PercentProvenance,
                sumPremiumBase: Cents, measurement: [Quotum: SectorMeasurement], counts: [InputFile: RowCounts],
                rejectionsByCode: [InputFile: [RejectionCode: Int]], rejectionSample: [Rejection], collaborations: [Collaboration],
                trace: EmployerTrace?) {
        self.year = year
        self.regime = regime
        self.parameters = parameters
        self.employers = employers
        self.figures = figures
        self.percentages = percentages
        self.surchargeRate = surchargeRate
        self.surchargeProvenance = surchargeProvenance
        self.sumPremiumBase = sumPremiumBase
        self.measurement = measurement
        self.counts = counts
        self.rejectionsByCode = rejectionsByCode
        self.rejectionSample = rejectionSample
        self.collaborations = collaborations
        self.trace = trace
    }

    /// Dense id of an employer.
    public func employerIndex(_ id: String) -> Int? {
        Array(id.utf8).withUnsafeBufferPointer { employers.ids.find($0).map(Int.init) }
    }
}

