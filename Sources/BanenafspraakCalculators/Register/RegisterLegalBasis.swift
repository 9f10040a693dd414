import BanenafspraakCore

/// The legal basis of each register route, by the letters of the text in force (read in the consolidated texts of
/// Wfsv art. 38b of 2016-01-01, 2019-01-01, 2024-01-01 and 2026-07-01, and of Wet banenafspraak art. 2 of
/// 2026-01-01; docs/law-review.md):
/// - until 2025, Wfsv art. 38b lid 1: a Pwet, UWV-assessment at the college's request; b Wsw-indicatie; c Wajong
///   (not when duurzaam geen arbeidsvermogen); d indicatie bij of krachtens AMvB; e Pwet, UWV-assessment on own
///   request; f formerly Wsw or Wajong (on or after 1 January 2013, no longer on 1 May 2015; in the 2024 text, not in
///   that of 2019); lid 2 ill before 18 or as a student, not able to earn the WML without a voorziening;
/// - from 2026, Wet banenafspraak art. 2 lid 1: a Pwet (college's or own request, or a loonwaarde under the WML:
///   the Praktijkroute); b Wsw; c Wajong, and the Wajong without arbeidsvermogen when working in a dienstbetrekking;
///   d AMvB; e formerly Wsw or Wajong; f ill before 18 or as a student; g a dienstbetrekking of Pwet art. 78d.
public enum RegisterLegalBasis {
    public static func of(_ route: RegisterRoute, wetBanenafspraak: Bool) -> String {
        wetBanenafspraak ? from2026(route) : until2025(route)
    }

    static func until2025(_ route: RegisterRoute) -> String {
        switch route {
        case .pwetWml: return "Wfsv art. 38b lid 1 onder a (Pwet: niet in staat het WML te verdienen, vastgesteld door UWV op verzoek van het college)"
        case .praktijkroute: return "Wfsv art. 38b lid 1 onder a (via de Praktijkroute; Kamerstukken I 2016/17, 33 981, N); de tekst van art. 38b noemt de loonwaardevaststelling door het college niet"
        case .wsw: return "Wfsv art. 38b lid 1 onder b (Wsw-indicatie)"
        case .wajong: return "Wfsv art. 38b lid 1 onder c (Wajong, tenzij duurzaam geen arbeidsvermogen)"
        case .vsoPro: return "Wfsv art. 38b lid 1 onder d (indicatie bij of krachtens AMvB: vso/pro-leerling; Kamerstukken I 2016/17, 33 981, N; de AMvB is niet meegeleverd)"
        case .besluitOther: return "Wfsv art. 38b lid 1 onder d (indicatie bij of krachtens AMvB)"
        case .wiwId: return "Wfsv art. 38b lid 1 onder d (Wiw- of ID-baan, indicatie bij of krachtens AMvB; de AMvB is niet meegeleverd)"
        case .pwetOwnRequest: return "Wfsv art. 38b lid 1 onder e (Pwet: beoordeling door UWV op eigen verzoek)"
        case .formerWswWajong: return "Wfsv art. 38b lid 1 onder f (eerder Wsw-indicatie of Wajong; staat in de tekst van 2024, niet in die van 2019)"
        case .ivaExperiment: return "Wfsv art. 38b lid 1 onder d (experiment, indicatie krachtens AMvB); in de tekst van 1 juli 2026 lid 1 onder g (WIA-experiment); de ingangsdatum van onderdeel g is niet gevonden"
        case .art38b2: return "Wfsv art. 38b lid 2 (ziekte of gebrek voor het 18e jaar of tijdens de studie; zonder voorziening niet in staat het WML te verdienen)"
        case .wiaWml: return "Voorstel: WIA, niet zelfstandig het WML (Kamerstukken II 2022/23, 34 352, nr. 281, actielijn 1)"
        case .wajongNoCapacity: return "Voorstel: Wajong zonder arbeidsvermogen, bij een reguliere werkgever (Kamerstukken II 2022/23, 34 352, nr. 281, actielijn 1); wet vanaf 2026 (Wet banenafspraak art. 2 lid 1 onder c)"
        case .wwComparable: return "Voorstel: WW met vergelijkbare kenmerken (Kamerstukken II 2022/23, 34 352, nr. 281, actielijn 1)"
        }
    }

    static func from2026(_ route: RegisterRoute) -> String {
        switch route {
        case .pwetWml: return "Wet banenafspraak art. 2 lid 1 onder a (Pwet: niet in staat het WML te verdienen, vastgesteld door UWV)"
        case .praktijkroute: return "Wet banenafspraak art. 2 lid 1 onder a (loonwaarde bij voltijdse arbeid onder het WML, vastgesteld door het college: de Praktijkroute)"
        case .pwetOwnRequest: return "Wet banenafspraak art. 2 lid 1 onder a (Pwet: beoordeling door UWV op eigen verzoek)"
        case .wsw: return "Wet banenafspraak art. 2 lid 1 onder b (Wsw-indicatie)"
        case .wajong: return "Wet banenafspraak art. 2 lid 1 onder c (Wajong)"
        case .wajongNoCapacity: return "Wet banenafspraak art. 2 lid 1 onder c (Wajong zonder arbeidsvermogen, alleen als hij arbeid verricht in een dienstbetrekking; Kamerstuk 36 449)"
        case .vsoPro, .besluitOther: return "Wet banenafspraak art. 2 lid 1 onder d (indicatie bij of krachtens AMvB; de AMvB is niet meegeleverd)"
        case .ivaExperiment: return "Wet banenafspraak art. 2 lid 1 onder d (experiment krachtens AMvB); niet gevonden in art. 2 van de Wet banenafspraak zelf (de Wfsv-tekst van 1 juli 2026 noemt het in art. 38b lid 1 onder g)"
        case .formerWswWajong: return "Wet banenafspraak art. 2 lid 1 onder e (eerder Wsw-indicatie of Wajong)"
        case .art38b2: return "Wet banenafspraak art. 2 lid 1 onder f (ziekte of gebrek voor het 18e jaar of tijdens de studie)"
        case .wiwId: return "Wet banenafspraak art. 2 lid 1 onder g (dienstbetrekking als bedoeld in Pwet art. 78d); niet nagegaan of dit precies de Wiw- en ID-banen zijn (Pwet art. 78d is niet meegeleverd)"
        case .wiaWml: return "Voorstel: WIA, niet zelfstandig het WML (Kamerstukken II 2022/23, 34 352, nr. 281, actielijn 1); niet in de Wet banenafspraak"
        case .wwComparable: return "Voorstel: WW met vergelijkbare kenmerken (Kamerstukken II 2022/23, 34 352, nr. 281, actielijn 1); niet in de Wet banenafspraak"
        }
    }
}
