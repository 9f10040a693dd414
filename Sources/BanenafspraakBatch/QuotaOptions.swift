import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest

/// What a `quota` run is asked to do (output contract: docs/contracts-internal.md).
public struct QuotaOptions: Sendable {
    public var year: Int
    public var inputDirectory: String
    /// Where `employers.csv`, `national.json`, `rejected.csv` and `report.html` go; `nil` writes nothing
    /// (explain uses this).
    public var outputDirectory: String?
    /// `--quota-percent markt=X overheid=Y total=Z`.
    public var quotaPercentOverrides: [Quotum: BasisPoints] = [:]
    /// Where an entry of ``quotaPercentOverrides`` came from when it was not a flag (e.g. `manifest.json`).
    public var quotaPercentSources: [Quotum: PercentProvenance] = [:]
    /// `--surcharge-percent R`.
    public var surchargeOverride: MilliPercent?
    public var regime: RegisterRegime = .current
    public var parameters: ParameterSet
    /// The `--params FILE` the parameters were loaded with, for the report.
    public var parametersFile: String?
    /// `--as-of DATE` / `--stage` (spec section 13): rows received after the date are not used.
    public var calendar = RunCalendar()
    /// Keep the line-level detail of this employer (for `explain`).
    public var traceEmployer: String?
    /// Keep every target-group line and the per-employer line counts (``QuotaResult/lineDetail``, for the store).
    public var keepLineDetail = false
    /// Called about every 64k payroll lines with (bytes read, file size, lines read).
    public var progress: (@Sendable (Int64, Int64, Int) -> Void)?

    /// Test seam: the person fingerprint used by the duplicate check (a constant, or a few bits, makes persons
    /// collide and forces their lines through the exact whole-file check).
    var personHash: @Sendable (UnsafeBufferPointer<UInt8>) -> UInt64 = { ByteStringTable.hash($0) }
    /// Test seam: told what the duplicate check did (person runs, suspects, lines checked again).
    var duplicateCheckObserver: (@Sendable (DuplicateCheckStats) -> Void)?
    /// Test seam: parse `payroll.csv` in two parts on two threads (the default), or in one.
    var splitPayroll = true

    public init(year: Int, inputDirectory: String, outputDirectory: String?, parameters: ParameterSet) {
        self.year = year
        self.inputDirectory = inputDirectory
        self.outputDirectory = outputDirectory
        self.parameters = parameters
    }
}
