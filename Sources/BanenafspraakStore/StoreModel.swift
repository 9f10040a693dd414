import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest

/// A run's id in a store: 1, 2, … in order of writing.
public typealias RunID = Int64

/// The SHA-256 and size of one input file.
public struct InputFileDigest: Sendable, Equatable, Codable {
    public var name: String
    public var sha256: String
    public var bytes: Int64
    public init(name: String, sha256: String, bytes: Int64) {
        self.name = name
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// What anyone needs to check that a stored figure came from these inputs (results store: docs/contracts-internal.md).
public struct RunReceipt: Sendable, Equatable, Codable {
    /// Every input file that was read, by name.
    public var inputFiles: [InputFileDigest]
    /// SHA-256 of the effective parameter set (after `--params`), in its canonical text (``ParameterSetText``).
    public var parametersSHA256: String
    /// The command's flags as given, e.g. `["--year", "2024", "--quota-percent", "markt=2.10"]`.
    public var flags: [String]
    public var engineVersion: String
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    public var createdAt: String
    public init(inputFiles: [InputFileDigest], parametersSHA256: String, flags: [String], engineVersion: String, createdAt: String) {
        self.inputFiles = inputFiles
        self.parametersSHA256 = parametersSHA256
        self.flags = flags
        self.engineVersion = engineVersion
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case inputFiles = "input_files", parametersSHA256 = "parameters_sha256", flags, engineVersion = "engine_version"
        case createdAt = "created_at"
    }
}

/// One line of `runs`: the run's identity, receipt and counts.
public struct RunSummary: Sendable, Equatable {
    public var id: RunID
    public var year: Int
    public var regime: RegisterRegime
    public var createdAt: String
    public var engineVersion: String
    public var receipt: RunReceipt
    public var employers: Int
    public var counts: [InputFile: RowCounts]
    /// The date the run saw the inputs as (`YYYY-MM-DD`), and its stage (`voorlopig`, `definitief`); spec section 13.
    /// `nil` for a run without `--as-of`/`--stage` (and every run stored before schema v3).
    public var asOf: String?
    public var stage: String?
    public init(id: RunID, year: Int, regime: RegisterRegime, createdAt: String, engineVersion: String, receipt: RunReceipt,
                employers: Int, counts: [InputFile: RowCounts], asOf: String? = nil, stage: String? = nil) {
        self.asOf = asOf
        self.stage = stage
        self.id = id
        self.year = year
        self.regime = regime
        self.createdAt = createdAt
        self.engineVersion = engineVersion
        self.receipt = receipt
        self.employers = employers
        self.counts = counts
    }
}

/// Where a percentage came from, as stored: `override`, `published` or `computed`.
public enum StoredProvenance: String, Sendable, Equatable {
    case override, published, computed
    public init(_ p: PercentProvenance) {
        switch p {
        case .override, .manifest: self = .override
        case .published: self = .published
        case .computed: self = .computed
        }
    }
}

/// A run's national figures and everything the rules settled nationally (results store: docs/contracts-internal.md).
public struct StoredNational: Sendable, Equatable {
    public var year: Int
    public var regime: RegisterRegime
    public var quotaPercent: [Quotum: BasisPoints]
    public var quotaPercentProvenance: [Quotum: StoredProvenance]
    /// ΣA over liable employers per quotum.
    public var sumA: [Quotum: CentiHours]
    public var surchargePercent: MilliPercent
    public var surchargeProvenance: StoredProvenance
    public var sumPremiumBase: Cents
    public var hoursDecember: [Sector: CentiHours]
    /// `--quota-percent` and `--surcharge-percent` as given (they apply again when the run is re-assessed).
    public var quotaPercentOverrides: [Quotum: BasisPoints]
    public var surchargeOverride: MilliPercent?
    /// The effective parameter set in its canonical text (``ParameterSetText``).
    public var parametersText: String
    /// `national.json` exactly as `quota` wrote it.
    public var nationalJSON: String
    public init(year: Int, regime: RegisterRegime, quotaPercent: [Quotum: BasisPoints], quotaPercentProvenance: [Quotum: StoredProvenance],
                sumA: [Quotum: CentiHours], surchargePercent: MilliPercent, surchargeProvenance: StoredProvenance,
                sumPremiumBase: Cents, hoursDecember: [Sector: CentiHours], quotaPercentOverrides: [Quotum: BasisPoints],
                surchargeOverride: MilliPercent?, parametersText: String, nationalJSON: String) {
        self.year = year
        self.regime = regime
        self.quotaPercent = quotaPercent
        self.quotaPercentProvenance = quotaPercentProvenance
        self.sumA = sumA
        self.surchargePercent = surchargePercent
        self.surchargeProvenance = surchargeProvenance
        self.sumPremiumBase = sumPremiumBase
        self.hoursDecember = hoursDecember
        self.quotaPercentOverrides = quotaPercentOverrides
        self.surchargeOverride = surchargeOverride
        self.parametersText = parametersText
        self.nationalJSON = nationalJSON
    }
}

/// One employer of a stored run: its `employers.csv` row, name, region and what the rules need (results store: docs/contracts-internal.md).
public struct StoredEmployer: Sendable, Equatable {
    /// The employer's dense index in the run (as in ``QuotaAggregates``).
    public var index: Int32
    public var id: String
    public var name: String
    public var sector: Sector
    /// Arbeidsmarktregio 1–35.
    public var region: UInt8
    public var staffingAgency: Bool
    public var priorYearHours: CentiHours?
    public var figures: EmployerFigures
    public var lineCounts: EmployerLineCounts
    /// The overheid subsector from `employers.csv` (schema v8); nil when none was given, and for every employer
    /// stored before v8.
    public var subsector: OverheidSubsector?
    public init(index: Int32, id: String, name: String, sector: Sector, region: UInt8, staffingAgency: Bool,
                priorYearHours: CentiHours?, figures: EmployerFigures, lineCounts: EmployerLineCounts,
                subsector: OverheidSubsector? = nil) {
        self.subsector = subsector
        self.index = index
        self.id = id
        self.name = name
        self.sector = sector
        self.region = region
        self.staffingAgency = staffingAgency
        self.priorYearHours = priorYearHours
        self.figures = figures
        self.lineCounts = lineCounts
    }

    /// `AMR01` … `AMR35`.
    public var regionCode: String { Arbeidsmarktregio.code(region) }
}

/// One stored target-group person-month line (results store: docs/contracts-internal.md): the person by pseudonym only.
public struct StoredLine: Sendable, Equatable {
    public var employer: Int32
    /// -1 when not lent out.
    public var hirer: Int32
    public var person: String
    public var period: YearMonth
    public var hours: CentiHours
    public var wage: Cents
    public var scheme: PayrollScheme
    public var line: Int
    public init(employer: Int32, hirer: Int32, person: String, period: YearMonth, hours: CentiHours, wage: Cents,
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

/// One target-group line of a month as the monitor counts it: the person by index into the run's persons (never
/// by pseudonym, it only needs to tell persons apart), the employers by index in the run.
public struct MonthLine: Sendable, Equatable {
    public var employer: Int32
    /// -1 when not lent out.
    public var hirer: Int32
    public var person: Int32
    public var hours: CentiHours
    public init(employer: Int32, hirer: Int32, person: Int32, hours: CentiHours) {
        self.employer = employer
        self.hirer = hirer
        self.person = person
        self.hours = hours
    }
}

/// A stored ``CalendarLineRecord`` (results store: docs/contracts-internal.md): a corrected, late or after-cut-off
/// target-group row of a run (spec section 13), the person by pseudonym only, the employers by index in the run.
public struct StoredCalendarLine: Sendable, Equatable {
    public var kind: CalendarLineKind
    public var employer: Int32
    /// -1 when not lent out.
    public var hirer: Int32
    public var person: String
    public var period: YearMonth
    /// `YYYY-MM-DD`.
    public var received: String
    /// For a correction: the hours of the row it replaced.
    public var hoursBefore: CentiHours?
    public var hours: CentiHours
    /// The line in `payroll.csv`; for a correction, the line of the row that counts.
    public var line: Int
    /// For a correction: the line of the row it replaced.
    public var replacedLine: Int?

    public init(kind: CalendarLineKind, employer: Int32, hirer: Int32, person: String, period: YearMonth, received: String,
                hoursBefore: CentiHours?, hours: CentiHours, line: Int, replacedLine: Int?) {
        self.kind = kind
        self.employer = employer
        self.hirer = hirer
        self.person = person
        self.period = period
        self.received = received
        self.hoursBefore = hoursBefore
        self.hours = hours
        self.line = line
        self.replacedLine = replacedLine
    }
}

/// A run's rejections: counts per file and reason code, the first rejected rows, and `rejected.csv` itself.
public struct StoredRejections: Sendable, Equatable {
    public var byCode: [InputFile: [RejectionCode: Int]]
    public var sample: [Rejection]
    /// `rejected.csv` as written, or `nil` when the run wrote none.
    public var csv: [UInt8]?
    public init(byCode: [InputFile: [RejectionCode: Int]], sample: [Rejection], csv: [UInt8]?) {
        self.byCode = byCode
        self.sample = sample
        self.csv = csv
    }
}

/// What a bearer token may see (server: docs/contracts-internal.md).
public enum TokenAccess: Sendable, Equatable {
    /// Only this employer's figures and explanation, in every run.
    case employer(String)
    /// Everything.
    case analyst
    /// The aggregates of its arbeidsmarktregio (`AMR01`–`AMR35`) and the figures, not the persons, of the employers in it.
    case municipality(region: String)
    /// Read-only: runs, receipts, decisions, objections and the access log; no person-level data.
    case auditor

    public var role: TokenRole {
        switch self {
        case .employer: return .employer
        case .analyst: return .analyst
        case .municipality: return .municipality
        case .auditor: return .auditor
        }
    }

    /// From the stored columns; nil for a row that fits no role.
    public init?(role: String, employerId: String?, region: String?) {
        switch TokenRole(rawValue: role) {
        case .employer?: guard let employerId else { return nil }; self = .employer(employerId)
        case .analyst?: self = .analyst
        case .municipality?: guard let region else { return nil }; self = .municipality(region: region)
        case .auditor?: self = .auditor
        case nil: return nil
        }
    }

    /// The stored columns `employer_id` and `region`.
    public var employerId: String? { if case .employer(let id) = self { return id } else { return nil } }
    public var region: String? { if case .municipality(let r) = self { return r } else { return nil } }
}

/// The closed set of token roles (the `role` column of `tokens`).
public enum TokenRole: String, Sendable, Equatable, CaseIterable {
    case employer, analyst, municipality, auditor
}

/// A token as the store keeps it: only the hash.
public struct StoredToken: Sendable, Equatable {
    public var hash: String
    public var access: TokenAccess
    public var createdAt: String
    /// `nil` while the token is valid.
    public var revokedAt: String?
    public init(hash: String, access: TokenAccess, createdAt: String, revokedAt: String?) {
        self.hash = hash
        self.access = access
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
    public var isActive: Bool { revokedAt == nil }
}

/// A sign-in session of the employer pages as the store keeps it: only hashes. It ends at `expiresAt`, or when
/// its token is revoked (the server checks the token on every request).
public struct StoredSession: Sendable, Equatable {
    public var hash: String
    public var tokenHash: String
    public var createdAt: String
    /// ISO 8601 UTC, `2026-12-03T08:00:00Z`: compares as text.
    public var expiresAt: String
    public init(hash: String, tokenHash: String, createdAt: String, expiresAt: String) {
        self.hash = hash
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// Why a store cannot be used; the message names the store, the run or the lock.
public struct StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case notAStore, newerSchema, unknownRun, unknownEmployer, locked, invalidRun, io
        /// The store's file is damaged (SQLite: a failed integrity check, or a page that cannot be read).
        case damaged
    }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
    public var description: String { message }
}

extension RunSummary {
    /// The run with its receipt, as `runs --format json` and `GET /api/v1/runs` write it.
    public var json: JSONValue {
        .object([
            ("id", .integer(id)), ("year", .integer(Int64(year))), ("created_at", .string(createdAt)),
            ("regime_register", .string(regime.rawValue)), ("engine_version", .string(engineVersion)),
            ("employers", .integer(Int64(employers))),
            ("receipt", .object([
                ("input_files", .array(receipt.inputFiles.map {
                    .object([("name", .string($0.name)), ("sha256", .string($0.sha256)), ("bytes", .integer($0.bytes))])
                })),
                ("parameters_sha256", .string(receipt.parametersSHA256)),
                ("flags", .array(receipt.flags.map { .string($0) })),
                ("engine_version", .string(receipt.engineVersion)),
                ("created_at", .string(receipt.createdAt)),
            ])),
        ])
    }
}

extension QuotaAggregates {
    /// A stored run's aggregates, from its national figures, its employers (in index order) and its target-group
    /// hours per (employer, pseudonym) pair: what every back-end's `aggregates(run:)` gives back.
    public init(national: StoredNational, employers: [StoredEmployer], targetGroupHours: [TargetGroupHours],
                collaborations: [Collaboration], counts: [InputFile: RowCounts], rejections: StoredRejections) {
        self.init(
            year: national.year, regime: national.regime, employerIds: employers.map(\.id), names: employers.map(\.name),
            sectors: employers.map(\.sector), regions: employers.map(\.region), staffingAgency: employers.map(\.staffingAgency),
            priorYearHours: employers.map(\.priorYearHours), hoursTotal: employers.map(\.figures.hoursTotal),
            hoursA: employers.map(\.figures.hoursA), hoursC: employers.map(\.figures.hoursC),
            premiumBase: employers.map(\.figures.premiumBase), targetGroupHours: targetGroupHours,
            hoursDecember: national.hoursDecember, collaborations: collaborations, counts: counts,
            rejectionsByCode: rejections.byCode, rejectionSample: rejections.sample)
    }
}
