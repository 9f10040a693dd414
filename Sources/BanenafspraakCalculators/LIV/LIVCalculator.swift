import BanenafspraakCore

/// The `liv` calculator: the lage-inkomensvoordeel for one worker over the calendar year of the date
/// (Wtl art. 3.1 and 3.2; 2017 tot en met 2024).
enum LIVCalculator {
    static let notInForceReason = "Het LIV bestaat alleen over de jaren 2017 tot en met 2024 (Wtl hoofdstuk 3; vervallen per 1 januari 2025)"

    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let facts = try read(&input)
        try input.finish()
        if let off = try InForce.check("liv.scheme", instrument: "Lage-inkomensvoordeel", reason: notInForceReason, p) {
            return off
        }
        let e = try evaluate(facts, p)
        return CalculatorOutcome(result: InForce.inForce(e.fields), explanation: e.explanation)
    }

    struct Facts {
        var wage: Cents
        var hours: CentiHours
        var birthDate: LocalDate?
    }

    static func read(_ input: inout CaseInput) throws(CaseError) -> Facts {
        Facts(wage: try input.money("average_hourly_wage"), hours: try input.hours("hours_in_year"), birthDate: try input.optionalDate("birth_date"))
    }

    struct Evaluation {
        var amount: Cents
        var fields: [(String, JSONValue)]
        var explanation: Explanation
    }

    static func evaluate(_ facts: Facts, _ p: CalculatorParameters) throws(CaseError) -> Evaluation {
        let wage = facts.wage, hours = facts.hours
        let lowerP = try p.resolve("liv.wage_min")
        let upperP = try p.resolve("liv.wage_max")
        let minHoursP = try p.resolve("liv.min_hours")
        var parameters = [lowerP, upperP, minHoursP]
        let highUpperP: ResolvedParameter? = p.has("liv.high.wage_max") ? try p.resolve("liv.high.wage_max") : nil
        if let highUpperP { parameters.append(highUpperP) }
        let tier = LageInkomensvoordeel.tier(averageHourlyWage: wage, lower: lowerP.money, highUpper: highUpperP?.money, upper: upperP.money)
        let enoughHours = hours >= minHoursP.hours
        var steps: [Explanation.Step] = [
            .init("Gemiddeld uurloon EUR \(wage) tegen de grenzen EUR \(lowerP.money) tot en met EUR \(upperP.money) (Wtl art. 3.1 lid 1)",
                  tier == nil ? "buiten de grenzen" : "binnen de grenzen"),
        ]
        if let highUpperP, let tier {
            steps.append(.init("Hoog tarief tot en met EUR \(highUpperP.money), daarboven laag tarief", tier == .high ? "hoog tarief" : "laag tarief"))
        }
        steps.append(.init("Verloonde uren \(hours) tegen minimum \(minHoursP.hours)", enoughHours ? "voldoet" : "te weinig"))
        let hourlyP = try p.resolve(tier == .high ? "liv.high.hourly" : "liv.hourly")
        let maxP = try p.resolve(tier == .high ? "liv.high.annual_max" : "liv.annual_max")
        parameters += [hourlyP, maxP]
        // Wtl art. 3.1 lid 2: no LIV once the worker has reached the pensioengerechtigde leeftijd. Reached during
        // the year: `hours_in_year` are read as the hours before that day (docs/readings.md).
        let pension = try facts.birthDate.map { (b) throws(CaseError) in try PensionAge.of(birth: b, p) }
        let yearStart = LocalDate(year: p.date.year, month: 1, day: 1)!
        let pensioned = pension?.reached(by: yearStart) ?? false
        if let pension {
            parameters.append(pension.parameter)
            steps.append(pension.step)
            if pensioned { steps.append(.init("Pensioengerechtigde leeftijd bereikt voor \(p.date.year) (Wtl art. 3.1 lid 2)", "geen recht")) }
            else if pension.reached(by: LocalDate(year: p.date.year, month: 12, day: 31)!) {
                steps.append(.init("Pensioengerechtigde leeftijd bereikt in \(p.date.year): alleen de uren daarvoor tellen (Wtl art. 3.1 lid 2); de opgegeven uren gelden als die uren", hours.description))
            }
        }
        let eligible = tier != nil && enoughHours && !pensioned
        let gross = Rounding.hoursTimesRate(hours, hourlyP.money)
        let amount = eligible ? LageInkomensvoordeel.amount(hours: hours, hourly: hourlyP.money, annualMaximum: maxP.money) : .zero
        steps.append(.init("\(hours) uur x EUR \(hourlyP.money)", gross.description, rounding: "round, 2 decimalen"))
        steps.append(.init("Begrensd op EUR \(maxP.money)\(eligible ? "" : "; geen recht")", amount.description))
        var fields: [(String, JSONValue)] = [
            ("eligible", .bool(eligible)),
            ("amount", Out.money(amount)),
            ("hourly_rate", Out.money(hourlyP.money)),
            ("annual_max", Out.money(maxP.money)),
            ("wage_lower_bound", Out.money(lowerP.money)),
            ("wage_upper_bound", Out.money(upperP.money)),
            ("tier", tier.map { .string($0.rawValue) } ?? .null),
        ]
        if let highUpperP { fields.append(("high_tier_upper_bound", Out.money(highUpperP.money))) }
        if let pension { fields.append(("pension_age_reached_on", Out.date(pension.reachedOn))) }
        let explanation = Explanation(
            figure: "liv", label: "Lage-inkomensvoordeel \(p.date.year)", value: amount.description,
            rule: "LIV: bedrag per verloond uur bij een gemiddeld uurloon tussen de bedragen van art. 3.1 en ten minste 1.248 uur",
            source: "Wtl art. 3.1 lid 1 en 2 en 3.2 (2017 tot en met 2024)",
            formula: "min(round(uren x bedrag per uur), maximum), als uurloon en uren voldoen; 2017-2019 hoog of laag tarief",
            parameters: parameters,
            inputs: [.init("gemiddeld uurloon (inclusief vakantiebijslag)", wage.description), .init("verloonde uren in het jaar", hours.description)],
            steps: steps)
        return Evaluation(amount: amount, fields: fields, explanation: explanation)
    }
}
