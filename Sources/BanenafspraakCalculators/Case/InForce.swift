import BanenafspraakCore

/// "Not in force is an answer" (calculator cases: docs/contracts-internal.md): on a date when an instrument did not exist, a calculator returns
/// `in_force: false` with the reason and the dates it did exist, instead of an error.
///
/// Each instrument has a scheme parameter (`count`, 1 = in force, 0 = not) that covers 2015–2026 without a gap;
/// its value list gives the dates.
enum InForce {
    /// `nil` when the instrument `schemeID` is in force on the case date; otherwise the outcome to return.
    static func check(_ schemeID: String, instrument: String, reason: String, _ p: CalculatorParameters, on day: LocalDate? = nil) throws(CaseError) -> CalculatorOutcome? {
        let day = day ?? p.date
        let scheme = try p.resolve(schemeID, on: day)
        guard scheme.count == 0 else { return nil }
        let periods = p.set.parameters[schemeID]?.values.filter { $0.value == 1 } ?? []
        // The period nearest to the case date: the next one if any, else the last one before it.
        let period = periods.first { $0.validFrom > day } ?? periods.last
        let fields: [(String, JSONValue)] = [
            ("in_force", .bool(false)),
            ("reason", .string(reason)),
            ("in_force_from", Out.date(period?.validFrom)),
            ("in_force_until", Out.date(period?.validUntil)),
        ]
        let when = period.map { "van \($0.validFrom)" + ($0.validUntil.map { " tot en met \($0)" } ?? "") } ?? "in geen periode"
        let explanation = Explanation(
            figure: "in_force", label: "\(instrument): niet van kracht op \(day)", value: "niet van kracht",
            rule: "Een instrument dat op de peildatum niet bestond geeft geen bedrag", source: scheme.value.source,
            formula: "geen berekening",
            parameters: [scheme],
            steps: [.init(reason, "niet van kracht"), .init("\(instrument) geldt \(when)", period == nil ? "-" : "zie data")])
        return CalculatorOutcome(result: fields, explanation: explanation)
    }

    /// The result fields of a calculation that was in force, with `in_force: true` first.
    static func inForce(_ fields: [(String, JSONValue)]) -> [(String, JSONValue)] { [("in_force", .bool(true))] + fields }
}
