/// The four loonkostenvoordelen of the Wet tegemoetkomingen loondomein (Wtl hoofdstuk 2).
///
/// `allCases` is in the order in which the Wtl lists them (§ 2.2 oudere werknemer, § 2.3 arbeidsgehandicapte
/// werknemer, § 2.4 doelgroep banenafspraak, § 2.5 herplaatsen arbeidsgehandicapte werknemer). That order
/// breaks ties in ``BestLKV`` (decision; one documented place).
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
        case .oudere: return "Wtl art. 2.6 en 2.13 (§ 2.2)"
        case .arbeidsgehandicapt: return "Wtl art. 2.8 en 2.13 (§ 2.3)"
        case .banenafspraak: return "Wtl art. 2.10 en 2.13 (§ 2.4); seed 000 noot 6; seed 004"
        case .herplaatsen: return "Wtl art. 2.12 en 2.13 (§ 2.5)"
        }
    }

    /// Parameter ids of the amount per hour, the yearly maximum and the maximum duration in years.
    /// The banenafspraak amounts are the quota parameters (one source of truth with the batch, spec 8.17).
    public var hourlyParameter: String { self == .banenafspraak ? "simplified.lkv_hourly" : "lkv.\(rawValue).hourly" }
    public var annualMaximumParameter: String { self == .banenafspraak ? "simplified.lkv_annual_max" : "lkv.\(rawValue).annual_max" }
    public var durationParameter: String { "lkv.\(rawValue).max_years" }
}
