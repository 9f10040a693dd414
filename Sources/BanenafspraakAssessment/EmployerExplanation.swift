import BanenafspraakCore
import BanenafspraakIngest

/// Builds the explanation of one employer's figures (explanations: docs/contracts-internal.md): from `levy` and `net` down to the hours per
/// person-month, persons by pseudonym only. Uses the same rule functions as the run, so the path it shows is
/// the path the figures took.
public enum EmployerExplanation {
    /// From 2026: whether the levy rests on an activation (Wet banenafspraak art. 5 lid 1, art. 6 lid 1), as a step.
    static func activationSteps(_ p: QuotaParameters) -> [Explanation.Step] {
        guard let a = QuotaActivation(p) else { return [] }
        let verdict = a.due ? "verschuldigd" : (a.activationYear == nil ? "geen activeringsregeling gevonden: berekend alsof geactiveerd, niet verschuldigd"
                                                                          : "geactiveerd in \(a.activationYear!), opslag pas vanaf \(a.surchargeFromYear!): niet verschuldigd")
        return [.init("Activering (Wet banenafspraak art. 5 lid 1 en art. 6 lid 1; Wfsv art. 38e lid 1): " + a.sentences.joined(separator: " "), verdict)]
    }

    public static func build(_ r: QuotaResult, employer e: Int) -> (levy: Explanation, net: Explanation) {
        build(r.assessed(e))
    }

