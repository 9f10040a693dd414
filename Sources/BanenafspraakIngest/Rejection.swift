import BanenafspraakCore

/// Why a row was rejected (docs/contracts-internal.md). The raw value is the code in `rejected.csv`.
public enum RejectionCode: String, Sendable, CaseIterable {
    case fieldCount = "field_count"
    case requiredEmpty = "required_empty"
    case malformed
    case outOfRange = "out_of_range"
    case negative
    case unknownEmployer = "unknown_employer"
    case hirerIsEmployer = "hirer_is_employer"
    case duplicate
    case fromAfterUntil = "from_after_until"
    case percentSumOver100 = "percent_sum_over_100"
}

/// One rejected row: file, physical line, column, reason and the raw record (input contract: docs/contracts-internal.md).
public struct Rejection: Sendable, Equatable {
    public var file: InputFile
    public var line: Int
    public var column: String
    public var code: RejectionCode
    public var message: String
    public var raw: [UInt8]

    public init(file: InputFile, line: Int, column: String, code: RejectionCode, message: String, raw: [UInt8]) {
        self.file = file
        self.line = line
        self.column = column
        self.code = code
        self.message = message
        self.raw = raw
    }

    /// `code: message`, the `reason` column.
    public var reason: String { "\(code.rawValue): \(message)" }
}

/// Row counts of one input file (input contract: docs/contracts-internal.md, national.json `rows`).
public struct RowCounts: Sendable, Equatable {
    public var read = 0
    public var accepted = 0
    public var rejected = 0
    /// Payroll only: valid, non-duplicate rows outside year t.
    public var outsideYear = 0
    /// Rows received after the as-of date (spec section 13; Wfsv art. 38e lid 3): not used, not rejected.
    public var afterCutoff = 0
    /// Payroll only: rows replaced by a later-received correction for the same key (spec section 13).
    public var superseded = 0
    public init() {}
    /// `read = accepted + rejected + outside_year + after_cutoff + superseded`.
    public var reconciles: Bool { read == accepted + rejected + outsideYear + afterCutoff + superseded }
}
