/// Het advies beschut werk van UWV (Pwet art. 10b; Kamerstukken I 2016/17, 33 981, N).
///
/// Kamerstukken I 2016/17, 33 981, N: "UWV geeft een positief advies beschut werk af als aan tenminste één van deze twee criteria is
/// voldaan: de noodzaak van één of meer technische of organisatorische aanpassingen die niet binnen redelijke
/// grenzen door een werkgever kunnen worden gerealiseerd; de noodzaak van permanent toezicht of intensieve
/// begeleiding die niet binnen redelijke grenzen door een werkgever kan worden aangeboden."
/// "De hoogte van de productiviteit en daarmee de loonwaarde van iemand is geen criterium." Beschut werk is
/// "bedoeld voor mensen met arbeidsvermogen".
public enum BeschutAdvice {
    /// Criterion (a): adjustments that an employer cannot reasonably provide.
    public static func criterionA(needsAdjustments: Bool, reasonableForEmployer: Bool) -> Bool { needsAdjustments && !reasonableForEmployer }
    /// Criterion (b): permanent supervision or intensive guidance that an employer cannot reasonably provide.
    public static func criterionB(needsSupervision: Bool, reasonableForEmployer: Bool) -> Bool { needsSupervision && !reasonableForEmployer }
    /// Positive when the person has arbeidsvermogen and (a) or (b) holds.
    public static func isPositive(hasWorkCapacity: Bool, a: Bool, b: Bool) -> Bool { hasWorkCapacity && (a || b) }
    /// Municipal target against realised places: the shortfall, never negative.
    public static func shortfall(target: Int64, realised: Int64) -> Int64 { max(0, target - realised) }
}