    /// The explanation of one assessed employer: from a run, a stored run or an estimate alike.
    public static func build(_ a: AssessedEmployer) -> (levy: Explanation, net: Explanation) {
        let p = a.parameters
        let f = a.figures
        let id = a.id
        let sector = a.sector
        let trace = a.trace
        let r = a.rates
        let ownLines = trace?.lines.filter { $0.employer == id } ?? []
        let hiredTG = trace?.lines.filter { $0.hirer == id && $0.targetGroup } ?? []

        // Liability.
        let prior = a.priorYearHours
        let liability = Explanation(
            figure: "liable", label: "Quotumplichtig", value: f.liable ? "ja" : "nee",
            rule: Liability.rule.label, source: Liability.rule.source + "; Kamerbrief vereenvoudiging banenafspraak (2019)",
            formula: "quotumplichtig als de verloonde uren van het jaar minstens de drempel zijn, en ook die van het vorige jaar als die zijn opgegeven",
            parameters: [p.threshold],
            inputs: [.init("verloonde uren in \(a.year) (alle eigen regels)", f.hoursTotal.description, unit: .hours),
                     prior.map { .init("verloonde uren vorig jaar", $0.description, unit: .hours) } ?? .init("verloonde uren vorig jaar", "niet opgegeven")],
            steps: [.init("\(f.hoursTotal) >= \(p.threshold.hours)", f.hoursTotal >= p.threshold.hours ? "ja" : "nee"),
                    .init("verloonde uren vorig jaar", prior.map { $0 >= p.threshold.hours ? "\($0) >= \(p.threshold.hours): ja" : "\($0) < \(p.threshold.hours): nee" } ?? "niet opgegeven: alleen dit jaar telt")])

        // Quotum percentage.
        // Under one combined quotum (`quota.combined_quotum`) every employer is held to the combined percentage.
        let key = p.quotum(for: sector)
        let q = r.percentages.percent[key]!
        var percentParams: [ResolvedParameter] = []
        let percentRule: String
        switch r.percentages.provenance[key] {
        case .override: percentRule = "opgegeven met --quota-percent \(key)"
        case .manifest(let path): percentRule = "overgenomen uit \(path) (voorstel van de generator voor gegevens kleiner dan landelijk)"
        case .published(let pp): percentRule = "gepubliceerd percentage"; percentParams = [pp]
        default:
            percentRule = "berekend: (A0 + B) x 1331 uur gedeeld door de som van A over de quotumplichtige werkgevers, als percentage naar beneden afgerond op 2 decimalen"
            if key == .combined {
                percentParams = [p.baselineJobs[.markt], p.baselineJobs[.overheid], p.jobsDue[.markt], p.jobsDue[.overheid], p.hoursPerJob].compactMap { $0 }
            } else {
                percentParams = [p.baselineJobs[sector]!, p.jobsDue[sector]!, p.hoursPerJob].compactMap { $0 }
            }
        }
        if let combined = p.combinedQuotum, p.usesCombinedQuotum { percentParams.append(combined) }
        let quotum = Explanation(
            figure: "quota_percent", label: "Quotumpercentage \(key)", value: q.description, unit: .percent,
            rule: "Quotumpercentage", source: "Wfsv art. 38f lid 1", formula: percentRule,
            parameters: percentParams,
            inputs: [.init("som A quotumplichtige werkgevers \(key)", r.percentages.sumA[key]!.description, unit: .hours)])

        // A, C and required hours.
        let aLines = ownLines.filter { $0.hirer == nil && $0.scheme != .wsw }
        let hoursA = Explanation(
            figure: "hours_a", label: "A: eigen uren", value: f.hoursA.description, unit: .hours, rule: "Uren van de werkgever",
            source: "Wfsv art. 38g lid 2",
            formula: "de uren op de eigen regels, zonder uitgeleende regels en zonder niet-uitgeleende Wsw-regels (beschut werk telt mee)",
            inputs: [.init("aantal regels", String(trace?.lineCounts?.a ?? aLines.count), unit: .count)],
            children: corrections(ownLines + hiredTG) + received(trace?.receivedNotes ?? []))
        let cOwn = ownLines.filter { $0.targetGroup && $0.hirer == nil && $0.scheme != .wsw }
        let hoursC = Explanation(
            figure: "hours_c", label: "C: uren doelgroep", value: f.hoursC.description, unit: .hours, rule: "Uren arbeidsbeperkten",
            source: "Wfsv art. 38g; Besluit Wfsv art. 2.28",
            formula: "eigen regels (niet uitgeleend, geen Wsw) van personen in het doelgroepregister, plus ingeleende regels van de doelgroep (Wsw-detachering inbegrepen); beschut werk telt nooit",
            inputs: [.init("eigen doelgroepuren", sum(cOwn).description, unit: .hours), .init("ingeleende doelgroepuren", sum(hiredTG).description, unit: .hours)],
            children: personMonths(cOwn + hiredTG, trace: trace, label: "Uren per persoon per maand (C)"))
        let required = Explanation(
            figure: "required_hours", label: "Vereiste uren", value: f.requiredHours.description, unit: .hours, rule: "Vereist aantal uren",
            source: "Wfsv art. 38g", formula: "A maal het quotumpercentage, naar beneden afgerond op 2 decimalen",
            inputs: [.init("A", f.hoursA.description, unit: .hours), .init("quotumpercentage", q.description, unit: .percent)],
            steps: [.init("\(f.hoursA) x \(q)%", f.requiredHours.description, rounding: "naar beneden, 2 decimalen", unit: .hours)],
            children: [hoursA, quotum])
        let shortfall = Explanation(
            figure: "shortfall_jobs", label: "Quotumtekort", value: Quotumtekort.format(f.shortfallTenths), unit: .jobs,
            rule: "Quotumtekort", source: "Besluit Wfsv art. 2.23 lid 3",
            formula: "(vereiste uren - C) gedeeld door de uren per baan, naar beneden afgerond op 1 decimaal; 0 als dat negatief is", parameters: [p.hoursPerJob],
            inputs: [.init("vereiste uren", f.requiredHours.description, unit: .hours), .init("C", f.hoursC.description, unit: .hours)],
            steps: [.init("(\(f.requiredHours) - \(f.hoursC)) / \(p.hoursPerJob.hours)", Quotumtekort.format(f.shortfallTenths), rounding: "naar beneden, 1 decimaal; minimaal 0", unit: .jobs)],
            children: [required, hoursC])
        let levy = Explanation(
            figure: "levy", label: "Quotumheffing (wet van 2015)", value: f.levy.description, unit: .euro, rule: "Quotumheffing",
            source: "Wfsv art. 38h lid 4", formula: "quotumtekort maal de heffing per baan; 0 als de werkgever niet quotumplichtig is",
            parameters: [p.levyPerJob] + [p.activationRegulation].compactMap { $0 },
            inputs: [.init("quotumtekort", Quotumtekort.format(f.shortfallTenths), unit: .jobs), .init("quotumplichtig", f.liable ? "ja" : "nee")],
            steps: [Explanation.Step("\(Quotumtekort.format(f.shortfallTenths)) x EUR \(p.levyPerJob.money)", f.levy.description, unit: .euro)]
                + activationSteps(p),
            children: [shortfall, liability])

        // Simplified scheme.
        let baseLines = ownLines.filter { $0.hirer == nil && $0.scheme == .regular }
        let capped = baseLines.filter { $0.wage > p.premiumBaseMonthlyCap }.count
        let premiumBase = Explanation(
            figure: "premium_base", label: "Premiegrondslag", value: f.premiumBase.description, unit: .euro, rule: "Premieloon met maximum per tijdvak",
            source: "WBA art. 6; Wfsv art. 17",
            formula: "het loon op de eigen gewone regels (niet uitgeleend, geen Wsw of beschut werk), per regel begrensd op het maximumpremieloon gedeeld door 12 (naar beneden op de cent)",
            parameters: [p.maximumPremieloon],
            inputs: [.init("aantal regels", String(trace?.lineCounts?.premiumBase ?? baseLines.count), unit: .count),
                     .init("regels boven het maximum", String(trace?.lineCounts?.capped ?? capped), unit: .count),
                     .init("maximum per maand", p.premiumBaseMonthlyCap.description, unit: .euro)])
        let rate = Explanation(
            figure: "surcharge_percent", label: "Opslagpercentage", value: r.surchargeRate.description, unit: .milliPercent,
            rule: "Inclusiviteitsopslag", source: "Kamerbrief vereenvoudiging banenafspraak (2019)",
            formula: r.surchargeProvenance == .override ? "opgegeven met --surcharge-percent"
                : "q x som A x opbrengst per baan / (uren per baan x som premiegrondslag), als percentage afgerond op 3 decimalen, over de quotumplichtige werkgevers",
            parameters: [p.surchargeYieldPerJob, p.hoursPerJob],
            inputs: [.init("q (gecombineerd quotumpercentage)", r.percentages.percent[.combined]!.description, unit: .percent),
                     .init("som A quotumplichtig", r.percentages.sumA[.combined]!.description, unit: .hours),
                     .init("som premiegrondslag quotumplichtig", r.sumPremiumBase.description, unit: .euro)])
        let surcharge = Explanation(
            figure: "surcharge", label: "Inclusiviteitsopslag", value: f.surcharge.description, unit: .euro, rule: "Opslag op de premie",
            source: "Kamerbrief vereenvoudiging banenafspraak (2019); WBA", formula: "premiegrondslag maal opslagpercentage, afgerond op de cent; 0 als niet quotumplichtig",
            inputs: [.init("premiegrondslag", f.premiumBase.description, unit: .euro), .init("opslagpercentage", r.surchargeRate.description, unit: .milliPercent),
                     .init("quotumplichtig", f.liable ? "ja" : "nee")],
            steps: [.init("EUR \(f.premiumBase) x \(r.surchargeRate)%", f.surcharge.description, rounding: "half van nul af, op de cent", unit: .euro)],
            children: [premiumBase, rate, liability])

        let lkvLines = ownLines.filter { $0.targetGroup && ($0.hirer != nil || $0.scheme != .wsw) }
        let perPerson = Dictionary(grouping: lkvLines, by: \.person)
        var lkvChildren: [Explanation] = []
        var bonusChildren: [Explanation] = []
        for person in perPerson.keys.sorted() {
            let hours = sum(perPerson[person]!)
            let lkv = HourlyAmount.compute(hours: hours, perHour: p.lkvHourly.money, annualMaximum: p.lkvCap)
            let bonus = HourlyAmount.compute(hours: hours, perHour: p.bonusHourly.money, annualMaximum: p.bonusCap)
            let months = personMonths(perPerson[person]!, trace: trace, label: "Uren per maand")
            lkvChildren.append(Explanation(
                figure: "lkv_person", label: "LKV voor \(person)", value: lkv.description, unit: .euro, rule: "LKV banenafspraak per werknemer",
                source: "Wtl art. 2.13", formula: "uren doelgroep maal het LKV per uur, afgerond op de cent, ten hoogste het jaarmaximum",
                parameters: [p.lkvHourly, p.lkvAnnualMaximum], inputs: [.init("uren doelgroep", hours.description, unit: .hours)],
                steps: [.init("\(hours) uur x EUR \(p.lkvHourly.money)", HourlyAmount.compute(hours: hours, perHour: p.lkvHourly.money, annualMaximum: nil).description, rounding: "half van nul af, op de cent", unit: .euro),
                        .init("ten hoogste EUR \(p.lkvAnnualMaximum.formatted)", lkv.description, unit: .euro)],
                children: months))
            bonusChildren.append(Explanation(
                figure: "bonus_person", label: "Bonus voor \(person)", value: bonus.description, unit: .euro, rule: "Bonus per verloond uur",
                source: "Kamerbrief vereenvoudiging banenafspraak (2019)", formula: "uren doelgroep maal de bonus per uur, afgerond op de cent, ten hoogste het jaarmaximum",
                parameters: [p.bonusHourly, p.bonusAnnualMaximum], inputs: [.init("uren doelgroep", hours.description, unit: .hours)],
                steps: [.init("\(hours) uur x EUR \(p.bonusHourly.money)", bonus.description, rounding: "half van nul af, op de cent", unit: .euro)]))
        }
        let lkv = Explanation(
            figure: "lkv", label: "LKV", value: f.lkv.description, unit: .euro, rule: "Loonkostenvoordeel banenafspraak, per werknemer opgeteld",
            source: "Wtl art. 2.13",
            formula: "per persoon de uren in maanden in het doelgroepregister maal het LKV per uur, afgerond en begrensd op het jaarmaximum; over de eigen regels (uitgeleend inbegrepen, zonder eigen Wsw en beschut werk)",
            children: lkvChildren)
        let bonus = Explanation(
            figure: "bonus", label: "Bonus", value: f.bonus.description, unit: .euro, rule: "Bonus vereenvoudigde regeling, per werknemer opgeteld",
            source: "Kamerbrief vereenvoudiging banenafspraak (2019)", formula: "per persoon de uren maal de bonus per uur, afgerond op de cent", children: bonusChildren)
        let transfers = Explanation(
            figure: "transfers", label: "Overdrachten", value: "uit \(f.transfersOut), in \(f.transfersIn)",
            rule: "Samenwerking", source: "Kamerbrief vereenvoudiging banenafspraak (2019), samenwerking in de nieuwe quotumregeling",
            formula: "per samenwerkingsregel de eigen bonus van de gever maal het percentage, naar beneden op de cent",
            steps: a.transfersOut.map { c in .init("naar \(c.partner): EUR \(f.bonus) x \(c.percent)% (collaborations.csv regel \(c.line))", BonusTransfer.compute(bonus: f.bonus, percent: c.percent).description, rounding: "naar beneden, op de cent", unit: .euro) }
                + a.transfersIn.map { c in
                    .init("van \(c.partner): EUR \(c.giverBonus) x \(c.percent)% (collaborations.csv regel \(c.line))", BonusTransfer.compute(bonus: c.giverBonus, percent: c.percent).description, rounding: "naar beneden, op de cent", unit: .euro)
                })
        let net = Explanation(
            figure: "net", label: "Netto resultaat (vereenvoudigde regeling)", value: f.net.description,
            unit: .euro,
            rule: "Netto resultaat", source: "Kamerbrief vereenvoudiging banenafspraak (2019)", formula: "LKV + bonus - overdrachten uit + overdrachten in - opslag",
            inputs: [.init("LKV", f.lkv.description, unit: .euro), .init("bonus", f.bonus.description, unit: .euro), .init("overdrachten uit", f.transfersOut.description, unit: .euro),
                     .init("overdrachten in", f.transfersIn.description, unit: .euro), .init("opslag", f.surcharge.description, unit: .euro)],
            steps: [.init("\(f.lkv) + \(f.bonus) - \(f.transfersOut) + \(f.transfersIn) - \(f.surcharge)", f.net.description, unit: .euro)],
            children: [lkv, bonus, transfers, surcharge])
        return (levy, net)
    }

