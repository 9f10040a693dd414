/// The vrijlatingen van arbeidsinkomsten of Pwet art. 31 lid 2 that this project models
/// (Kamerstukken II 2018/19, 34 352, nr. 163; docs/readings.md, "Vrijlating").
public enum VrijlatingCategory: String, Sendable, CaseIterable {
    /// Onder n: algemene vrijlating, 25%, 6 maanden, niet voor jongeren onder 27 (lid 5; behalve art. 31a, 2020-2021).
    case n
    /// Onder r: alleenstaande ouder met een ten laste komend kind jonger dan 12 jaar, 12,5%, 30 maanden, niet onder 27.
    case r
    /// Onder y: medisch urenbeperkten, 15%, structureel.
    case y
    /// Onder z: werken met loonkostensubsidie, 15%, 12 maanden, verlengbaar door het college (from 2023).
    case z
    /// Onder aa: the second vrijlating the Wet uitvoering Breed Offensief added next to z. This project applies it
    /// exactly as z (same percentage, cap and 12 months, extendable); the text of lid 2 onder aa was not checked
    /// (docs/readings.md, "Vrijlating onder aa").
    case aa

    public var label: String {
        switch self {
        case .n: return "Vrijlating arbeidsinkomsten (Pwet art. 31 lid 2 onder n)"
        case .r: return "Vrijlating alleenstaande ouder (Pwet art. 31 lid 2 onder r)"
        case .y: return "Vrijlating medisch urenbeperkten (Pwet art. 31 lid 2 onder y)"
        case .z: return "Vrijlating werken met loonkostensubsidie (Pwet art. 31 lid 2 onder z)"
        case .aa: return "Vrijlating werken met loonkostensubsidie, tweede regeling (Pwet art. 31 lid 2 onder aa)"
        }
    }
}
