import BanenafspraakCore

/// The `noriskpolis` calculator (calculators: docs/sources.md): cover, term and ziekengeld for the case date, with LKS netting.
enum NoRiskPolisCalculator {
    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let group = try input.choice("group", as: NoRiskGroup.self)
        let start = try input.date("employment_start")
        let firstSick = try input.date("first_sick_day")
        // Pwet art. 78dd: the old LKS rule keeps applying when the ziekmelding (ZW art. 38a lid 3) was made before 2022.
        let ziekmelding = try input.optionalDate("ziekmelding_date") ?? firstSick
        let birth = try input.optionalDate("birth_date")
        let dagloon = try input.money("dagloon")
        let requestFull = try input.optionalBool("employer_requests_full_wage") ?? false
        let wageOwed = try input.optionalMoney("wage_owed_per_day")
        let days = try input.optionalCount("days", max: 366) ?? 1
        var lwInput: BasisPoints? = nil
        var forfaitair = false
        let hasLKS: Bool
        if var lks = try input.object("lks", required: false) {
            hasLKS = true
            forfaitair = try lks.optionalBool("forfaitair") ?? false
            lwInput = try lks.optionalPercent("loonwaarde_percent", required: !forfaitair)
            try lks.finish()
        } else {
            hasLKS = false
        }
        if requestFull && wageOwed == nil {
            throw CaseError(field: input.fieldPath("wage_owed_per_day"), message: "required when the employer requests the full wage")
        }
        try input.finish()
        guard firstSick <= p.date else {
            throw CaseError(field: input.fieldPath("first_sick_day"), message: "the first day of illness lies after the case date")
        }

        if let off = try InForce.check("noriskpolis.\(group.rawValue).scheme", instrument: "No-riskpolis (\(group.rawValue))",
                                       reason: "De no-riskpolis voor deze groep geldt voor ziekte vanaf 1 januari 2016 (ZW art. 29b lid 2 onder e en f); getoetst op de eerste ziektedag", p, on: firstSick) {
            return off
        }
        let termP = try p.resolve("noriskpolis.term_years.\(group.rawValue)", on: firstSick)
        let pctP = try p.resolve("noriskpolis.ziekengeld_percent")
        let fullP = try p.resolve("noriskpolis.full_wage_percent")
        let fullWeeksP = try p.resolve("noriskpolis.full_wage_weeks")
        let maxWeeksP = try p.resolve("noriskpolis.max_weeks")
        var parameters = [termP, pctP, fullP, fullWeeksP, maxWeeksP]

