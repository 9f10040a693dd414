import BanenafspraakCore

/// Where the person works, for the register's scheme rules (spec 5.1).
enum WorkScheme: String, CaseIterable {
    case regular, wsw, beschut
    var payroll: PayrollScheme {
        switch self {
        case .regular: return .regular
        case .wsw: return .wsw
        case .beschut: return .beschut
        }
    }
}

/// The `register` calculator (spec 5.5): register status on the date, the legal basis of the route, the
/// beschut-werk exclusion, the end date under the old T+2 rule against the current rules, and the seed 001
/// widening as a proposal regime.
enum RegisterCalculator {
    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let route = try input.choice("route", as: RegisterRoute.self)
        let from = try input.date("registered_from")
        let lost = try input.optionalDate("criteria_lost_on")
        let scheme = try input.optionalChoice("scheme", as: WorkScheme.self) ?? .regular
        let regime = try input.optionalChoice("regime", as: RegisterRegime.self) ?? .current
        let beschutIndication = try input.optionalBool("beschut_indication") ?? false
        try input.finish()
        if let lost, lost < from {
            throw CaseError(field: input.fieldPath("criteria_lost_on"), message: "lies before registered_from")
        }
        let schemeP = try p.resolve("register.scheme")
        let ruleNowP = try p.resolve("register.t_plus_2_years")
        var parameters = [schemeP, ruleNowP]
        var steps: [Explanation.Step] = []
        let basis = RegisterLegalBasis.of(route)
        steps.append(.init("Grondslag van de route \(route.rawValue)", basis))

        var reason: String? = nil
        if route.isWideningOnly && regime != .widened {
            reason = "widening_proposal"
            steps.append(.init("Route bestaat alleen in de verbreding van seed 001 (voorstel); regime \(regime.rawValue)", "niet in het register"))
        }
        if beschutIndication && reason == nil {
            reason = "beschut_indication"
            steps.append(.init("Indicatie beschut werk: uitgesloten van het doelgroepregister (Besluit SUWI art. 3.2 lid 3)", "niet in het register"))
        }
        if from > p.date && reason == nil {
            reason = "not_yet_registered"
            steps.append(.init("Geregistreerd vanaf \(from), na de peildatum", "nog niet in het register"))
        }

        var oldEnd: LocalDate? = nil
        var end: LocalDate? = nil
        if let lost {
            // The old rule's number of years: the value in force when the criteria were lost, or else the last
            // value before the abolition (for comparison).
            var ruleThenP = try p.resolve("register.t_plus_2_years", on: lost)
            if ruleThenP.limit == nil {
                ruleThenP = try p.resolve("register.t_plus_2_years", on: ruleThenP.value.validFrom.adding(days: -1))
            }
            parameters.append(ruleThenP)
            let o = RegisterEndDate.tPlus(ruleThenP.limit!, criteriaLost: lost)
            oldEnd = o
            steps.append(.init("T+2 (oud): criteria vervallen op \(lost), einde 31 december van \(lost.year) + \(ruleThenP.formatted)", o.description))
            let abolished: LocalDate? = ruleNowP.limit == nil ? ruleNowP.value.validFrom : nil
            end = RegisterEndDate.current(oldEnd: o, abolishedOn: abolished)
            if let abolished {
                steps.append(.init("T+2-regel afgeschaft per \(abolished); wie toen nog geregistreerd stond blijft", end?.description ?? "geen einde"))
            } else {
                steps.append(.init("T+2-regel geldt op de peildatum", o.description))
            }
            if let e = end, e < p.date, reason == nil {
                reason = "ended"
                steps.append(.init("Registratie beeindigd op \(e), voor de peildatum", "niet meer in het register"))
            }
        }
        let inRegister = reason == nil
        let counts = inRegister && TargetGroup.counts(route: route, scheme: scheme.payroll, regime: regime)
        if inRegister {
            steps.append(.init("Telt mee voor de banenafspraak bij werk onder \(scheme.rawValue)", counts ? "ja" : "nee (beschut werk, of Wajong zonder arbeidsvermogen buiten een reguliere werkgever)"))
        }
        let fields: [(String, JSONValue)] = [
            ("in_register", .bool(inRegister)),
            ("counts_for_banenafspraak", .bool(counts)),
            ("legal_basis", .string(basis)),
            ("status", .string(route.isWideningOnly ? "proposal" : "enacted")),
            ("end_date_t_plus_2", Out.date(oldEnd)),
            ("end_date", Out.date(end)),
            ("reason", reason.map { .string($0) } ?? .null),
        ]
        var inputs: [Explanation.Input] = [.init("route", route.rawValue), .init("geregistreerd vanaf", from.description),
                                           .init("werk", scheme.rawValue), .init("regime", regime.rawValue)]
        if let lost { inputs.append(.init("criteria vervallen op", lost.description)) }
        let explanation = Explanation(
            figure: "register", label: "Doelgroepregister banenafspraak", value: inRegister ? "ja" : "nee",
            rule: "Doelgroep banenafspraak per route; uitsluiting beschut werk; T+2-regel (oud) tegen de huidige regels; verbreding (voorstel)",
            source: "Wfsv art. 38b; Besluit SUWI art. 3.2; seed 001 (verbreding), seed 004 (afschaffing T+2)",
            formula: "geregistreerd op de peildatum en niet beeindigd; telt mee tenzij beschut werk",
            parameters: parameters, inputs: inputs, steps: steps)
        return CalculatorOutcome(result: fields, explanation: explanation)
    }
}
