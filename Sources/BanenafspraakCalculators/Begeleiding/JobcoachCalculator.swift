import BanenafspraakCore

/// The `jobcoach` calculator (calculators: docs/sources.md; calculator cases: docs/contracts-internal.md): compensation for an internal jobcoach.
enum JobcoachCalculator {
    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let coach = try input.hours("coach_hours")
        let coached = try input.hours("coached_hours")
        let wage = try input.money("coach_hourly_wage")
        try input.finish()
        let pctP = try p.resolve("jobcoach.internal_max_percent")
        let maxHours = JobcoachCompensation.maximumHours(coachedHours: coached, percent: pctP.percent)
        let used = min(coach, maxHours)
        let compensation = JobcoachCompensation.compute(coachHours: coach, coachedHours: coached, hourlyWage: wage, percent: pctP.percent)
        let steps: [Explanation.Step] = [
            .init("Maximum: \(pctP.percent)% van \(coached) gecoachte uren", maxHours.description, rounding: "floor, 2 decimalen"),
            .init("Vergoede uren: het kleinste van \(coach) coachuren en \(maxHours)", used.description),
            .init("\(used) uur x EUR \(wage) uurloon van de coach", compensation.description, rounding: "round, 2 decimalen"),
        ]
        let fields: [(String, JSONValue)] = [
            ("compensation", Out.money(compensation)),
            ("max_hours", Out.hours(maxHours)),
            ("compensated_hours", Out.hours(used)),
        ]
        let explanation = Explanation(
            figure: "jobcoach", label: "Vergoeding interne jobcoach", value: compensation.description,
            rule: "Interne jobcoach: ten hoogste 6% van de werktijd van de gecoachte werknemer",
            source: "Kamerbrief begeleidingsbonus (Kamerstuk 35 644, nr. 8, 2021) (regionale regeling)",
            formula: "min(coachuren, 6% x gecoachte uren) x uurloon coach",
            parameters: [pctP],
            inputs: [.init("coachuren", coach.description), .init("gecoachte uren", coached.description), .init("uurloon coach", wage.description)],
            steps: steps)
        return CalculatorOutcome(result: fields, explanation: explanation)
    }
}
