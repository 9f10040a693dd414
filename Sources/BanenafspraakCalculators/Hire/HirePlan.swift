import BanenafspraakCore

/// The instruments a hire can bring, by the name of the calculator that computes them.
public enum HireInstrumentName: String, Sendable, CaseIterable {
    case lkv, liv, lks, noriskpolis
}

/// One instrument in one year: the amount the employer gets (none for the no-riskpolis, which is cover), its legal basis,
/// its own fields and the calculator's explanation.
public struct HireInstrument: Sendable {
    public var name: HireInstrumentName
    public var amount: Cents?
    public var fields: [(String, JSONValue)]
    public var legalBasis: String
    public var explanation: Explanation

    /// An amount that rests on a parameter with status `estimate` says so under `estimates` ("schatting"), as in `calc`.
    func markingEstimates() -> HireInstrument {
        var marked = self
        marked.fields = Calculators.markingEstimates(CalculatorOutcome(result: fields, explanation: explanation)).result
        return marked
    }

    public var jsonValue: JSONValue {
        .object([("amount", amount.map { .string($0.description) } ?? .null)] + fields
                + [("legal_basis", .string(legalBasis)), ("explanation", explanation.jsonValue)])
    }
}

/// One calendar year of a hire.
public struct HireYear: Sendable {
    public var year: Int
    public var months: [HireMonth]
    public var hours: CentiHours
    public var wage: Cents
    /// Whether the worker counts for the banenafspraak this year (the quota's C, the simplified scheme's LKV and bonus).
    public var countsForBanenafspraak: Bool
    public var instruments: [HireInstrument]

    public func instrument(_ name: HireInstrumentName) -> HireInstrument? { instruments.first { $0.name == name } }
}

/// What a hire means for the employer, year by year (spec section 15), without the employer's own totals: those are
/// added by the server module, which holds the estimate (`Hire.run`).
public struct HirePlan: Sendable {
    public var hire: HireCase
    public var years: [HireYear]
    public var deadlines: [HireDeadline]
    /// Set when the five years run past the last year the parameters cover.
    public var horizonNote: String?

    public static func compute(_ hire: HireCase, parameters set: ParameterSet) throws(CaseError) -> HirePlan {
        let last = ParameterSet.horizonEnd.year
        let range = HireSchedule.years(start: hire.start, lastYear: last)
        var years: [HireYear] = []
        var allTypes: [LKVType] = []
        for year in range {
            let months = HireSchedule.months(of: year, start: hire.start, perWeek: hire.hoursPerWeek, hourlyWage: hire.hourlyWage)
            let hours = months.reduce(CentiHours.zero) { $0 + $1.hours }
            let wage = months.reduce(Cents.zero) { $0 + $1.wage }
            let p = CalculatorParameters(set: set, date: LocalDate(year: year, month: 12, day: 31)!)
            var law = p.has("register.wet_banenafspraak")
            if law { law = try p.resolve("register.wet_banenafspraak").count == 1 }
            let counts = hire.situation.countsForBanenafspraak(wetBanenafspraak: law)
            let types = HireLKV.types(hire.situation, start: hire.start, countsInYear: counts)
            for t in types where !allTypes.contains(t) { allTypes.append(t) }
            var instruments = try HireLKV.evaluate(hire, types, months: months, yearHours: hours, year: year, set)
            if let lks = try HireLKS.evaluate(hire, months: months, set) { instruments.append(lks) }
            if let nr = try HireNoRisk.evaluate(hire, year: year, countsInYear: counts, set) { instruments.append(nr) }
            years.append(HireYear(year: year, months: months, hours: hours, wage: wage, countsForBanenafspraak: counts,
                                  instruments: instruments.map { $0.markingEstimates() }))
        }
        let cut = hire.start.year + HireSchedule.years - 1 > last
        let note = cut ? "De parameters lopen tot en met \(last); de jaren \(last + 1) tot en met \(hire.start.year + HireSchedule.years - 1) zijn niet berekend." : nil
        let deadlines = try HireDeadlines.build(hire, types: allTypes, years: range, set)
        return HirePlan(hire: hire, years: years, deadlines: deadlines, horizonNote: note)
    }

    /// The result of spec section 15: `{"start_date", "years": [...], "deadlines": [...]}`; `employerEffect` gives the
    /// `employer_effect` of a year when the employer's totals were given.
    public func jsonValue(employerEffect: (Int) -> JSONValue? = { _ in nil }) -> JSONValue {
        var out: [(String, JSONValue)] = [("start_date", .string(hire.start.description))]
        out.append(("years", .array(years.map { y in
            var fields: [(String, JSONValue)] = [
                ("year", .integer(Int64(y.year))), ("months_employed", .integer(Int64(y.months.count))),
                ("hours", .string(y.hours.description)), ("wage", .string(y.wage.description)),
                ("counts_for_banenafspraak", .bool(y.countsForBanenafspraak)),
                ("instruments", .object(y.instruments.map { ($0.name.rawValue, $0.jsonValue) })),
            ]
            if let e = employerEffect(y.year) { fields.append(("employer_effect", e)) }
            return .object(fields)
        })))
        out.append(("deadlines", .array(deadlines.map {
            .object([("what", .string($0.what)), ("date", .string($0.date.description)), ("source", .string($0.source))])
        })))
        if let horizonNote { out.append(("horizon", .string(horizonNote))) }
        return .object(out)
    }
}
