/// The vrijlatingen van arbeidsinkomsten of Pwet art. 31 lid 2 that this project models (seed 002).
public enum VrijlatingCategory: String, Sendable, CaseIterable {
    /// Onder n: algemene vrijlating, 25%, 6 maanden, niet voor jongeren onder 27.
    case n
    /// Onder r: alleenstaande ouder, 12,5%.
    case r
    /// Onder y: medisch urenbeperkten, 15%, structureel.
    case y
    /// Onder z: werken met loonkostensubsidie, 15%, 12 maanden, verlengbaar (from 2023; seed 002).
    case z
    /// Onder aa: as z.
    case aa

    public var label: String {
        switch self {
        case .n: return "Vrijlating arbeidsinkomsten (Pwet art. 31 lid 2 onder n)"
        case .r: return "Vrijlating alleenstaande ouder (Pwet art. 31 lid 2 onder r)"
        case .y: return "Vrijlating medisch urenbeperkten (Pwet art. 31 lid 2 onder y)"
        case .z: return "Vrijlating werken met loonkostensubsidie (Pwet art. 31 lid 2 onder z)"
        case .aa: return "Vrijlating Pwet art. 31 lid 2 onder aa"
        }
    }
}
