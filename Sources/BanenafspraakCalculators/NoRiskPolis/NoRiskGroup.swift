/// Who the no-riskpolis covers (ZW art. 29b en 29d; Kamerstukken II 2018/19, 34 352, nr. 163; Kamerstukken I 2016/17, 33 981, N).
public enum NoRiskGroup: String, Sendable, CaseIterable {
    /// Doelgroep banenafspraak from the Participatiewet (ZW 29d, since 1 January 2016; Kamerstukken II 2018/19, 34 352, nr. 163).
    case banenafspraak
    /// Beschut werk (ZW 29d; Kamerstukken I 2016/17, 33 981, N: "structureel").
    case beschut
    /// Wajong (ZW 29b).
    case wajong
    /// WIA/WAO, arbeidsgehandicapte werknemer (ZW 29b).
    case wia
}
