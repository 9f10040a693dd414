/// Who the no-riskpolis covers (ZW art. 29b en 29d; seed 002, seed 003).
public enum NoRiskGroup: String, Sendable, CaseIterable {
    /// Doelgroep banenafspraak from the Participatiewet (ZW 29d, since 1 January 2016; seed 002).
    case banenafspraak
    /// Beschut werk (ZW 29d; seed 003: "structureel").
    case beschut
    /// Wajong (ZW 29b).
    case wajong
    /// WIA/WAO, arbeidsgehandicapte werknemer (ZW 29b).
    case wia
}
