import BanenafspraakCore

/// The `vrijlating` calculator (calculators: docs/sources.md; calculator cases: docs/contracts-internal.md): the exempt part of one month's income.
enum VrijlatingCalculator {
    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let category = try input.choice("category", as: VrijlatingCategory.self)
        let age = try input.count("age", max: 150)
        let income = try input.money("monthly_income")
        let monthsUsed = try input.count("months_used", max: 1200)
        let extended = try input.optionalBool("extended") ?? false
        let singleParent = try input.optionalBool("single_parent")
        let childAge = try input.optionalCount("youngest_child_age", max: 150)
        if category == .r && singleParent == nil {
            throw CaseError(field: input.fieldPath("single_parent"), message: "required for the vrijlating onder r (alleenstaande ouder)")
        }
        if category == .r && singleParent == true && childAge == nil {
            throw CaseError(field: input.fieldPath("youngest_child_age"), message: "required for the vrijlating onder r: the age of the youngest ten laste komend kind")
        }
        var others: [VrijlatingCategory] = []
        if let list = try input.array("other_categories", required: false) {
            for (i, v) in list.enumerated() {
                guard case .string(let s) = v, let c = VrijlatingCategory(rawValue: s), c != category else {
                    throw CaseError(field: input.fieldPath("other_categories") + ".\(i)",
                                    message: "expected another category: one of n, r, y, z, aa other than \(category.rawValue)")
                }
                others.append(c)
            }
        }
        if extended && category != .aa {
            throw CaseError(field: input.fieldPath("extended"), message: category == .z
                ? "the vrijlating z runs twelve months and cannot be extended; after it the vrijlating aa applies (Pwet art. 31 lid 2 onder aa)"
                : "only the vrijlating aa follows a finding of the college (Pwet art. 31 lid 2 onder aa)")
        }
        try input.finish()
        if let off = try InForce.check("vrijlating.\(category.rawValue).scheme", instrument: category.label(on: p.date),
                                       reason: "De vrijlating onder \(category.rawValue) bestaat vanaf 1 januari 2023 (Wet uitvoering Breed Offensief)", p) {
            return off
        }

