import BanenafspraakCore

/// The `lks` calculator (calculators: docs/sources.md; calculator cases: docs/contracts-internal.md): loonkostensubsidie for one month.
enum LKSCalculator {
    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let loonwaarde = try input.percent("loonwaarde_percent")
        let contract = try input.hours("contract_hours_per_week")
        let fullTimeInput = try input.hours("fulltime_hours_per_week")
        let forfaitair = try input.bool("forfaitair")
        let months = try input.count("months_since_start")
        try input.finish()
        if let off = try InForce.check("lks.scheme", instrument: "Loonkostensubsidie", reason: "De loonkostensubsidie van de Participatiewet bestaat vanaf 1 januari 2015", p) {
            return off
        }
        if forfaitair, let off = try InForce.check("lks.forfaitair.scheme", instrument: "Forfaitaire loonkostensubsidie",
                                                   reason: "De forfaitaire loonkostensubsidie (Pwet art. 10d lid 5) staat niet in de tekst van 1 januari 2017 en wel in die van 1 januari 2018; de ingangsdatum in 2017 is niet gevonden, dit project rekent vanaf 1 januari 2018", p) {
            return off
        }

        // The wettelijk minimumloon of the Participatiewet is the minimum wage per month (Pwet art. 2), also from 2024.
        // From 2018 the college re-determines the subsidy on 1 January with the minimum wage of that day (Pwet art.
        // 10d lid 7): the minimum wage of 1 January of the case year, or of the first day of the start month when
        // the dienstbetrekking began later in that year.
        let januaryP = try p.resolve("lks.reindexation_january")
        var wmlDate = p.date
        if januaryP.count == 1 {
            let month = Int64(p.date.month)
            wmlDate = months >= month - 1 ? LocalDate(year: p.date.year, month: 1, day: 1)!
                : LocalDate(year: p.date.year, month: Int(month - months), day: 1)!
        }
        let wmlP = try p.resolve("wml.monthly", on: wmlDate)
        let vbP = try p.resolve("wml.vakantiebijslag_percent")
        let capP = try p.resolve("lks.cap_percent")
        let allowanceP = try p.resolve("lks.employer_costs_percent")
        let referenceP = try p.resolve("lks.fulltime_hours_week")
        var parameters = [wmlP, vbP, capP, allowanceP, referenceP, januaryP]
        var steps: [Explanation.Step] = []
        if januaryP.count == 1 {
            steps.append(.init("Minimumloon van de laatste vaststelling (Pwet art. 10d lid 7: opnieuw vastgesteld per 1 januari; aanvang \(months) maand(en) voor de peildatum)", wmlDate.description))
        }
        guard fullTimeInput.rawValue > 0 else {
            throw CaseError(field: input.fieldPath("fulltime_hours_per_week"), message: "the full-time week must be more than 0 hours")
        }
        // Pwet art. 10d lid 4: until 2023 against the normale arbeidsduur (WML art. 12), only reduced; from 2024
        // against 36 hours, reduced or increased, the agreed hours at most the usual full-time hours.
        let reference = referenceP.limit.map { CentiHours($0) } ?? fullTimeInput
        let increases = referenceP.limit != nil
        if increases {
            steps.append(.init("Arbeidsduur waartegen naar rato wordt gerekend (Pwet art. 10d lid 4): \(reference) uur per week; de overeengekomen uren ten hoogste de gebruikelijke voltijdse week van \(fullTimeInput) uur", reference.description))
        } else {
            steps.append(.init("Voltijdse arbeidsduur: de normale arbeidsduur bij de werkgever (WML art. 12)", reference.description))
        }
        let wmlvb = Loonkostensubsidie.wmlPlusVakantiebijslag(wml: wmlP.money, vakantiebijslag: vbP.percent)
        steps.append(.init("WML per maand EUR \(wmlP.money) + \(vbP.percent)% vakantiebijslag", wmlvb.description, rounding: "round, 2 decimalen"))
        let cap = Rounding.percent(wmlvb, capP.percent)
        steps.append(.init("Maximum: \(capP.percent)% van (WML + VB)", cap.description, rounding: "round, 2 decimalen"))

