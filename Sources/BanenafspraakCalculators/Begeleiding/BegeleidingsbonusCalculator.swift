import BanenafspraakCore

/// The `begeleidingsbonus` calculator (calculators: docs/sources.md): the bonus per placement, central or decentral, and the
/// cost estimate over Table 1 of the Kamerbrief begeleidingsbonus (Kamerstuk 35 644, nr. 8, 2021).
enum BegeleidingsbonusCalculator {
    enum Variant: String, CaseIterable { case central, decentral }
    enum Basis: String, CaseIterable { case total, working }

    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let variant = try input.choice("variant", as: Variant.self)
        let basis = try input.optionalChoice("basis", as: Basis.self) ?? .working
        var amount: Cents
        var regionAmounts: [(String, Cents)] = []
        var region: String? = nil
        switch variant {
        case .central:
            amount = try input.money("amount")
            if input.has("region_amounts") { throw CaseError(field: input.fieldPath("region_amounts"), message: "only for the decentral variant") }
            if input.has("region") { throw CaseError(field: input.fieldPath("region"), message: "only for the decentral variant") }
        case .decentral:
            if input.has("amount") { throw CaseError(field: input.fieldPath("amount"), message: "the decentral variant takes region_amounts") }
            var obj = try input.object("region_amounts")!
            for key in obj.keys {
                guard Begeleidingsbonus.isRegion(key) else { throw CaseError(field: obj.fieldPath(key), message: "not an arbeidsmarktregio code AMR01-AMR35") }
                regionAmounts.append((key, try obj.money(key)))
            }
            try obj.finish()
            guard !regionAmounts.isEmpty else { throw CaseError(field: input.fieldPath("region_amounts"), message: "give at least one region") }
            guard case .string(let r)? = try input.raw("region", required: true) else {
                throw CaseError(field: input.fieldPath("region"), message: "expected a region code")
            }
            guard let a = regionAmounts.first(where: { $0.0 == r })?.1 else {
                throw CaseError(field: input.fieldPath("region"), message: "\(r) has no amount in region_amounts")
            }
            region = r
            amount = a
        }
        var groups: [BegeleidingsbonusGroup] = []
        if let list = try input.array("groups", required: false) {
            for (i, v) in list.enumerated() {
                let field = input.fieldPath("groups") + ".\(i)"
                guard case .string(let s) = v, let g = BegeleidingsbonusGroup(rawValue: s) else {
                    throw CaseError(field: field, message: "expected one of: \(BegeleidingsbonusGroup.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard !groups.contains(g) else { throw CaseError(field: field, message: "\(s) is listed twice") }
                groups.append(g)
            }
        }
        try input.finish()

        var parameters: [ResolvedParameter] = []
        var steps: [Explanation.Step] = []
        steps.append(.init(variant == .central ? "Landelijk forfait per plaatsing" : "Bedrag per plaatsing in \(region!)", amount.description))
        var persons: Int64 = 0
        var breakdown: [JSONValue] = []
        for g in groups {
            let param = try p.resolve("begeleidingsbonus.group.\(g.rawValue).\(basis == .total ? "total" : "working")")
            parameters.append(param)
            persons += param.count
            let cost = Begeleidingsbonus.costEstimate(amount: amount, persons: param.count)
            breakdown.append(.object([("group", .string(g.rawValue)), ("size", .integer(param.count)), ("cost", Out.money(cost))]))
            steps.append(.init("\(param.description): \(param.count) x EUR \(amount)", cost.description))
        }
        let estimate = groups.isEmpty ? nil : Begeleidingsbonus.costEstimate(amount: amount, persons: persons)
        if let estimate { steps.append(.init("Totaal: \(persons) personen x EUR \(amount)", estimate.description)) }
        var fields: [(String, JSONValue)] = [
            ("amount_per_placement", Out.money(amount)),
            ("group_size", groups.isEmpty ? .null : .integer(persons)),
            ("cost_estimate", estimate.map(Out.money) ?? .null),
            ("groups", .array(breakdown)),
        ]
        if variant == .decentral && !groups.isEmpty {
            let low = regionAmounts.map(\.1).min()!, high = regionAmounts.map(\.1).max()!
            let lowCost = Begeleidingsbonus.costEstimate(amount: low, persons: persons)
            let highCost = Begeleidingsbonus.costEstimate(amount: high, persons: persons)
            steps.append(.init("Bandbreedte over de regiobedragen: laagste EUR \(low), hoogste EUR \(high)", "\(lowCost) - \(highCost)"))
            fields.append(("cost_estimate_low", Out.money(lowCost)))
            fields.append(("cost_estimate_high", Out.money(highCost)))
        }
        var inputs: [Explanation.Input] = [.init("variant", variant.rawValue), .init("basis", basis.rawValue),
                                           .init("groepen", groups.map(\.rawValue).joined(separator: ", "))]
        inputs += regionAmounts.map { .init("bedrag \($0.0)", $0.1.description) }
        let explanation = Explanation(
            figure: "begeleidingsbonus", label: "Begeleidingsbonus (voorstel)", value: (estimate ?? amount).description,
            rule: variant == .central ? "Centrale variant: landelijk forfait per plaatsing; kostenraming bedrag x omvang doelgroep"
                : "Decentrale variant: bedrag per arbeidsmarktregio; kostenraming bedrag x omvang doelgroep",
            source: "Kamerbrief begeleidingsbonus (Kamerstuk 35 644, nr. 8, 2021), tabel 1 (technische verkenning, voorstel)",
            formula: "bedrag per plaatsing x som van de gekozen groepen uit tabel 1 (totaal of waarvan werkend)",
            parameters: parameters, inputs: inputs, steps: steps)
        return CalculatorOutcome(result: fields, explanation: explanation)
    }
}