    /// The employer's own corrected lines (spec section 13; Wfsv art. 38e lid 3: "alsmede de correcties daarop"):
    /// one step per correction, "gecorrigeerd op 2025-04-02: 120,00 → 96,00 uur". None without corrections.
    static func corrections(_ lines: [EmployerTrace.Line]) -> [Explanation] {
        let corrected = lines.filter { !$0.corrections.isEmpty }.sorted { ($0.person, $0.period, $0.line) < ($1.person, $1.period, $1.line) }
        guard !corrected.isEmpty else { return [] }
        var steps: [Explanation.Step] = []
        for l in corrected {
            for c in l.corrections {
                steps.append(.init("\(l.person) \(l.period) (payroll.csv regel \(c.replacedLine) vervangen door regel \(l.line)): \(CalendarLineText.correction(received: c.received, before: c.hoursBefore, after: c.hoursAfter))",
                                   c.hoursAfter.description, unit: .hours))
            }
        }
        return [Explanation(
            figure: "corrections", label: "Correcties op de loonaangifte", value: String(steps.count), unit: .count,
            rule: "De laatst ontvangen regel telt", source: "Wfsv art. 38e lid 3",
            formula: "van de regels voor dezelfde werkgever, persoon en periode telt de laatst ontvangen; een correctie naar 0 uur en 0 loon trekt de regel in",
            steps: steps)]
    }

