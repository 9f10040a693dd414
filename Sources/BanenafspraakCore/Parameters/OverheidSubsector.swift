/// The overheidssectoren in which the overheid's part of the banenafspraak is monitored (the optional `subsector`
/// column of `employers.csv`, for `overheid` employers only).
///
/// Source: the yearly progress letters of the Minister van Binnenlandse Zaken en Koninkrijksrelaties on the
/// banenafspraak in the overheids- and onderwijssectoren, as agreed in the Bestuurlijk Akkoord of 2019, most recently
/// Kamerstukken II 2025/26, 34 352, nr. 348 (18 November 2025). The Raad van State warned that merging the two
/// sectors would lose this monitoring per sector and subsector (advice W12.20.0470/III on the Wet banenafspraak).
///
/// **Not verified against the letter's table** (it could not be read in full): the list below is the twelve
/// sectors as this project reads them; where a letter lists the rechterlijke macht or the onderzoeksinstellingen
/// apart, they count here within `rijk` and `wetenschappelijk_onderwijs` (docs/calibration.md, "Subsectors").
public enum OverheidSubsector: String, Sendable, CaseIterable, Comparable {
    case rijk
    case gemeenten
    case provincies
    case waterschappen
    case defensie
    case politie
    case primair_onderwijs
    case voortgezet_onderwijs
    case middelbaar_beroepsonderwijs
    case hoger_beroepsonderwijs
    case wetenschappelijk_onderwijs
    case umc

    /// The Dutch name as the letters write it.
    public var dutchName: String {
        switch self {
        case .rijk: "Rijk"
        case .gemeenten: "Gemeenten"
        case .provincies: "Provincies"
        case .waterschappen: "Waterschappen"
        case .defensie: "Defensie"
        case .politie: "Politie"
        case .primair_onderwijs: "Primair onderwijs"
        case .voortgezet_onderwijs: "Voortgezet onderwijs"
        case .middelbaar_beroepsonderwijs: "Middelbaar beroepsonderwijs"
        case .hoger_beroepsonderwijs: "Hoger beroepsonderwijs"
        case .wetenschappelijk_onderwijs: "Wetenschappelijk onderwijs"
        case .umc: "Universitair medische centra"
        }
    }

    /// Position in the list above (0-based), a stable small index for per-subsector arrays.
    public var index: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }

    /// The subsector whose raw value is exactly these bytes (case-sensitive, as every enum of the input contract).
    public static func parse<C: Collection>(_ bytes: C) -> OverheidSubsector? where C.Element == UInt8 {
        OverheidSubsector(rawValue: String(decoding: bytes, as: UTF8.self))
    }
}