        let coverEnd = NoRiskCover.lastDay(employmentStart: start, years: termP.limit)
        var covered = NoRiskCover.isCovered(firstSickDay: firstSick, employmentStart: start, lastDay: coverEnd)
        var startStep: Explanation.Step? = nil
        if group == .banenafspraak {
            // ZW art. 29b lid 2 onder e: only for a dienstbetrekking that began on or after 1 January 2015.
            let fromP = try p.resolve("noriskpolis.banenafspraak.employment_from_year", on: firstSick)
            parameters.append(fromP)
            let startsInTime = Int64(start.year) >= fromP.count
            startStep = .init("Dienstbetrekking begonnen op \(start), vereist: in of na \(fromP.count)", startsInTime ? "voldoet" : "geen dekking")
            if !startsInTime { covered = false }
        }
        let dayIndex = p.date.dayNumber - firstSick.dayNumber
        let week = Int64(dayIndex / 7 + 1)
        // ZW art. 29 lid 4 and 5: no ziekengeld from the day the pensioengerechtigde leeftijd is reached when the
        // illness began before it; six weeks at most when it began on or after that day.
        let pension = try birth.map { (b) throws(CaseError) in try PensionAge.of(birth: b, p) }
        var maxWeeks = maxWeeksP.count
        var pensionStep: [Explanation.Step] = []
        if let pension {
            parameters.append(pension.parameter)
            pensionStep.append(pension.step)
            if pension.reached(by: firstSick) {
                let sixP = try p.resolve("noriskpolis.max_weeks_after_pension_age")
                parameters.append(sixP)
                maxWeeks = sixP.count
                pensionStep.append(.init("Eerste ziektedag op of na de pensioengerechtigde leeftijd (ZW art. 29 lid 5): ten hoogste \(sixP.count) weken", String(sixP.count)))
            }
        }
        let stoppedAtPensionAge = pension.map { !$0.reached(by: firstSick) && $0.reached(by: p.date) } ?? false
        let ended = week > maxWeeks || stoppedAtPensionAge
        var steps: [Explanation.Step] = (startStep.map { [$0] } ?? []) + [
            .init(coverEnd == nil ? "Dekking zolang de dienstbetrekking duurt" : "Dekking \(termP.formatted) jaar vanaf \(start), laatste dag", coverEnd?.description ?? "onbeperkt"),
            .init("Eerste ziektedag \(firstSick) \(covered ? "valt binnen" : "valt buiten") de dekking", covered ? "gedekt" : "niet gedekt"),
            .init("Ziekteweek op \(p.date)", String(week)),
        ] + pensionStep
        let full = requestFull && week <= fullWeeksP.count
        let percent = full ? fullP.percent : pctP.percent
        var daily = Cents.zero
        if covered && !ended {
            daily = Ziekengeld.daily(dagloon: dagloon, percent: percent, wageOwed: full ? wageOwed : nil)
            steps.append(.init("Ziekengeld \(percent)% van dagloon EUR \(dagloon)\(full ? ", ten hoogste het verschuldigde loon EUR \(wageOwed!)" : "")", daily.description, rounding: "round, 2 decimalen"))
        } else if stoppedAtPensionAge {
            steps.append(.init("Geen ziekengeld op en na de dag waarop de pensioengerechtigde leeftijd is bereikt (ZW art. 29 lid 4)", "0.00"))
        } else if ended {
            steps.append(.init("Na \(maxWeeks) weken geen ziekengeld meer", "0.00"))
        }
        var factor = BasisPoints(10_000)
        if hasLKS {
            let nettingP = try p.resolve("noriskpolis.lks_netting", on: ziekmelding)
            parameters.append(nettingP)
            steps.append(.init("Verrekening met LKS getoetst op de datum van de ziekmelding (Pwet art. 78dd)", ziekmelding.description))
            if nettingP.count == 1 {
                let minP = try p.resolve("noriskpolis.lks_min_percent", on: ziekmelding)
                let forfP = try p.resolve("noriskpolis.lks_forfaitair_percent", on: ziekmelding)
                parameters += [minP, forfP]
                factor = Ziekengeld.lksFactor(loonwaarde: lwInput, forfaitair: forfaitair, minimum: minP.percent, forfaitairPercent: forfP.percent)
                steps.append(.init(forfaitair ? "Forfaitaire LKS: ziekengeld x \(forfP.percent)% (ZW 29e)"
                                   : "LKS: ziekengeld x loonwaarde \(lwInput!)%, ten minste \(minP.percent)% (ZW 29e)", "\(factor)%"))
            } else {
                steps.append(.init("Ziekmelding voor 2022: geen verrekening (ZW 29e); de gemeente stopt de LKS bij ziekte (Pwet art. 10d lid 12 oud, art. 78dd); volledig ziekengeld", "100.00%"))
            }
        }
        let dailyAmount = Rounding.percent(daily, factor)
        if factor.rawValue != 10_000 { steps.append(.init("Ziekengeld na verrekening met LKS", dailyAmount.description, rounding: "round, 2 decimalen")) }
        let total = Rounding.times(dailyAmount, days)
        steps.append(.init("\(days) dag(en) x EUR \(dailyAmount)", total.description))

        let fields: [(String, JSONValue)] = [
            ("in_force", .bool(true)),
            ("covered", .bool(covered)),
            ("cover_until", Out.date(coverEnd)),
            ("week_of_illness", .integer(week)),
            ("percentage", Out.percent(covered && !ended ? percent : .zero)),
            ("daily_ziekengeld", Out.money(daily)),
            ("lks_factor_percent", Out.percent(factor)),
            ("daily_amount", Out.money(dailyAmount)),
            ("total", Out.money(total)),
        ] + (pension.map { [("pension_age_reached_on", Out.date($0.reachedOn))] } ?? [])
        let explanation = Explanation(
            figure: "noriskpolis", label: "Ziekengeld no-riskpolis", value: total.description,
            rule: "No-riskpolis: dekking, ziekengeld 70% (100% in de eerste 52 weken op verzoek), verrekening met loonkostensubsidie",
            source: "ZW art. 29 lid 4 en 5, 29b (lid 1 onder b: WIA, vijf jaar; lid 2 onder a: Wajong, onder e: doelgroep banenafspraak, onder f: beschut werk) en 29e (verrekening vanaf 2022: Verzamelwet SZW 2022, Stb. 2021, 627; Pwet art. 78dd); Kamerstukken II 2018/19, 34 352, nr. 163",
            formula: "round(dagloon x percentage) x max(loonwaarde, 30%) (of 50% bij forfaitaire LKS) x dagen",
            parameters: parameters,
            inputs: [.init("groep", group.rawValue), .init("aanvang dienstbetrekking", start.description),
                     .init("eerste ziektedag", firstSick.description), .init("ziekmelding", ziekmelding.description), .init("dagloon", dagloon.description),
                     .init("dagen", String(days))],
            steps: steps)
        return CalculatorOutcome(result: fields, explanation: explanation)
    }
}
