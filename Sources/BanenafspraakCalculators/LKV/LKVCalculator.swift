import BanenafspraakCore

/// The `lkv` calculator (calculators: docs/sources.md; calculator cases: docs/contracts-internal.md): one LKV type for one worker over one calendar year.
enum LKVCalculator {
    /// The parsed input shared with `lkv_best`.
    struct Hours {
        var employmentStart: LocalDate
        var byMonth: [(YearMonth, CentiHours)]
        /// Herplaatsen: the day work was resumed or another function taken up (Wtl art. 2.16 lid 1).
        var resumptionDate: LocalDate? = nil
        /// For the AOW-age exclusion (Wtl art. 2.2 lid 2, 2.6 lid 3, 2.10 lid 2, 2.14 lid 2, onder a).
        var birthDate: LocalDate? = nil
    }

    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let type = try input.choice("type", as: LKVType.self)
        let hours = try readHours(&input, p)
        try input.finish()
        if try !transitionApplies(type, hours, p),
           let off = try InForce.check(type.schemeParameter, instrument: type.label, reason: type.notInForceReason, p) { return off }
        let r = try evaluate(type, hours, p)
        return CalculatorOutcome(result: InForce.inForce(r.fields), explanation: r.explanation)
    }

    /// Reads `employment_start`, `hours_by_month` and the optional `resumption_date` and `birth_date`; all months
    /// must lie in the calendar year of the case date.
    static func readHours(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> Hours {
        let start = try input.date("employment_start")
        let resumption = try input.optionalDate("resumption_date")
        let birth = try input.optionalDate("birth_date")
        let byMonth = try input.hoursByMonth("hours_by_month")
        for (m, _) in byMonth where m.year != p.date.year {
            throw CaseError(field: input.fieldPath("hours_by_month") + "." + m.description,
                            message: "all months must lie in the calendar year of the case date (\(p.date.year))")
        }
        return Hours(employmentStart: start, byMonth: byMonth, resumptionDate: resumption, birthDate: birth)
    }

    /// Wtl art. 6.2a lid 1 (overgangsrecht LKV oudere werknemer): for a dienstbetrekking begun before
    /// 1 January 2024, art. 2.1-2.5 as they read before 2025 keep applying (€ 3,05, € 6.000, three years), also
    /// in 2026 when the LKV oudere werknemer no longer exists for others.
    static func transitionApplies(_ type: LKVType, _ hours: Hours, _ p: CalculatorParameters) throws(CaseError) -> Bool {
        guard type == .oudere, p.has("lkv.oudere.transition"), try p.resolve("lkv.oudere.transition").count == 1 else { return false }
        let year = try p.resolve("lkv.oudere.transition_before_year").count
        return hours.employmentStart < LocalDate(year: Int(year), month: 1, day: 1)!
    }

    /// Whether this LKV can be granted on the case date: its scheme exists, or the transition keeps it.
    static func inForce(_ type: LKVType, _ hours: Hours, _ p: CalculatorParameters) throws(CaseError) -> Bool {
        if try p.resolve(type.schemeParameter).count == 1 { return true }
        return try transitionApplies(type, hours, p)
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
        var amountDate = p.date
        var transitionPs: [ResolvedParameter] = []
        if try transitionApplies(type, hours, p) {
            let t = try p.resolve("lkv.oudere.transition")
            transitionPs = [t, try p.resolve("lkv.oudere.transition_before_year")]
            amountDate = t.value.validFrom.adding(days: -1)
        }
        let hourlyP = try p.resolve(type.hourlyParameter, on: amountDate)
        let maxP = try p.resolve(type.annualMaximumParameter, on: amountDate)
        let yearsP = try p.resolve(type.durationParameter, on: amountDate)
        let hourly = hourlyP.money
        let cap = maxP.limit.map { Cents($0) }
        // Herplaatsen: the year runs from the resumption of work (Wtl art. 2.16 lid 1), not from the employment start.
        let periodStart = type == .herplaatsen ? (hours.resumptionDate ?? hours.employmentStart) : hours.employmentStart
        let lastDay = LKVDuration.lastDay(employmentStart: periodStart, years: yearsP.limit)
        let pension = try hours.birthDate.map { (b) throws(CaseError) in try PensionAge.of(birth: b, p) }

        var steps: [Explanation.Step] = []
        if !transitionPs.isEmpty {
            steps.append(.init("Overgangsrecht (Wtl art. 6.2a lid 1): dienstbetrekking begonnen voor 1 januari \(transitionPs[1].count), art. 2.1-2.5 zoals zij luidden op \(amountDate)",
                               "EUR \(hourlyP.money) per uur, ten hoogste EUR \(maxP.formatted), \(yearsP.formatted) jaar"))
        }
        if type == .herplaatsen {
            steps.append(.init(hours.resumptionDate == nil ? "Werkhervatting niet opgegeven (resumption_date): de looptijd loopt vanaf de aanvang van de dienstbetrekking"
                               : "Looptijd vanaf de werkhervatting (Wtl art. 2.16 lid 1)", periodStart.description))
        }
        if let lastDay {
            steps.append(.init("Looptijd: \(yearsP.formatted) jaar vanaf \(periodStart), laatste dag", lastDay.description))
        } else {
            steps.append(.init("Looptijd: geen maximum (\(yearsP.id) = none) vanaf \(periodStart)", "onbeperkt"))
        }
        if let pension { steps.append(pension.step) }
        /// A month counts when it lies in the period and the worker had not reached the pensioengerechtigde leeftijd
        /// on its first day (Wtl art. 2.2 lid 2, 2.6 lid 3, 2.10 lid 2 en 2.14 lid 2, onder a; docs/readings.md).
        func counts(_ m: YearMonth) -> Bool {
            LKVDuration.counts(m, employmentStart: periodStart, lastDay: lastDay) && !(pension?.reached(by: m.firstDay) ?? false)
        }
        var eligibleHours = CentiHours.zero
        var counted: [JSONValue] = []
        var anyInPeriod = false
        let year = p.date.year
        for month in 1...12 {
            let ym = YearMonth(year: year, month: month)!
            if counts(ym) { anyInPeriod = true }
        }
        for (m, h) in hours.byMonth {
            if counts(m) {
                eligibleHours += h
                counted.append(.string(m.description))
                steps.append(.init("\(m): \(h) uur telt mee (binnen de looptijd)", h.description))
            } else {
                let why = m.lastDay < periodStart ? (type == .herplaatsen ? "voor de werkhervatting" : "voor de aanvang van de dienstbetrekking")
                    : (pension?.reached(by: m.firstDay) ?? false) ? "pensioengerechtigde leeftijd bereikt" : "na het einde van de looptijd"
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
        ] + (pension.map { [("pension_age_reached_on", Out.date($0.reachedOn))] } ?? [])
        let explanation = Explanation(
            figure: "lkv", label: type.label, value: amount.description,
            rule: "Loonkostenvoordeel per verloond uur binnen de looptijd, met een jaarmaximum",
            source: type.source,
            formula: "min(round(uren binnen de looptijd x bedrag per uur), jaarmaximum)",
            parameters: [hourlyP, maxP, yearsP] + transitionPs + (pension.map { [$0.parameter] } ?? []),
            inputs: [.init("aanvang dienstbetrekking", hours.employmentStart.description)]
                + (hours.resumptionDate.map { [.init("werkhervatting", $0.description)] } ?? [])
                + (hours.birthDate.map { [.init("geboortedatum", $0.description)] } ?? [])
                + hours.byMonth.map { .init("verloonde uren \($0.0)", $0.1.description) },
            steps: steps)
        return Evaluation(type: type, eligible: eligible, eligibleHours: eligibleHours, amount: amount, hourly: hourly,
                          annualMaximum: cap, lastDay: lastDay, fields: fields, explanation: explanation)
    }
}
