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
        try input.finish()

        var evaluations: [LKVCalculator.Evaluation] = []
        var notInForce: [LKVType] = []
        for t in types {
            if try p.resolve(t.schemeParameter).count == 1 { evaluations.append(try LKVCalculator.evaluate(t, hours, p)) } else { notInForce.append(t) }
        }
        if evaluations.isEmpty, let off = try InForce.check(types[0].schemeParameter, instrument: "Loonkostenvoordeel", reason: types[0].notInForceReason, p) {
            return off
        }
        let winner = BestLKV.choose(evaluations.map { ($0.type, $0.amount.rawValue) })
        var steps: [Explanation.Step] = evaluations.map { .init("\($0.type.label)", $0.amount.description) }
            + notInForce.map { .init("\($0.label): \($0.notInForceReason)", "niet van kracht") }
        if let w = winner {
            let e = evaluations[w]
            let tie = evaluations.filter { $0.amount == e.amount }.count > 1
            steps.append(.init(tie ? "Gelijke bedragen: het LKV dat de Wtl het eerst noemt gaat voor" : "Het hoogste LKV", e.type.rawValue))
        } else {
            steps.append(.init("Geen enkel LKV levert een bedrag op", "geen"))
        }
        let chosen = winner.map { evaluations[$0] }
        let fields: [(String, JSONValue)] = [
            ("in_force", .bool(true)),
            ("eligible", .bool(chosen != nil)),
            ("chosen", chosen.map { .string($0.type.rawValue) } ?? .null),
            ("amount", Out.money(chosen?.amount ?? .zero)),
            ("eligible_hours", Out.hours(chosen?.eligibleHours ?? .zero)),
            ("candidates", .array(evaluations.map {
                .object([("type", .string($0.type.rawValue)), ("in_force", .bool(true)), ("eligible", .bool($0.eligible)), ("amount", Out.money($0.amount))])
            } + notInForce.map {
                .object([("type", .string($0.rawValue)), ("in_force", .bool(false)), ("eligible", .bool(false)), ("amount", Out.money(.zero))])
            })),
        ]
        let explanation = Explanation(
            figure: "lkv_best", label: "Loonkostenvoordeel voor deze werknemer (een per jaar)",
            value: (chosen?.amount ?? .zero).description,
            rule: "Samenloop: per werknemer per jaar een LKV, het hoogste; bij gelijke bedragen het eerst genoemde in de Wtl",
            source: "Wtl hoofdstuk 2 (samenloop)",
            formula: "max over de typen van het LKV; gelijkspel: volgorde oudere, arbeidsgehandicapt, banenafspraak, herplaatsen",
            inputs: [.init("typen", types.map(\.rawValue).joined(separator: ", "))],
            steps: steps,
            children: evaluations.map(\.explanation))
        return CalculatorOutcome(result: fields, explanation: explanation)
    }
}
