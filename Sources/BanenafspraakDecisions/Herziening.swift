import BanenafspraakCore
import BanenafspraakStore

/// Herziening of a levy decision (Wfsv art. 38h lid 5): a later decision for the same employer and year with a
/// different levy revises the earlier one. The power to revise ends "door verloop van 5 jaren na het einde van het
/// kalenderjaar waarop de beschikking betrekking heeft"; a herziening to the employer's detriment is only possible
/// when the shortcoming follows from a fact that can be attributed to the employer ("kan worden toegerekend of
/// redelijkerwijs kenbaar had kunnen zijn").
public enum Herziening {
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        /// After 31 December of year + 5.
        case expired(lastDay: LocalDate)
        /// A higher levy without `--attributable`.
        case notAttributable

        public var description: String {
            switch self {
            case .expired(let last):
                return "herziening refused: the power to revise ended on \(last) (Wfsv art. 38h lid 5: 5 years after the end of the calendar year)"
            case .notAttributable:
                return "herziening refused: it is to the employer's detriment and not marked --attributable (Wfsv art. 38h lid 5: only when the shortcoming can be attributed to the employer)"
            }
        }

        /// Dutch, for the index and the pages.
        public var dutch: String {
            switch self {
            case .expired(let last): return "Herziening niet mogelijk: de bevoegdheid verviel op \(last) (Wfsv art. 38h lid 5)."
            case .notAttributable: return "Herziening ten nadele van de werkgever niet mogelijk: niet aangemerkt als toerekenbaar aan de werkgever (Wfsv art. 38h lid 5)."
            }
        }
    }

    /// The last day on which a decision about `year` can be revised: 31 December of year + 5.
    public static func lastDay(year: Int) -> LocalDate { LocalDate(year: year + 5, month: 12, day: 31)! }

    /// Whether a herziening from `before` to `after` on `date` may be made; nil when it may.
    public static func refusal(year: Int, before: Cents, after: Cents, date: LocalDate, attributable: Bool) -> Refusal? {
        if date > lastDay(year: year) { return .expired(lastDay: lastDay(year: year)) }
        if after > before && !attributable { return .notAttributable }
        return nil
    }
}
