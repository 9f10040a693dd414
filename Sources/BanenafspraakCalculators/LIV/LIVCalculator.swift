import BanenafspraakCore

/// The `liv` calculator (spec 5.5): the lage-inkomensvoordeel for one worker over the calendar year of the date.
enum LIVCalculator {
    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let wage = try input.money("average_hourly_wage")
        let hours = try input.hours("hours_in_year")
        try input.finish()
        let hourlyP = try p.resolve("liv.hourly")
        let maxP = try p.resolve("liv.annual_max")
        let minHoursP = try p.resolve("liv.min_hours")
        let lowP = try p.resolve("liv.wage_min_percent")
        let highP = try p.resolve("liv.wage_max_percent")
        let january = LocalDate(year: p.date.year, month: 1, day: 1)!
        let wmlP = try p.resolve("wml.hourly", on: january)
        let lower = LageInkomensvoordeel.bound(wmlHourly: wmlP.money, percent: lowP.percent)
        let upper = LageInkomensvoordeel.bound(wmlHourly: wmlP.money, percent: highP.percent)
        let eligible = LageInkomensvoordeel.isEligible(averageHourlyWage: wage, hours: hours, minimumHours: minHoursP.hours, lower: lower, upper: upper)
        let gross = Rounding.hoursTimesRate(hours, hourlyP.money)
        let amount = eligible ? LageInkomensvoordeel.amount(hours: hours, hourly: hourlyP.money, annualMaximum: maxP.money) : .zero
        let steps: [Explanation.Step] = [
            .init("Ondergrens uurloon: \(lowP.percent)% van WML-uurloon EUR \(wmlP.money) (1 januari)", lower.description, rounding: "round, 2 decimalen"),
            .init("Bovengrens uurloon: \(highP.percent)% van EUR \(wmlP.money)", upper.description, rounding: "round, 2 decimalen"),
            .init("Gemiddeld uurloon EUR \(wage) binnen de grenzen", wage >= lower && wage <= upper ? "ja" : "nee"),
            .init("Verloonde uren \(hours) tegen minimum \(minHoursP.hours)", hours >= minHoursP.hours ? "voldoet" : "te weinig"),
            .init("\(hours) uur x EUR \(hourlyP.money)", gross.description, rounding: "round, 2 decimalen"),
            .init("Begrensd op EUR \(maxP.money)\(eligible ? "" : "; geen recht")", amount.description),
        ]
        let fields: [(String, JSONValue)] = [
            ("eligible", .bool(eligible)),
            ("amount", Out.money(amount)),
            ("hourly_rate", Out.money(hourlyP.money)),
            ("annual_max", Out.money(maxP.money)),
            ("wage_lower_bound", Out.money(lower)),
            ("wage_upper_bound", Out.money(upper)),
        ]
        let explanation = Explanation(
            figure: "liv", label: "Lage-inkomensvoordeel \(p.date.year)", value: amount.description,
            rule: "LIV: bedrag per verloond uur bij een gemiddeld uurloon tussen 100% en 125% van het WML en ten minste 1248 uur",
            source: "Wtl hoofdstuk 3 (art. 3.2 e.v.), tot en met 2024; seed 003",
            formula: "min(round(uren x bedrag per uur), maximum), als uurloon en uren voldoen",
            parameters: [hourlyP, maxP, minHoursP, lowP, highP, wmlP],
            inputs: [.init("gemiddeld uurloon", wage.description), .init("verloonde uren in het jaar", hours.description)],
            steps: steps)
        return CalculatorOutcome(result: fields, explanation: explanation)
    }
}
