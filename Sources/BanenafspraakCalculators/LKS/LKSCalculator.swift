import BanenafspraakCore

/// The `lks` calculator (calculators: docs/sources.md; calculator cases: docs/contracts-internal.md): loonkostensubsidie for one month.
enum LKSCalculator {
    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let loonwaarde = try input.percent("loonwaarde_percent")
        let contract = try input.hours("contract_hours_per_week")
        let basisP = try p.resolve("lks.wml_basis")
        let hourlyBasis = basisP.count == 1
        let fullTimeInput: CentiHours? = hourlyBasis ? try input.optionalHours("fulltime_hours_per_week") : try input.hours("fulltime_hours_per_week")
        let forfaitair = try input.bool("forfaitair")
        let months = try input.count("months_since_start")
        try input.finish()
        if let off = try InForce.check("lks.scheme", instrument: "Loonkostensubsidie", reason: "De loonkostensubsidie van de Participatiewet bestaat vanaf 1 januari 2015", p) {
            return off
        }
        if forfaitair, let off = try InForce.check("lks.forfaitair.scheme", instrument: "Forfaitaire loonkostensubsidie",
                                                   reason: "De forfaitaire loonkostensubsidie (Pwet art. 10d lid 5) bestaat vanaf 1 januari 2017", p) {
            return off
        }

        let vbP = try p.resolve("wml.vakantiebijslag_percent")
        let capP = try p.resolve("lks.cap_percent")
        let allowanceP = try p.resolve("lks.employer_costs_percent")
        var parameters = [basisP, vbP, capP, allowanceP]

        let fullTime: CentiHours
        let wmlvb: Cents
        var steps: [Explanation.Step] = []
        if hourlyBasis {
            // From 2024: the minimum hourly wage times the contract hours (Pwet art. 10d, Wet invoering minimumuurloon).
            let wmlP = try p.resolve("wml.hourly")
            parameters.insert(wmlP, at: 0)
            fullTime = contract
            if let f = fullTimeInput { steps.append(.init("Grondslag minimumuurloon: de opgegeven voltijdse week van \(f) uur wordt niet gebruikt", "-")) }
            guard contract.rawValue > 0 else {
                throw CaseError(field: input.fieldPath("contract_hours_per_week"), message: "the contract must be more than 0 hours a week")
            }
            wmlvb = Loonkostensubsidie.hourlyWmlPlusVakantiebijslagPerMonth(hourly: wmlP.money, vakantiebijslag: vbP.percent, hoursPerWeek: contract)
            steps.append(.init("WML-uurloon EUR \(wmlP.money) + \(vbP.percent)% vakantiebijslag x \(contract) uur per week x 52 / 12", wmlvb.description, rounding: "round, 2 decimalen"))
        } else {
            let wmlP = try p.resolve("wml.monthly")
            let fullTimeParameter = try p.resolve("lks.fulltime_hours_week")
            parameters.insert(wmlP, at: 0)
            parameters.append(fullTimeParameter)
            fullTime = fullTimeInput!
            steps.append(.init("Voltijdse arbeidsduur: de normale arbeidsduur bij de werkgever", fullTime.description))
            guard fullTime.rawValue > 0 else {
                throw CaseError(field: input.fieldPath("fulltime_hours_per_week"), message: "the full-time week must be more than 0 hours")
            }
            wmlvb = Loonkostensubsidie.wmlPlusVakantiebijslag(wml: wmlP.money, vakantiebijslag: vbP.percent)
            steps.append(.init("WML per maand EUR \(wmlP.money) + \(vbP.percent)% vakantiebijslag", wmlvb.description, rounding: "round, 2 decimalen"))
        }
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
        let subsidy = Loonkostensubsidie.proRata(base, contract: contract, fullTime: fullTime)
        steps.append(.init("Naar rato van de arbeidsduur: x \(min(contract, fullTime)) / \(fullTime) uur per week", subsidy.description, rounding: "round, 2 decimalen"))
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
            ("fulltime_hours_per_week", hourlyBasis ? .null : Out.hours(fullTime)),
            ("wml_basis", .string(hourlyBasis ? "hourly" : "monthly")),
        ]
        if let gap { fields.append(("wage_gap", Out.money(gap))) }
        if forfaitair { fields.append(("forfaitair_expired", .bool(expired))) }
        let explanation = Explanation(
            figure: "lks", label: forfaitair ? "Forfaitaire loonkostensubsidie per maand" : "Loonkostensubsidie per maand",
            value: monthly.description,
            rule: forfaitair ? "Forfaitaire loonkostensubsidie (ten hoogste 6 maanden)" : "Loonkostensubsidie op basis van loonwaarde",
            source: forfaitair ? "Pwet art. 10d lid 5" : "Pwet art. 10d lid 4; Kamerstukken II 2018/19, 34 352, nr. 163",
            formula: hourlyBasis
                ? (forfaitair ? "50% x WML-uurloon x 1,08 x contracturen x 52/12 x 1,23" : "min((WML-uurloon x 1,08 x contracturen x 52/12) x (1 - loonwaarde%), 70% daarvan) x 1,23")
                : (forfaitair ? "50% x (WML+VB) x contracturen / voltijduren x 1,23"
                : "min((WML+VB) x (1 - loonwaarde%), 70% x (WML+VB)) x contracturen / voltijduren x 1,23"),
            parameters: parameters,
            inputs: [.init("loonwaarde", "\(loonwaarde)%"), .init("contracturen per week", contract.description),
                     .init("voltijduren per week (opgegeven)", fullTimeInput?.description ?? "-"),
                     .init("forfaitair", forfaitair ? "ja" : "nee"), .init("maanden sinds de start", String(months))],
            steps: steps)
        return CalculatorOutcome(result: fields, explanation: explanation)
    }
}
