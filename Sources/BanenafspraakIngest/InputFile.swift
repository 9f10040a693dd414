/// The four input files of a run (input contract: docs/contracts-internal.md). The raw value is the file name, as
/// `rejected.csv`, `national.json`'s `rejections_by_reason` and the receipt write it.
public enum InputFile: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case employers = "employers.csv"
    case register = "register.csv"
    case payroll = "payroll.csv"
    case collaborations = "collaborations.csv"

    /// The file's key in `national.json`'s `rows` and the store's row counts: the name without `.csv`.
    public var key: String { String(rawValue.dropLast(4)) }

    /// The file whose ``key`` is `key`.
    public init?(key: String) {
        self.init(rawValue: key + ".csv")
    }

    /// The raw value, so that interpolation writes the file name.
    public var description: String { rawValue }
}
