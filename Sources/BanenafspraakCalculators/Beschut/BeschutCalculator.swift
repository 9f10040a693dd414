import BanenafspraakCore

/// The `beschut` calculator (calculators: docs/sources.md): the UWV advice criteria, and the municipal target against realised.
enum BeschutCalculator {
    enum Requester: String, CaseIterable { case gemeente, person }

    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let needsAdjustments = try input.bool("needs_adjustments")
        let adjustmentsReasonable = try input.optionalBool("adjustments_reasonable_for_employer", required: needsAdjustments) ?? false
        let needsSupervision = try input.bool("needs_supervision")
        let supervisionReasonable = try input.optionalBool("supervision_reasonable_for_employer", required: needsSupervision) ?? false
        let capacity = try input.optionalBool("has_work_capacity") ?? true
        let requester = try input.optionalChoice("requested_by", as: Requester.self) ?? .gemeente
        let loonwaarde = try input.optionalPercent("loonwaarde_percent")
        let target = try input.optionalCount("municipal_target")
        let realised = try input.optionalCount("realised")
        if realised != nil && target == nil { throw CaseError(field: input.fieldPath("municipal_target"), message: "required with realised") }
        if target != nil && realised == nil { throw CaseError(field: input.fieldPath("realised"), message: "required with municipal_target") }
        try input.finish()

        let schemeP = try p.resolve("beschut.scheme")
        let ownP = try p.resolve("beschut.own_request")
        var parameters = [schemeP, ownP]
        var steps: [Explanation.Step] = []
        let a = BeschutAdvice.criterionA(needsAdjustments: needsAdjustments, reasonableForEmployer: adjustmentsReasonable)
        let b = BeschutAdvice.criterionB(needsSupervision: needsSupervision, reasonableForEmployer: supervisionReasonable)
        steps.append(.init("(a) aanpassingen nodig die een werkgever niet binnen redelijke grenzen kan realiseren", a ? "ja" : "nee"))
        steps.append(.init("(b) permanent toezicht of intensieve begeleiding die een werkgever niet binnen redelijke grenzen kan bieden", b ? "ja" : "nee"))
        steps.append(.init("Arbeidsvermogen", capacity ? "ja" : "nee (beschut werk is voor mensen met arbeidsvermogen)"))
        if let loonwaarde { steps.append(.init("Loonwaarde \(loonwaarde)% is geen criterium (Kamerstukken I 2016/17, 33 981, N)", "niet gebruikt")) }
        let advice: String
        var reason: String? = nil
        if requester == .person && ownP.count == 0 {
            advice = "niet_mogelijk"
            reason = "own_request_not_yet_possible"
            steps.append(.init("Advies op eigen verzoek kan pas vanaf 1 januari 2017 (Kamerstukken I 2016/17, 33 981, N)", "geen advies"))
        } else {
            advice = BeschutAdvice.isPositive(hasWorkCapacity: capacity, a: a, b: b) ? "positief" : "negatief"
            if advice == "negatief" { reason = capacity ? "no_criterion_met" : "no_work_capacity" }
            steps.append(.init("Advies: positief als (a) of (b), met arbeidsvermogen", advice))
        }
        var fields: [(String, JSONValue)] = [
            ("advice", .string(advice)),
            ("criterion_a", .bool(a)),
            ("criterion_b", .bool(b)),
            ("reason", reason.map { .string($0) } ?? .null),
        ]
        if let target, let realised {
            let short = BeschutAdvice.shortfall(target: target, realised: realised)
            steps.append(.init("Gemeentelijke taakstelling \(target) tegen gerealiseerd \(realised)", "tekort \(short)"))
            fields += [("municipal_target", .integer(target)), ("realised", .integer(realised)),
                       ("shortfall", .integer(short)), ("target_met", .bool(short == 0))]
        }
        if p.has("beschut.national_target") {
            let n = try p.resolve("beschut.national_target")
            parameters.append(n)
            fields.append(("national_target", .integer(n.count)))
        } else {
            fields.append(("national_target", .null))
        }
        let explanation = Explanation(
            figure: "beschut", label: "Advies beschut werk", value: advice,
            rule: "UWV adviseert positief als (a) aanpassingen of (b) begeleiding/toezicht niet redelijkerwijs van een werkgever te vragen zijn",
            source: "Pwet art. 10b; Kamerstukken I 2016/17, 33 981, N; Kamerstukken II 2022/23, 34 352, nr. 281, noot 9",
            formula: "positief = arbeidsvermogen en ((a) of (b)); tekort = max(0, taakstelling - gerealiseerd)",
            parameters: parameters,
            inputs: [.init("aangevraagd door", requester.rawValue), .init("aanpassingen nodig", needsAdjustments ? "ja" : "nee"),
                     .init("begeleiding/toezicht nodig", needsSupervision ? "ja" : "nee")],
            steps: steps)
        return CalculatorOutcome(result: fields, explanation: explanation)
    }
}
