/// The person-level calculators of spec 5.5, by the name a case uses (spec 5.7).
public enum CalculatorName: String, Sendable, CaseIterable {
    case register
    case lkv
    case lkvBest = "lkv_best"
    case liv
    case lks
    case noriskpolis
    case vrijlating
    case begeleidingsbonus
    case jobcoach
    case beschut
}
