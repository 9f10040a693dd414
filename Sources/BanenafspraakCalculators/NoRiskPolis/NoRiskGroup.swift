/// Who the no-riskpolis covers (ZW art. 29b; Kamerstukken II 2018/19, 34 352, nr. 163; Kamerstukken I 2016/17, 33 981, N).
/// ZW art. 29d is not about these groups: it covers older WW recipients born before 8 July 1954.
public enum NoRiskGroup: String, Sendable, CaseIterable {
    /// Doelgroep banenafspraak from the Participatiewet (ZW art. 29b lid 2 onder e and lid 11; since 1 January 2016):
    /// every illness after the start of the dienstbetrekking, no five-year term.
    case banenafspraak
    /// Beschut werk (ZW art. 29b lid 2 onder f; Kamerstukken I 2016/17, 33 981, N: "structureel").
    case beschut
    /// Wajong (ZW art. 29b lid 2 onder a; 2015: lid 3 onder a).
    case wajong
    /// WIA, arbeidsgehandicapte werknemer (ZW art. 29b lid 1 onder b): illness in the first five years.
    case wia
}
