/// A quotum percentage the rules set (Wfsv art. 38f lid 1): one per sector, or the combined one that every employer
/// is held to under `quota.combined_quotum`. The raw value is the key in `national.json`, the flags and the store.
public enum Quotum: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case markt
    case overheid
    case combined = "total"

    /// The quotum of one sector.
    public init(_ sector: Sector) {
        switch sector {
        case .markt: self = .markt
        case .overheid: self = .overheid
        }
    }

    /// The sector of a sector quotum; `nil` for the combined one.
    public var sector: Sector? {
        switch self {
        case .markt: .markt
        case .overheid: .overheid
        case .combined: nil
        }
    }

    /// The name in Dutch outputs: `Markt`, `Overheid`, `Totaal`.
    public var dutchName: String {
        switch self {
        case .markt: "Markt"
        case .overheid: "Overheid"
        case .combined: "Totaal"
        }
    }

    /// The sector quota, in the order of ``Sector/allCases``.
    public static let sectors: [Quotum] = Sector.allCases.map(Quotum.init)

    /// The raw value, so that interpolation writes `total`, not the case name.
    public var description: String { rawValue }
}