        let id = "vrijlating.\(category.rawValue)"
        let pctP = try p.resolve(id + ".percent")
        let capP = try p.resolve(id + ".cap")
        let monthsP = try p.resolve(id + ".max_months")
        let ageP = try p.resolve(id + ".min_age")
        var steps: [Explanation.Step] = []
        var parameters = [pctP, capP, monthsP, ageP]
        // Onder n: the six months hold only for a person below the pensioengerechtigde leeftijd (Pwet art. 31 lid 2
        // onder n); `age` at or above that age, in whole years, counts as above it.
        var maxMonths = monthsP.limit
        if category == .n {
            let aowP = try p.resolve(PensionAge.parameterID)
            parameters.append(aowP)
            let above = age * 12 >= aowP.count
            steps.append(.init("Leeftijd \(age) tegen de pensioengerechtigde leeftijd van \(aowP.count / 12) jaar\(aowP.count % 12 == 0 ? "" : " en \(aowP.count % 12) maanden") (AOW art. 7a lid 1)",
                               above ? "bereikt: geen maximumduur" : "niet bereikt: ten hoogste \(monthsP.formatted) maanden"))
            if above { maxMonths = nil }
        }
        let lid = VrijlatingCategory.under27Lid(on: p.date)
        var exception = false
        if let a = ageP.limit, age < a, category == .n || category == .r {
            let u27 = try p.resolve("vrijlating.under_27_exception")
            parameters.append(u27)
            exception = u27.count == 1
        }
        var childMaxP: ResolvedParameter? = nil
        if category == .r {
            let c = try p.resolve("vrijlating.r.max_child_age")
            parameters.append(c)
            childMaxP = c
        }
        let refusal = Vrijlating.refusal(category: category, on: p.date, age: age, minimumAge: ageP.limit, under27Exception: exception,
                                         singleParent: singleParent, youngestChildAge: childAge, maximumChildAge: childMaxP?.count,
                                         monthsUsed: monthsUsed, maximumMonths: maxMonths, otherCategories: others)
        if let a = ageP.limit {
            steps.append(.init("Leeftijd \(age) tegen minimumleeftijd \(a) (Pwet art. 31 lid \(lid))", age >= a ? "voldoet" : (exception ? "jonger, maar tijdelijke uitzondering Pwet art. 31a" : "te jong")))
        }
        if let c = childMaxP {
            steps.append(.init("Alleenstaande ouder met een ten laste komend kind jonger dan \(c.count) jaar (jongste kind: \(childAge.map(String.init) ?? "-"))",
                               singleParent == true && (childAge ?? c.count) < c.count ? "voldoet" : "voldoet niet"))
        }
        if let m = maxMonths {
            steps.append(.init("Gebruikte maanden \(monthsUsed) van ten hoogste \(m)", monthsUsed < m ? "maand \(monthsUsed + 1) telt" : "op"))
        } else {
            steps.append(.init("Geen maximumduur", "onbeperkt"))
        }
        if !others.isEmpty {
            let excluded = Vrijlating.excludedBy(category, on: p.date)
            let hits = others.filter(excluded.contains)
            steps.append(.init("Andere vrijlating in dezelfde maand: \(others.map { $0.letter(on: p.date) }.joined(separator: ", ")); onder \(category.letter(on: p.date)) is uitgesloten naast \(excluded.isEmpty ? "geen enkele" : excluded.map { $0.letter(on: p.date) }.sorted().joined(separator: ", ")) (Pwet art. 31 lid 2)",
                               hits.isEmpty ? "geen beletsel" : "geen vrijlating"))
        }
        let eligible = refusal == nil
        let gross = Rounding.percent(income, pctP.percent)
        steps.append(.init("\(pctP.percent)% van EUR \(income)", gross.description, rounding: "round, 2 decimalen"))
        let exempt = eligible ? Vrijlating.exemptAmount(income: income, percent: pctP.percent, cap: capP.money) : .zero
        steps.append(.init("Begrensd op EUR \(capP.money) per maand\(eligible ? "" : "; geen recht")", exempt.description))

        var fields: [(String, JSONValue)] = [
            ("in_force", .bool(true)),
            ("eligible", .bool(eligible)),
            ("exempt_amount", Out.money(exempt)),
            ("percent", Out.percent(pctP.percent)),
            ("cap", Out.money(capP.money)),
            ("months_left", maxMonths.map { .integer(max(0, $0 - monthsUsed - (eligible ? 1 : 0))) } ?? .null),
        ]
        fields.append(("reason", refusal.map { .string($0.rawValue) } ?? .null))
        let explanation = Explanation(
            figure: "vrijlating", label: category.label(on: p.date), value: exempt.description,
            rule: "Vrijlating van inkomsten uit arbeid: een percentage van het inkomen, met een maximum per maand",
            source: "Pwet art. 31 lid 2 onder \(category.letter(on: p.date)), lid \(lid) en art. 31a; Kamerstukken II 2018/19, 34 352, nr. 163",
            formula: "min(round(inkomen x percentage), maximum per maand), als leeftijd, duur en de uitsluitingen van het onderdeel het toelaten",
            parameters: parameters,
            inputs: [.init("categorie", category.rawValue), .init("leeftijd", String(age)), .init("inkomen uit arbeid per maand", income.description),
                     .init("gebruikte maanden", String(monthsUsed)), .init("verlengd", extended ? "ja" : "nee")]
                + (category == .r ? [.init("alleenstaande ouder", singleParent == true ? "ja" : "nee"), .init("leeftijd jongste kind", childAge.map(String.init) ?? "-")] : []),
            steps: steps)
        return CalculatorOutcome(result: fields, explanation: explanation)
    }
}
