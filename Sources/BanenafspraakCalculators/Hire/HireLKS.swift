import BanenafspraakCore

/// The loonkostensubsidie of one hire in one year, month by month, by the `lks` calculator (Pwet art. 10d):
/// the forfaitaire route in the first six months when asked (lid 5), the loonwaarde after that (lid 4). A start
/// month that is not whole gets the month's amount × the days employed / the days of the month (reading H5 in docs/readings.md).
enum HireLKS {
    /// The full-time week when the case gives none (reading H5 in docs/readings.md): the 36 hours the law itself uses from 2024.
    static let defaultFullTime = CentiHours(3_600)

    static func evaluate(_ hire: HireCase, months: [HireMonth], _ set: ParameterSet) throws(CaseError) -> HireInstrument? {
        guard let loonwaarde = hire.situation.loonwaarde, !months.isEmpty else { return nil }
        let fullTime = hire.fullTimeHoursPerWeek ?? defaultFullTime
        var rows: [JSONValue] = []
        var total = Cents.zero
        var steps: [Explanation.Step] = []
        var children: [Explanation] = []
        var seen: Set<String> = []
        if hire.fullTimeHoursPerWeek == nil { steps.append(.init("Voltijdse week bij de werkgever niet opgegeven: aangenomen", "36.00")) }
        for m in months {
            let p = CalculatorParameters(set: set, date: m.month.firstDay)
            var forfaitair = hire.situation.lksForfaitair && m.sinceStart < 6 && p.has("lks.forfaitair.scheme")
            if forfaitair { forfaitair = try p.resolve("lks.forfaitair.scheme").count == 1 }
            var input = try CaseInput(.object([
                ("loonwaarde_percent", .string(loonwaarde.description)),
                ("contract_hours_per_week", .string(hire.hoursPerWeek.description)),
                ("fulltime_hours_per_week", .string(fullTime.description)),
                ("forfaitair", .bool(forfaitair)),
                ("months_since_start", .integer(Int64(m.sinceStart))),
            ]), path: "input")
            let o = try LKSCalculator.compute(&input, p)
            if case .bool(false)? = HireLKV.field(o.result, "in_force") {
                steps.append(.init("\(m.month): loonkostensubsidie niet van kracht", "0.00"))
                continue
            }
            let monthly = HireLKV.money(o.result, "monthly_amount")
            let amount = m.daysEmployed == m.daysInMonth ? monthly : Rounding.ratio(monthly, Int64(m.daysEmployed), Int64(m.daysInMonth))
            total += amount
            let route = forfaitair ? "forfaitair" : "loonwaarde"
            rows.append(.object([("month", .string(m.month.description)), ("route", .string(route)), ("amount", .string(amount.description))]))
            steps.append(.init("\(m.month): \(forfaitair ? "forfaitair (Pwet art. 10d lid 5)" : "op basis van de loonwaarde (Pwet art. 10d lid 4)")"
                               + (amount == monthly ? "" : ", \(m.daysEmployed) van \(m.daysInMonth) dagen in dienst"), amount.description,
                               rounding: amount == monthly ? "geen" : "round, 2 decimalen"))
            if seen.insert("\(route) \(monthly)").inserted { children.append(o.explanation) }
        }
        let explanation = Explanation(
            figure: "lks", label: "Loonkostensubsidie in het jaar", value: total.description,
            rule: "Loonkostensubsidie per maand, opgeteld over de maanden in dienst",
            source: "Pwet art. 10d lid 4 en 5",
            formula: "som over de maanden van het bedrag per maand (de eerste maand naar rato van de dagen in dienst)",
            inputs: [.init("loonwaarde", "\(loonwaarde)%"), .init("contracturen per week", hire.hoursPerWeek.description),
                     .init("forfaitaire start", hire.situation.lksForfaitair ? "ja" : "nee")],
            steps: steps + [.init("Totaal", total.description)], children: children)
        return HireInstrument(name: .lks, amount: total, fields: [("in_force", .bool(!rows.isEmpty)), ("months", .array(rows))],
                              legalBasis: "Pwet art. 10d lid 4 (loonwaarde) en lid 5 (forfaitair, ten hoogste 6 maanden)", explanation: explanation)
    }
}
