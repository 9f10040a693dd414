import BanenafspraakCore

/// The version of the engine that produced an output, shown in the report and in `national.json`.
public enum EngineVersion {
    public static let current = "0.9.0"
}

/// What produced a run's outputs: engine version, date, input folder, parameter file and the receipt hashes a
/// results store fills in (empty without a store). Shown in the report's "Hoe dit is gemaakt" block.
public struct RunDescription: Sendable {
    public var engineVersion = EngineVersion.current
    /// UTC, `2026-11-25 21:55:00 UTC`.
    public var producedAt = ""
    public var inputDirectory = ""
    /// `--params FILE`, when given.
    public var parametersFile: String?
    /// Receipt hashes of the inputs and outputs, by name (e.g. `payroll.csv` → `sha256:…`). A results store sets
    /// these before the report is rendered; the report lists them when present.
    public var receiptHashes: [(name: String, hash: String)] = []

    public init() {}
}
