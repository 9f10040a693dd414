/// The four loonkostenvoordelen of the Wet tegemoetkomingen loondomein (Wtl hoofdstuk 2).
///
/// `allCases` is in the order in which the Wtl lists them (§ 2.2 oudere werknemer, § 2.3 arbeidsgehandicapte
/// werknemer, § 2.4 doelgroep banenafspraak, § 2.5 herplaatsen arbeidsgehandicapte werknemer). That order
/// breaks ties in ``BestLKV`` (Wtl art. 4.1 lid 3: "die als eerste in deze wet wordt genoemd"). The loonkostenvoordelen exist from 1 January 2018
/// (before that: premiekortingen); the LKV oudere werknemer not over periods after 31 December 2025 (art. 2.4 lid 1).
public enum LKVType: String, Sendable, CaseIterable {
    case oudere
    case arbeidsgehandicapt
    case banenafspraak
    case herplaatsen

    /// Dutch name, as on the UWV-beschikking.
    public var label: String {
        switch self {
        case .oudere: return "LKV oudere werknemer"
        case .arbeidsgehandicapt: return "LKV arbeidsgehandicapte werknemer"
        case .banenafspraak: return "LKV doelgroep banenafspraak"
        case .herplaatsen: return "LKV herplaatsen arbeidsgehandicapte werknemer"
        }
    }

    /// The article of the Wtl that grants this LKV.
    public var source: String {
        switch self {
        case .oudere: return "Wtl § 2.2: art. 2.2 (recht), 2.4 (duur), 2.5 (bedrag), 6.2a (overgangsrecht)"
        case .arbeidsgehandicapt: return "Wtl § 2.3: art. 2.6 (recht), 2.8 (duur), 2.9 (bedrag)"
        case .banenafspraak: return "Wtl § 2.4: art. 2.10 (recht), 2.12 (duur), 2.13 (bedrag); duur onbeperkt vanaf 2026 (Wet banenafspraak, Kamerstuk 36 449)"
        case .herplaatsen: return "Wtl § 2.5: art. 2.14 (recht), 2.16 (duur: een jaar vanaf de werkhervatting), 2.17 (bedrag)"
        }
    }

    /// The scheme parameter that says whether this LKV exists on a date.
    public var schemeParameter: String { "lkv.\(rawValue).scheme" }

    /// Why this LKV gives nothing on a date when it does not exist.
    public var notInForceReason: String {
        switch self {
        case .oudere: return "Het LKV oudere werknemer bestaat van 1 januari 2018 tot en met 31 december 2025 (Wtl art. 2.4 lid 1), daarna alleen voor een dienstbetrekking die is aangevangen voor 1 januari 2024 (Wtl art. 6.2a lid 1); voor 2018 golden premiekortingen"
        default: return "Het \(label) bestaat vanaf 1 januari 2018 (Wtl hoofdstuk 2); voor 2018 golden premiekortingen"
        }
    }

    /// Parameter ids of the amount per hour, the yearly maximum and the maximum duration in years.
    /// The banenafspraak amounts are the quota parameters (one source of truth with the batch).
    public var hourlyParameter: String { self == .banenafspraak ? "simplified.lkv_hourly" : "lkv.\(rawValue).hourly" }
    public var annualMaximumParameter: String { self == .banenafspraak ? "simplified.lkv_annual_max" : "lkv.\(rawValue).annual_max" }
    public var durationParameter: String { "lkv.\(rawValue).max_years" }
}
