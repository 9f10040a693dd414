import BanenafspraakCore

/// The LKV and the LIV of one hire in one year, by the `lkv_best` and `liv` calculators: which LKV types the
/// situation allows, and the samenloop of Wtl art. 4.1 lid 3 (per worker per year only the highest).
enum HireLKV {
    /// Wtl art. 2.2 lid 1 onder b: "op het moment van aanvang van de dienstbetrekking 56 jaar of ouder".
    static let oudereMinimumAge = 56

    /// The LKV types the situation can give in `year` (Wtl art. 2.2, 2.6, 2.10 and 2.14). A new hire is assumed not to
    /// have worked for this employer in the six months before (art. 2.2 lid 1 onder c, 2.6 lid 1 onder b, 2.10 lid 1 onder b).
    static func types(_ s: HireSituation, start: LocalDate, countsInYear: Bool) -> [LKVType] {
        if s.herplaatsing { return s.wia ? [.herplaatsen] : [] }
        var out: [LKVType] = []
        if let age = s.age(on: start), age >= oudereMinimumAge, s.ww || s.wia || s.wajong || s.bijstand { out.append(.oudere) }
        if s.wia { out.append(.arbeidsgehandicapt) }
        if countsInYear { out.append(.banenafspraak) }
        return out
    }

    /// The `lkv_best` case of the year, with the LIV when it is in force; or the `liv` case alone when no LKV type applies
    /// or none is in force.
    static func evaluate(_ hire: HireCase, _ types: [LKVType], months: [HireMonth], yearHours: CentiHours, year: Int,
                         _ set: ParameterSet) throws(CaseError) -> [HireInstrument] {
        let p = CalculatorParameters(set: set, date: LocalDate(year: year, month: 12, day: 31)!)
        let livInForce = try p.resolve("liv.scheme").count == 1
        let liv: CaseValue = .object([("average_hourly_wage", .string(hire.hourlyWage.description)), ("hours_in_year", .string(yearHours.description))])
        var anyLKV = false
        for t in types where try LKVCalculator.inForce(t, LKVCalculator.Hours(employmentStart: hire.start, byMonth: []), p) { anyLKV = true }
        if !types.isEmpty && anyLKV {
            var fields: [(String, CaseValue)] = [
                ("types", .array(types.map { .string($0.rawValue) })),
                ("employment_start", .string(hire.start.description)),
                ("hours_by_month", .object(months.map { ($0.month.description, .string($0.hours.description)) })),
            ]
            if hire.situation.herplaatsing { fields.append(("resumption_date", .string(hire.start.description))) }
            if let b = hire.situation.birthDate { fields.append(("birth_date", .string(b.description))) }
            if livInForce { fields.append(("liv", liv)) }
            var input = try CaseInput(.object(fields), path: "input")
            let o = try BestLKVCalculator.compute(&input, p)
            return split(o, livInForce: livInForce)
        }
        var out: [HireInstrument] = []
        if !types.isEmpty, let off = try InForce.check(types[0].schemeParameter, instrument: "Loonkostenvoordeel", reason: types[0].notInForceReason, p) {
            out.append(HireInstrument(name: .lkv, amount: .zero, fields: off.result, legalBasis: types[0].source, explanation: off.explanation))
        }
        if livInForce {
            var facts = [("average_hourly_wage", liv["average_hourly_wage"]!), ("hours_in_year", liv["hours_in_year"]!)]
            if let b = hire.situation.birthDate { facts.append(("birth_date", .string(b.description))) }
            var input = try CaseInput(.object(facts), path: "input")
            let o = try LIVCalculator.compute(&input, p)
            out.append(HireInstrument(name: .liv, amount: money(o.result, "amount"), fields: o.result.filter { $0.0 != "amount" },
                                      legalBasis: "Wtl art. 3.1 en 3.2", explanation: o.explanation))
        }
        return out
    }

    /// The `lkv_best` outcome as the LKV granted and, when it was in force, the LIV granted (0 when the other won).
    static func split(_ o: CalculatorOutcome, livInForce: Bool) -> [HireInstrument] {
        let chosen: String? = { if case .string(let s)? = field(o.result, "chosen") { return s } else { return nil } }()
        let granted = money(o.result, "amount")
        var candidates: [JSONValue] = []
        var livCalculated = Cents.zero
        if case .array(let list)? = field(o.result, "candidates") {
            for c in list {
                if case .string("liv")? = c["type"] { livCalculated = money(c, "amount") } else { candidates.append(c) }
            }
        }
        let lkvType = chosen == "liv" ? nil : chosen
        let lkv = HireInstrument(
            name: .lkv, amount: chosen == "liv" ? .zero : granted,
            fields: [("in_force", .bool(true)), ("type", lkvType.map { .string($0) } ?? .null),
                     ("eligible_hours", field(o.result, "eligible_hours") ?? .null), ("candidates", .array(candidates))],
            legalBasis: (lkvType.flatMap(LKVType.init(rawValue:))?.source ?? "Wtl hoofdstuk 2") + "; samenloop: Wtl art. 4.1 lid 3",
            explanation: o.explanation)
        guard livInForce else { return [lkv] }
        let liv = HireInstrument(
            name: .liv, amount: chosen == "liv" ? granted : .zero,
            fields: [("in_force", .bool(true)), ("calculated_amount", .string(livCalculated.description)),
                     ("granted", .bool(chosen == "liv"))],
            legalBasis: "Wtl art. 3.1 en 3.2; samenloop: Wtl art. 4.1 lid 3", explanation: o.explanation.children.last ?? o.explanation)
        return [lkv, liv]
    }

    static func field(_ pairs: [(String, JSONValue)], _ key: String) -> JSONValue? { pairs.first { $0.0 == key }?.1 }

    static func money(_ pairs: [(String, JSONValue)], _ key: String) -> Cents {
        if case .string(let s)? = field(pairs, key), let v = FixedPoint.parse(s, scale: 2, allowSign: true) { return Cents(v) }
        return .zero
    }

    static func money(_ value: JSONValue, _ key: String) -> Cents {
        if case .string(let s)? = value[key], let v = FixedPoint.parse(s, scale: 2, allowSign: true) { return Cents(v) }
        return .zero
    }
}
