import BanenafspraakCore

/// The `lkv_best` calculator (calculators: docs/sources.md): of the LKV types a worker qualifies for, the one the employer gets.
enum BestLKVCalculator {
    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let list = try input.array("types")!
        var types: [LKVType] = []
        for (i, v) in list.enumerated() {
            let field = input.fieldPath("types") + ".\(i)"
            guard case .string(let s) = v, let t = LKVType(rawValue: s) else {
                throw CaseError(field: field, message: "expected one of: \(LKVType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !types.contains(t) else { throw CaseError(field: field, message: "\(s) is listed twice") }
            types.append(t)
        }
        guard !types.isEmpty else { throw CaseError(field: input.fieldPath("types"), message: "list at least one LKV type") }
        let hours = try LKVCalculator.readHours(&input, p)
        var livFacts: LIVCalculator.Facts? = nil
        if var liv = try input.object("liv", required: false) {
            livFacts = LIVCalculator.Facts(wage: try liv.money("average_hourly_wage"), hours: try liv.hours("hours_in_year"), birthDate: hours.birthDate)
            try liv.finish()
        }
        try input.finish()

        var evaluations: [LKVCalculator.Evaluation] = []
        var notInForce: [LKVType] = []
        for t in types {
            if try LKVCalculator.inForce(t, hours, p) { evaluations.append(try LKVCalculator.evaluate(t, hours, p)) } else { notInForce.append(t) }
        }
        if evaluations.isEmpty, let off = try InForce.check(types[0].schemeParameter, instrument: "Loonkostenvoordeel", reason: types[0].notInForceReason, p) {
            return off
        }
        // Wtl art. 4.1 lid 3: the LIV (2017-2024) takes part in the samenloop.
        var liv: LIVCalculator.Evaluation? = nil
        var livInForce = false
        if let livFacts {
            livInForce = try p.resolve("liv.scheme").count == 1
            if livInForce { liv = try LIVCalculator.evaluate(livFacts, p) }
        }
        var candidates = evaluations.map { (BestLKV.lawOrder($0.type), $0.amount.rawValue) }
        if let liv { candidates.append((BestLKV.livOrder, liv.amount.rawValue)) }
        let winner = BestLKV.choose(candidates)
        var steps: [Explanation.Step] = evaluations.map { .init("\($0.type.label)", $0.amount.description) }
            + notInForce.map { .init("\($0.label): \($0.notInForceReason)", "niet van kracht") }
        if let liv { steps.append(.init("Lage-inkomensvoordeel (Wtl art. 3.1)", liv.amount.description)) }
        if livFacts != nil && !livInForce { steps.append(.init("Lage-inkomensvoordeel: \(LIVCalculator.notInForceReason)", "niet van kracht")) }
        let livWins = winner == evaluations.count
        if let w = winner {
            let amount = candidates[w].1
            let tie = candidates.filter { $0.1 == amount }.count > 1
            steps.append(.init(tie ? "Gelijke bedragen: de tegemoetkoming die de Wtl het eerst noemt gaat voor (Wtl art. 4.1 lid 3)" : "De hoogste tegemoetkoming (Wtl art. 4.1 lid 3)",
                               livWins ? "liv" : evaluations[w].type.rawValue))
        } else {
            steps.append(.init("Geen enkele tegemoetkoming levert een bedrag op", "geen"))
        }
        let chosen = livWins ? nil : winner.map { evaluations[$0] }
        let fields: [(String, JSONValue)] = [
            ("in_force", .bool(true)),
            ("eligible", .bool(winner != nil)),
            ("chosen", livWins ? .string("liv") : chosen.map { .string($0.type.rawValue) } ?? .null),
            ("amount", Out.money(livWins ? liv!.amount : chosen?.amount ?? .zero)),
            ("eligible_hours", Out.hours(chosen?.eligibleHours ?? .zero)),
            ("candidates", .array(evaluations.map {
                .object([("type", .string($0.type.rawValue)), ("in_force", .bool(true)), ("eligible", .bool($0.eligible)), ("amount", Out.money($0.amount))])
            } + notInForce.map {
                .object([("type", .string($0.rawValue)), ("in_force", .bool(false)), ("eligible", .bool(false)), ("amount", Out.money(.zero))])
            } + (livFacts == nil ? [] : [.object([("type", .string("liv")), ("in_force", .bool(livInForce)), ("eligible", .bool((liv?.amount ?? .zero) > .zero)),
                                                  ("amount", Out.money(liv?.amount ?? .zero))])]))),
        ]
        let explanation = Explanation(
            figure: "lkv_best", label: "Loonkostenvoordeel voor deze werknemer (een per jaar)",
            value: (livWins ? liv!.amount : chosen?.amount ?? .zero).description,
            rule: "Samenloop: per werknemer per jaar ten hoogste de hoogste tegemoetkoming; bij gelijke bedragen alleen de tegemoetkoming die de Wtl het eerst noemt",
            source: "Wtl art. 4.1 lid 3",
            formula: "max over de LKV-typen en het LIV; gelijkspel: volgorde oudere, arbeidsgehandicapt, banenafspraak, herplaatsen, LIV",
            inputs: [.init("typen", types.map(\.rawValue).joined(separator: ", "))],
            steps: steps,
            children: evaluations.map(\.explanation) + (liv.map { [$0.explanation] } ?? []))
        return CalculatorOutcome(result: fields, explanation: explanation)
    }
}
