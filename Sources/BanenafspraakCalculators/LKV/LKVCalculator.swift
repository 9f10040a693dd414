import BanenafspraakCore

/// The `lkv` calculator (calculators: docs/sources.md; calculator cases: docs/contracts-internal.md): one LKV type for one worker over one calendar year.
enum LKVCalculator {
    /// The parsed input shared with `lkv_best`.
    struct Hours {
        var employmentStart: LocalDate
        var byMonth: [(YearMonth, CentiHours)]
    }

    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let type = try input.choice("type", as: LKVType.self)
        let hours = try readHours(&input, p)
        try input.finish()
        if let off = try InForce.check(type.schemeParameter, instrument: type.label, reason: type.notInForceReason, p) { return off }
        let r = try evaluate(type, hours, p)
        return CalculatorOutcome(result: InForce.inForce(r.fields), explanation: r.explanation)
    }

    /// Reads `employment_start` and `hours_by_month`; all months must lie in the calendar year of the case date.
    static func readHours(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> Hours {
        let start = try input.date("employment_start")
        let byMonth = try input.hoursByMonth("hours_by_month")
        for (m, _) in byMonth where m.year != p.date.year {
            throw CaseError(field: input.fieldPath("hours_by_month") + "." + m.description,
                            message: "all months must lie in the calendar year of the case date (\(p.date.year))")
        }
        return Hours(employmentStart: start, byMonth: byMonth)
    }

    struct Evaluation {
        var type: LKVType
        var eligible: Bool
        var eligibleHours: CentiHours
        var amount: Cents
        var hourly: Cents
        var annualMaximum: Cents?
        var lastDay: LocalDate?
        var fields: [(String, JSONValue)]
        var explanation: Explanation
    }

    static func evaluate(_ type: LKVType, _ hours: Hours, _ p: CalculatorParameters) throws(CaseError) -> Evaluation {
        // Wtl art. 6.2a (overgangsrecht LKV oudere werknemer): for a dienstbetrekking that began before the
        // lower 2025 amounts, the amounts of the day before keep applying (this project's reading of its reach).
        var amountDate = p.date
        var transitionP: ResolvedParameter? = nil
        if type == .oudere, p.has("lkv.oudere.transition") {
            let t = try p.resolve("lkv.oudere.transition")
            if t.count == 1 && hours.employmentStart < t.value.validFrom {
                amountDate = t.value.validFrom.adding(days: -1)
                transitionP = t
            }
        }
        let hourlyP = try p.resolve(type.hourlyParameter, on: amountDate)
        let maxP = try p.resolve(type.annualMaximumParameter, on: amountDate)
        let yearsP = try p.resolve(type.durationParameter)
        let hourly = hourlyP.money
        let cap = maxP.limit.map { Cents($0) }
        let lastDay = LKVDuration.lastDay(employmentStart: hours.employmentStart, years: yearsP.limit)

        var steps: [Explanation.Step] = []
        if let transitionP {
            steps.append(.init("Overgangsrecht (Wtl art. 6.2a): dienstbetrekking begonnen voor \(transitionP.value.validFrom), bedragen van \(amountDate)",
                               "EUR \(hourlyP.money) per uur, ten hoogste EUR \(maxP.formatted)"))
        }
        if let lastDay {
            steps.append(.init("Looptijd: \(yearsP.formatted) jaar vanaf \(hours.employmentStart), laatste dag", lastDay.description))
        } else {
            steps.append(.init("Looptijd: geen maximum (\(yearsP.id) = none) vanaf \(hours.employmentStart)", "onbeperkt"))
        }
        var eligibleHours = CentiHours.zero
        var counted: [JSONValue] = []
        var anyInPeriod = false
        let year = p.date.year
        for month in 1...12 {
            let ym = YearMonth(year: year, month: month)!
            if LKVDuration.counts(ym, employmentStart: hours.employmentStart, lastDay: lastDay) { anyInPeriod = true }
        }
        for (m, h) in hours.byMonth {
            if LKVDuration.counts(m, employmentStart: hours.employmentStart, lastDay: lastDay) {
                eligibleHours += h
                counted.append(.string(m.description))
                steps.append(.init("\(m): \(h) uur telt mee (binnen de looptijd)", h.description))
            } else {
                let why = m.lastDay < hours.employmentStart ? "voor de aanvang van de dienstbetrekking" : "na het einde van de looptijd"
                steps.append(.init("\(m): \(h) uur telt niet mee (\(why))", "0.00"))
            }
        }
        let eligible = anyInPeriod
        let gross = Rounding.hoursTimesRate(eligibleHours, hourly)
        steps.append(.init("Uren binnen de looptijd", eligibleHours.description))
        steps.append(.init("\(eligibleHours) uur x EUR \(hourly)", gross.description, rounding: "round, 2 decimalen (half van nul af)"))
        let amount = eligible ? LKVAmount.compute(eligibleHours: eligibleHours, hourly: hourly, annualMaximum: cap) : .zero
        if let cap { steps.append(.init("Begrensd op het jaarmaximum EUR \(cap)", amount.description)) }
        if !eligible { steps.append(.init("Geen maand van \(year) valt binnen de looptijd: geen recht", "0.00")) }

        let fields: [(String, JSONValue)] = [
            ("eligible", .bool(eligible)),
            ("eligible_hours", Out.hours(eligibleHours)),
            ("amount", Out.money(amount)),
            ("hourly_rate", Out.money(hourly)),
            ("annual_max", cap.map(Out.money) ?? .null),
            ("type", .string(type.rawValue)),
            ("period_end", Out.date(lastDay)),
            ("months_counted", .array(counted)),
        ]
        let explanation = Explanation(
            figure: "lkv", label: type.label, value: amount.description,
            rule: "Loonkostenvoordeel per verloond uur binnen de looptijd, met een jaarmaximum",
            source: type.source,
            formula: "min(round(uren binnen de looptijd x bedrag per uur), jaarmaximum)",
            parameters: [hourlyP, maxP, yearsP] + (transitionP.map { [$0] } ?? []),
            inputs: [.init("aanvang dienstbetrekking", hours.employmentStart.description)]
                + hours.byMonth.map { .init("verloonde uren \($0.0)", $0.1.description) },
            steps: steps)
        return Evaluation(type: type, eligible: eligible, eligibleHours: eligibleHours, amount: amount, hourly: hourly,
                          annualMaximum: cap, lastDay: lastDay, fields: fields, explanation: explanation)
    }
}
