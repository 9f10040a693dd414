import BanenafspraakCore

/// The rules of an objection (bezwaar) against a levy decision: AWR hoofdstuk V applies by Wfsv art. 38h lid 7,
/// and through it the Awb's term of six weeks (Awb art. 6:7), which begins the day after the decision's date
/// (Awb art. 6:8 lid 1, taking the date as the day it was sent).
public enum ObjectionRules {
    /// Six weeks (Awb art. 6:7).
    public static let termDays = 42

    /// The last day to object: six weeks after the day after the decision's date.
    public static func deadline(decisionDate: LocalDate) -> LocalDate { decisionDate.adding(days: termDays) }

    /// An objection received after the deadline is recorded and marked late.
    public static func isLate(decisionDate: LocalDate, received: LocalDate) -> Bool { received > deadline(decisionDate: decisionDate) }

    /// Whether the grounds rest on a worker's absence from the register, which Wfsv art. 38h lid 7 rules out as a
    /// ground ("niet is opgenomen in de registratie, bedoeld in artikel 38d"). A reading of the text (words about the
    /// register or registration), flagged for the analyst, who still decides.
    public static func restsOnRegister(_ grounds: String) -> Bool {
        let text = grounds.lowercased()
        return ["register", "registratie", "geregistreerd", "doelgroepverklaring", "indicatie banenafspraak"].contains { text.contains($0) }
    }

    /// The answer to grounds that rest on the register, with the referral to UWV.
    public static let registerAnswer = "Een bezwaar kan niet worden gegrond op de grief dat een werknemer niet is opgenomen in de registratie van artikel 38d Wfsv (Wfsv art. 38h lid 7). Staat een werknemer volgens u ten onrechte niet in het doelgroepregister, neem dan contact op met UWV: UWV houdt het register bij en beslist over opname."
}
