import BanenafspraakCore

/// The legal basis of each register route in Wfsv art. 38b (decision, one place; the letters follow this
/// project's reading of art. 38b lid 1 onder a–g and lid 2, and the widening of Kamerstukken II 2022/23, 34 352, nr. 281, actielijn 1).
public enum RegisterLegalBasis {
    public static func of(_ route: RegisterRoute) -> String {
        switch route {
        case .wajong: return "Wfsv art. 38b lid 1 onder a (Wajong met arbeidsvermogen)"
        case .wsw: return "Wfsv art. 38b lid 1 onder b (Wsw-indicatie)"
        case .pwetWml: return "Wfsv art. 38b lid 1 onder c (Pwet: niet in staat het WML te verdienen, vastgesteld door UWV)"
        case .praktijkroute: return "Wfsv art. 38b lid 1 onder c, via de Praktijkroute (loonwaarde onder WML op de werkplek; Kamerstukken I 2016/17, 33 981, N)"
        case .formerWswWajong: return "Wfsv art. 38b lid 1 onder d (eerder Wsw-indicatie of Wajong)"
        case .wiwId: return "Wfsv art. 38b lid 1 onder e (Wiw- of ID-baan)"
        case .vsoPro: return "Wfsv art. 38b lid 1 onder f (vso/pro-leerling, zonder beoordeling; Kamerstukken I 2016/17, 33 981, N)"
        case .pwetOwnRequest: return "Wfsv art. 38b lid 1 onder g (beoordeling op eigen verzoek)"
        case .besluitOther: return "Wfsv art. 38b lid 2 (bij AMvB aangewezen groep)"
        case .ivaExperiment: return "Wfsv art. 38b lid 2 (experiment IVA; Besluit experimenten doelgroep banenafspraak)"
        case .art38b2: return "Wfsv art. 38b lid 2"
        case .wiaWml: return "Voorstel: WIA, niet zelfstandig het WML (Kamerstukken II 2022/23, 34 352, nr. 281, actielijn 1)"
        case .wajongNoCapacity: return "Voorstel: Wajong zonder arbeidsvermogen, bij een reguliere werkgever (Kamerstukken II 2022/23, 34 352, nr. 281, actielijn 1)"
        case .wwComparable: return "Voorstel: WW met vergelijkbare kenmerken (Kamerstukken II 2022/23, 34 352, nr. 281, actielijn 1)"
        }
    }
}