    /// The employer's lines received late (after the voorlopig cut-off, Wtl art. 4.1) or after the run's as-of
    /// date (Wfsv art. 38e lid 3: not counted), one step each: "laat ontvangen op 2025-03-01: 50,00 uur",
    /// "na de peildatum ontvangen op 2025-06-15: 44,00 uur, telt niet mee". None without such lines.
    static func received(_ notes: [EmployerTrace.ReceivedNote]) -> [Explanation] {
        guard !notes.isEmpty else { return [] }
        let steps = notes.map { n -> Explanation.Step in
            let what = CalendarLineText.text(n.kind, received: n.received, before: nil, hours: n.hours)
            return .init("\(n.person) \(n.period) (payroll.csv regel \(n.line)): \(what)", n.kind == .late ? n.hours.description : "0.00", unit: .hours)
        }
        return [Explanation(
            figure: "received_late", label: "Laat of na de peildatum ontvangen regels", value: String(steps.count), unit: .count,
            rule: "Wat telt op de peildatum", source: "Wfsv art. 38e lid 3; Wtl art. 4.1",
            formula: "een regel die na het voorlopige overzicht (31 januari) binnenkwam telt als laat; een regel die na de peildatum binnenkwam telt niet mee",
            steps: steps)]
    }

    static func sum(_ lines: [EmployerTrace.Line]) -> CentiHours { lines.reduce(.zero) { $0 + $1.hours } }

    /// The drill-down: hours per person per month, with the line's role and register status.
    static func personMonths(_ lines: [EmployerTrace.Line], trace: EmployerTrace?, label: String) -> [Explanation] {
        let byPerson = Dictionary(grouping: lines, by: \.person)
        return byPerson.keys.sorted().map { person in
            let rows = byPerson[person]!.sorted { ($0.period, $0.line) < ($1.period, $1.line) }
            let routes = trace?.routes[person]?.map(\.rawValue).joined(separator: ", ") ?? "niet in het register"
            return Explanation(
                figure: "person_months", label: "\(label): \(person)", value: sum(rows).description, unit: .hours,
                rule: "Status in het register per maand", source: "Wfsv art. 38g lid 8",
                formula: "een maand telt als een registratie enige dag van die maand raakt",
                inputs: [.init("routes", routes)],
                steps: rows.map { l in
                    let role = l.hirer.map { "uitgeleend van \(l.employer) aan \($0)" } ?? "eigen regel"
                    return .init("\(l.period) \(l.scheme) (\(role), payroll.csv regel \(l.line))", l.hours.description, unit: .hours)
                })
        }
    }
}
