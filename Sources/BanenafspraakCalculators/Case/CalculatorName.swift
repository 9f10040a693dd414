/// The person-level calculators (docs/sources.md), by the name a case uses (calculator cases: docs/contracts-internal.md).
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