        var base: Cents
        var gap: Cents? = nil
        var expired = false
        if forfaitair {
            let pctP = try p.resolve("lks.forfaitair_percent")
            let maxMonthsP = try p.resolve("lks.forfaitair_max_months")
            parameters += [pctP, maxMonthsP]
            if let maxMonths = maxMonthsP.limit, months >= maxMonths {
                expired = true
                base = .zero
                steps.append(.init("Forfaitaire loonkostensubsidie: maand \(months + 1) na de start valt buiten de eerste \(maxMonths) maanden", "0.00"))
            } else {
                base = Rounding.percent(wmlvb, pctP.percent)
                steps.append(.init("Forfaitair: \(pctP.percent)% van (WML + VB) (maand \(months + 1) van ten hoogste \(maxMonthsP.formatted))", base.description, rounding: "round, 2 decimalen"))
            }
        } else {
            let g = Loonkostensubsidie.wageGap(wmlPlusVB: wmlvb, loonwaarde: loonwaarde)
            gap = g
            steps.append(.init("Verschil (WML + VB) en loonwaarde: (100% - \(loonwaarde)%) van EUR \(wmlvb)", g.description, rounding: "round, 2 decimalen"))
            base = min(g, cap)
            steps.append(.init(g > cap ? "Begrensd op het maximum van \(capP.percent)%" : "Onder het maximum van \(capP.percent)%", base.description))
        }
        let agreed = min(contract, fullTimeInput)
        let subsidy = Loonkostensubsidie.proRata(base, agreed: agreed, reference: reference, mayIncrease: increases)
        steps.append(.init("Naar rato van de arbeidsduur: x \(increases ? agreed : min(agreed, reference)) / \(reference) uur per week", subsidy.description, rounding: "round, 2 decimalen"))
        let allowance = Rounding.percent(subsidy, allowanceP.percent)
        steps.append(.init("Tegemoetkoming werkgeverslasten: \(allowanceP.percent)% van de subsidie", allowance.description, rounding: "round, 2 decimalen"))
        let monthly = subsidy + allowance
        steps.append(.init("Loonkostensubsidie per maand", monthly.description))

        var fields: [(String, JSONValue)] = [
            ("in_force", .bool(true)),
            ("monthly_amount", Out.money(monthly)),
            ("wml_plus_vb", Out.money(wmlvb)),
            ("cap", Out.money(cap)),
            ("employer_costs_allowance", Out.money(allowance)),
            ("subsidy_before_allowance", Out.money(subsidy)),
            ("fulltime_hours_per_week", Out.hours(fullTimeInput)),
            ("reference_hours_per_week", Out.hours(reference)),
            ("wml_basis", .string("monthly")),
        ]
        if let gap { fields.append(("wage_gap", Out.money(gap))) }
        if forfaitair { fields.append(("forfaitair_expired", .bool(expired))) }
        let explanation = Explanation(
            figure: "lks", label: forfaitair ? "Forfaitaire loonkostensubsidie per maand" : "Loonkostensubsidie per maand",
            value: monthly.description,
            rule: forfaitair ? "Forfaitaire loonkostensubsidie (ten hoogste 6 maanden)" : "Loonkostensubsidie op basis van loonwaarde",
            source: forfaitair ? "Pwet art. 10d lid 5" : "Pwet art. 10d lid 4; Kamerstukken II 2018/19, 34 352, nr. 163",
            formula: increases
                ? (forfaitair ? "50% x (WML+VB) x min(contracturen, voltijduren) / 36 x (1 + werkgeverslasten%)"
                   : "min((WML+VB) x (1 - loonwaarde%), 70% x (WML+VB)) x min(contracturen, voltijduren) / 36 x (1 + werkgeverslasten%)")
                : (forfaitair ? "50% x (WML+VB) x contracturen / voltijduren x (1 + werkgeverslasten%)"
                   : "min((WML+VB) x (1 - loonwaarde%), 70% x (WML+VB)) x contracturen / voltijduren x (1 + werkgeverslasten%)"),
            parameters: parameters,
            inputs: [.init("loonwaarde", "\(loonwaarde)%"), .init("minimumloon per", wmlDate.description), .init("contracturen per week", contract.description),
                     .init("voltijduren per week (opgegeven)", fullTimeInput.description),
                     .init("forfaitair", forfaitair ? "ja" : "nee"), .init("maanden sinds de start", String(months))],
            steps: steps)
        return CalculatorOutcome(result: fields, explanation: explanation)
    }
}
