import BanenafspraakCore

/// Where the person works, for the register's scheme rules (Wfsv art. 38g lid 8).
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

/// The `register` calculator (calculators: docs/sources.md): register status on the date, the legal basis of the route, the
/// beschut-werk exclusion, the end date under the old T+2 rule (suspended from 30 December 2017), the end at the
/// AOW age, death or deregistration on request (from 1 February 2020), and the proposed widening
/// (Kamerstukken II 2022/23, 34 352, nr. 281) as a proposal regime.
enum RegisterCalculator {
    static func compute(_ input: inout CaseInput, _ p: CalculatorParameters) throws(CaseError) -> CalculatorOutcome {
        let route = try input.choice("route", as: RegisterRoute.self)
        let from = try input.date("registered_from")
        let lost = try input.optionalDate("criteria_lost_on")
        let scheme = try input.optionalChoice("scheme", as: WorkScheme.self) ?? .regular
        let regime = try input.optionalChoice("regime", as: RegisterRegime.self) ?? .current
        let beschutIndication = try input.optionalBool("beschut_indication") ?? false
        let aow = try input.optionalDate("aow_date")
        let deceased = try input.optionalDate("deceased_on")
        let request = try input.optionalDate("deregistration_requested_on")
        try input.finish()
        if let lost, lost < from {
            throw CaseError(field: input.fieldPath("criteria_lost_on"), message: "lies before registered_from")
        }
        let schemeP = try p.resolve("register.scheme")
        let ruleNowP = try p.resolve("register.t_plus_2_years")
        let lawP = try p.resolve("register.wet_banenafspraak")
        var parameters = [schemeP, ruleNowP, lawP]
        var steps: [Explanation.Step] = []
        let law2026 = lawP.count == 1
        let basis = RegisterLegalBasis.of(route, wetBanenafspraak: law2026)
        steps.append(.init("Grondslag van de route \(route.rawValue)", basis))
        // Wet banenafspraak art. 2 lid 1 onder c (from 2026): the Wajong without arbeidsvermogen counts when working
        // in a dienstbetrekking; it is law then, no longer only the proposal of Kamerstukken II 2022/23, 34 352, nr. 281.
        let lawMadeIt = law2026 && route == .wajongNoCapacity
        let proposalOnly = route.isWideningOnly && !lawMadeIt

        var reason: String? = nil
        if proposalOnly && regime != .widened {
            reason = "widening_proposal"
            steps.append(.init("Route bestaat alleen in de voorgestelde verbreding (Kamerstukken II 2022/23, 34 352, nr. 281); regime \(regime.rawValue)", "niet in het register"))
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
            // value before the suspension (to show what the old rule would have done).
            var ruleThenP = try p.resolve("register.t_plus_2_years", on: lost)
            if ruleThenP.limit == nil {
                ruleThenP = try p.resolve("register.t_plus_2_years", on: ruleThenP.value.validFrom.adding(days: -1))
            }
            parameters.append(ruleThenP)
            let o = RegisterEndDate.tPlus(ruleThenP.limit!, criteriaLost: lost)
            oldEnd = o
            steps.append(.init("T+2 (oud): criteria vervallen op \(lost), einde 31 december van \(lost.year) + \(ruleThenP.formatted)", o.description))
            // The end only takes effect when the T+2 rule is still applied on that day.
            let ruleOnEndDay = try p.resolve("register.t_plus_2_years", on: o)
            if ruleOnEndDay.limit == nil {
                parameters.append(ruleOnEndDay)
                steps.append(.init("T+2-regel opgeschort vanaf \(ruleOnEndDay.value.validFrom): de registratie eindigt niet op \(o)", "geen einde door T+2"))
            } else {
                end = o
                steps.append(.init("T+2-regel geldt op \(o)", o.description))
            }
        }
        // Since 1 February 2020: registered until the AOW age, death or deregistration on request (Besluit SUWI).
        let aowRuleP = try p.resolve("register.aow_end")
        parameters.append(aowRuleP)
        if let deceased, deceased < p.date {
            end = min(end ?? deceased, deceased)
            steps.append(.init("Overleden op \(deceased)", deceased.description))
            if reason == nil { reason = "deceased" }
        }
        if let aow {
            if aowRuleP.count == 1 {
                let ruleStart = aowRuleP.value.validFrom
                let last = max(aow, ruleStart).adding(days: -1)
                if last < p.date {
                    end = min(end ?? last, last)
                    steps.append(.init("AOW-leeftijd bereikt op \(aow); opname tot de AOW-leeftijd (sinds \(ruleStart)), laatste dag", last.description))
                    if reason == nil { reason = "aow_age" }
                } else {
                    steps.append(.init("AOW-leeftijd op \(aow), na de peildatum", "geen einde"))
                }
            } else {
                steps.append(.init("Einde op de AOW-leeftijd geldt pas vanaf 2020-02-01", "niet toegepast"))
            }
        }
        if let request {
            if p.set.has("register.aow_end", on: request), try p.resolve("register.aow_end", on: request).count == 1 {
                let last = LocalDate(year: request.year, month: 12, day: 31)!
                steps.append(.init("Uitschrijving op eigen verzoek van \(request): uit het register met ingang van 1 januari daarna, laatste dag", last.description))
                if last < p.date {
                    end = min(end ?? last, last)
                    if reason == nil { reason = "deregistered" }
                }
            } else {
                steps.append(.init("Uitschrijving op eigen verzoek bestond op \(request) nog niet (pas vanaf 1 februari 2020)", "genegeerd"))
            }
        }
        if let e = end, e < p.date, reason == nil {
            reason = "ended"
            steps.append(.init("Registratie beeindigd op \(e), voor de peildatum", "niet meer in het register"))
        }
        let inRegister = reason == nil
        let counts = inRegister && TargetGroup.counts(route: route, scheme: scheme.payroll, regime: lawMadeIt ? .widened : regime)
        if inRegister {
            steps.append(.init("Telt mee voor de banenafspraak bij werk onder \(scheme.rawValue)", counts ? "ja" : "nee (beschut werk, of Wajong zonder arbeidsvermogen buiten een reguliere werkgever)"))
        }
        let fields: [(String, JSONValue)] = InForce.inForce([
            ("in_register", .bool(inRegister)),
            ("counts_for_banenafspraak", .bool(counts)),
            ("legal_basis", .string(basis)),
            ("status", .string(proposalOnly ? "proposal" : "enacted")),
            ("end_date_t_plus_2", Out.date(oldEnd)),
            ("end_date", Out.date(end)),
            ("reason", reason.map { .string($0) } ?? .null),
        ])
        var inputs: [Explanation.Input] = [.init("route", route.rawValue), .init("geregistreerd vanaf", from.description),
                                           .init("werk", scheme.rawValue), .init("regime", regime.rawValue)]
        if let lost { inputs.append(.init("criteria vervallen op", lost.description)) }
        if let aow { inputs.append(.init("AOW-leeftijd bereikt op", aow.description)) }
        if let deceased { inputs.append(.init("overleden op", deceased.description)) }
        if let request { inputs.append(.init("uitschrijving gevraagd op", request.description)) }
        let explanation = Explanation(
            figure: "register", label: "Doelgroepregister banenafspraak", value: inRegister ? "ja" : "nee",
            rule: "Doelgroep banenafspraak per route; uitsluiting beschut werk; T+2-regel (opgeschort vanaf 30 december 2017); opname tot de AOW-leeftijd, overlijden of uitschrijving (vanaf 1 februari 2020); verbreding (voorstel)",
            source: law2026 ? "Wet banenafspraak art. 2 en 3 (Kamerstuk 36 449; vanaf 2026); Besluit SUWI art. 3.2; Kamerstukken II 2022/23, 34 352, nr. 281 (verbreding)" : "Wfsv art. 38b; Besluit SUWI art. 3.2; Kamerstukken II 2022/23, 34 352, nr. 281 (verbreding); Kamerbrief vereenvoudiging banenafspraak en quotumregeling (2019) (afschaffing T+2)",
            formula: "geregistreerd op de peildatum en niet beeindigd; telt mee tenzij beschut werk",
            parameters: parameters, inputs: inputs, steps: steps)
        return CalculatorOutcome(result: fields, explanation: explanation)
    }
}
