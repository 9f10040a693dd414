import BanenafspraakCore

/// The vrijlatingen van arbeidsinkomsten of Pwet art. 31 lid 2 that this project models
/// (Kamerstukken II 2018/19, 34 352, nr. 163; docs/readings.md, "Vrijlating").
public enum VrijlatingCategory: String, Sendable, CaseIterable {
    /// Onder n: algemene vrijlating, 25%, 6 maanden, niet voor jongeren onder 27 (lid 5; behalve art. 31a, 2020-2021).
    case n
    /// Onder r: alleenstaande ouder met een ten laste komend kind jonger dan 12 jaar, 12,5%, 30 maanden, niet onder 27.
    case r
    /// Medisch urenbeperkten, 15%, structureel: onder z in 2015, onder y from 1 January 2016.
    case y
    /// Onder z: werken met loonkostensubsidie, 15%, twelve months after the six months of n (from 2023).
    case z
    /// Onder aa: after the twelve months of z, 15%, without end, when the college finds more hours impossible
    /// ("een uitbreiding van zijn arbeidsomvang niet mogelijk acht"; from 2023).
    case aa

    /// The letter of the onderdeel on `date`: the medisch-urenbeperkt vrijlating is onder z until 2015.
    public func letter(on date: LocalDate) -> String {
        self == .y && date < LocalDate(year: 2016, month: 1, day: 1)! ? "z" : rawValue
    }

    /// The lid of art. 31 that excludes persons under 27 from n and r: lid 7 until 30 September 2016, lid 5 after.
    public static func under27Lid(on date: LocalDate) -> Int { date < LocalDate(year: 2016, month: 10, day: 1)! ? 7 : 5 }

    /// The label with the letter of `date`.
    public func label(on date: LocalDate) -> String {
        letter(on: date) == rawValue ? label : "Vrijlating medisch urenbeperkten (Pwet art. 31 lid 2 onder \(letter(on: date)))"
    }

    public var label: String {
        switch self {
        case .n: return "Vrijlating arbeidsinkomsten (Pwet art. 31 lid 2 onder n)"
        case .r: return "Vrijlating alleenstaande ouder (Pwet art. 31 lid 2 onder r)"
        case .y: return "Vrijlating medisch urenbeperkten (Pwet art. 31 lid 2 onder y)"
        case .z: return "Vrijlating werken met loonkostensubsidie (Pwet art. 31 lid 2 onder z)"
        case .aa: return "Vrijlating werken met loonkostensubsidie na de twaalf maanden van z (Pwet art. 31 lid 2 onder aa)"
        }
    }
}
