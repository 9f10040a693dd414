import BanenafspraakCore
import BanenafspraakIngest

/// Builds the explanation of one employer's figures (spec 5.6): from `levy` and `net` down to the hours per
/// person-month, persons by pseudonym only. Uses the same rule functions as the run, so the path it shows is
/// the path the figures took.
public enum EmployerExplanation {
    public static func build(_ r: QuotaResult, employer e: Int) -> (levy: Explanation, net: Explanation) {
        let p = r.parameters
        let f = r.figures[e]
        let id = r.employers.ids.string(Int32(e))
        let sector = r.employers.sector[e]
        let trace = r.trace
        let ownLines = trace?.lines.filter { $0.employer == id } ?? []
        let hiredTG = trace?.lines.filter { $0.hirer == id && $0.targetGroup } ?? []

        // Liability.
        let prior = r.employers.priorYearHours[e]
        let liability = Explanation(
            figure: "liable", label: "Quotumplichtig", value: f.liable ? "ja" : "nee",
            rule: "Vrijstelling kleine werkgever", source: "Wfsv art. 34; Besluit Wfsv art. 2.20-2.21; seed 004 noot 6",
            formula: "hours_total >= drempel, en prior_year_hours >= drempel als die is opgegeven",
            parameters: [p.threshold],
            inputs: [.init("hours_total (alle eigen regels in \(r.year))", f.hoursTotal.description),
                     .init("prior_year_hours", prior?.description ?? "niet opgegeven")],
            steps: [.init("\(f.hoursTotal) >= \(p.threshold.hours)", f.hoursTotal >= p.threshold.hours ? "ja" : "nee"),
                    .init("prior_year_hours", prior.map { $0 >= p.threshold.hours ? "\($0) >= \(p.threshold.hours): ja" : "\($0) < \(p.threshold.hours): nee" } ?? "niet opgegeven: alleen jaar t telt (spec 8.9)")])

        // Quotum percentage.
        let q = r.percentages.percent[sector.rawValue]!
        var percentParams: [ResolvedParameter] = []
        let percentRule: String
        switch r.percentages.provenance[sector.rawValue] {
        case .override: percentRule = "opgegeven met --quota-percent \(sector.rawValue)"
        case .manifest(let path): percentRule = "overgenomen uit \(path) (voorstel van de generator voor gegevens kleiner dan landelijk)"
        case .published(let pp): percentRule = "gepubliceerd percentage"; percentParams = [pp]
        default:
            percentRule = "berekend: floor(100 x (A0 + B) x 1331 / som A quotumplichtige werkgevers, 2 decimalen)"
            percentParams = [p.baselineJobs[sector]!, p.jobsDue[sector]!, p.hoursPerJob].compactMap { $0 }
        }
        let quotum = Explanation(
            figure: "quota_percent", label: "Quotumpercentage \(sector.rawValue)", value: q.description,
            rule: "Quotumpercentage", source: "Wfsv art. 38f lid 1; spec 5.3, 8.13", formula: percentRule,
            parameters: percentParams,
            inputs: [.init("som A quotumplichtige werkgevers \(sector.rawValue)", r.percentages.sumA[sector.rawValue]!.description)])

        // A, C and required hours.
        let aLines = ownLines.filter { $0.hirer == nil && $0.scheme != .wsw }
        let hoursA = Explanation(
            figure: "hours_a", label: "A: eigen uren", value: f.hoursA.description, rule: "Uren van de werkgever",
            source: "Wfsv art. 38g lid 2; spec 5.3, 8.10",
            formula: "som uren eigen regels, zonder uitgeleende regels en niet-uitgeleende wsw-regels (beschut telt mee)",
            inputs: [.init("aantal regels", String(aLines.count))])
        let cOwn = ownLines.filter { $0.targetGroup && $0.hirer == nil && $0.scheme != .wsw }
        let hoursC = Explanation(
            figure: "hours_c", label: "C: uren doelgroep", value: f.hoursC.description, rule: "Uren arbeidsbeperkten",
            source: "Wfsv art. 38g; Besluit Wfsv art. 2.28; spec 5.1, 5.3, 8.10",
            formula: "eigen niet-uitgeleende, niet-wsw regels van personen in het register, plus ingeleende doelgroepregels (wsw-detachering inbegrepen); beschut telt nooit",
            inputs: [.init("eigen doelgroepuren", sum(cOwn).description), .init("ingeleende doelgroepuren", sum(hiredTG).description)],
            children: personMonths(cOwn + hiredTG, trace: trace, label: "Uren per persoon per maand (C)"))
        let required = Explanation(
            figure: "required_hours", label: "Vereiste uren", value: f.requiredHours.description, rule: "Vereist aantal uren",
            source: "Wfsv art. 38g; spec 5.3", formula: "floor(A x quotumpercentage, 2 decimalen)",
            inputs: [.init("A", f.hoursA.description), .init("quotumpercentage", q.description + "%")],
            steps: [.init("\(f.hoursA) x \(q)%", f.requiredHours.description, rounding: "floor, 2 decimalen")],
            children: [hoursA, quotum])
        let shortfall = Explanation(
            figure: "shortfall_jobs", label: "Quotumtekort (banen)", value: Quotumtekort.format(f.shortfallTenths),
            rule: "Quotumtekort", source: "Besluit Wfsv art. 2.23 lid 3; spec 5.3",
            formula: "floor((vereiste uren - C) / 1331, 1 decimaal), en 0 als negatief", parameters: [p.hoursPerJob],
            inputs: [.init("vereiste uren", f.requiredHours.description), .init("C", f.hoursC.description)],
            steps: [.init("(\(f.requiredHours) - \(f.hoursC)) / \(p.hoursPerJob.hours)", Quotumtekort.format(f.shortfallTenths), rounding: "floor, 1 decimaal; minimaal 0")],
            children: [required, hoursC])
        let levy = Explanation(
            figure: "levy", label: "Quotumheffing (wet van 2015)", value: f.levy.description, rule: "Quotumheffing",
            source: "Wfsv art. 38h lid 4; seed 004", formula: "quotumtekort x EUR 5.000, en 0 als de werkgever niet quotumplichtig is",
            parameters: [p.levyPerJob],
            inputs: [.init("quotumtekort", Quotumtekort.format(f.shortfallTenths)), .init("quotumplichtig", f.liable ? "ja" : "nee")],
            steps: [.init("\(Quotumtekort.format(f.shortfallTenths)) x \(p.levyPerJob.money)", f.levy.description)],
            children: [shortfall, liability])

        // Simplified scheme.
        let baseLines = ownLines.filter { $0.hirer == nil && $0.scheme == .regular }
        let capped = baseLines.filter { $0.wage > p.premiumBaseMonthlyCap }.count
        let premiumBase = Explanation(
            figure: "premium_base", label: "Premiegrondslag", value: f.premiumBase.description, rule: "Premieloon met maximum per tijdvak",
            source: "WBA art. 6; Wfsv art. 17; spec 5.4, 8.16",
            formula: "som over eigen regular-regels (niet uitgeleend, geen wsw/beschut) van min(loon, floor(maximumpremieloon / 12))",
            parameters: [p.maximumPremieloon],
            inputs: [.init("aantal regels", String(baseLines.count)), .init("regels boven het maximum", String(capped)),
                     .init("maximum per maand", p.premiumBaseMonthlyCap.description)])
        let rate = Explanation(
            figure: "surcharge_percent", label: "Opslagpercentage", value: r.surchargeRate.description,
            rule: "Inclusiviteitsopslag", source: "seed 004; spec 5.4, 8.15",
            formula: r.surchargeProvenance == .override ? "opgegeven met --surcharge-percent"
                : "round(100 x q x som A x 5000 / (1331 x som grondslag), 3 decimalen), over quotumplichtige werkgevers",
            parameters: [p.surchargeYieldPerJob, p.hoursPerJob],
            inputs: [.init("q (gecombineerd quotumpercentage)", r.percentages.percent["total"]!.description + "%"),
                     .init("som A quotumplichtig", r.percentages.sumA["total"]!.description),
                     .init("som premiegrondslag quotumplichtig", r.sumPremiumBase.description)])
        let surcharge = Explanation(
            figure: "surcharge", label: "Inclusiviteitsopslag", value: f.surcharge.description, rule: "Opslag op de premie",
            source: "seed 004; WBA; spec 5.4", formula: "round(premiegrondslag x opslagpercentage), 0 als niet quotumplichtig",
            inputs: [.init("premiegrondslag", f.premiumBase.description), .init("opslagpercentage", r.surchargeRate.description + "%"),
                     .init("quotumplichtig", f.liable ? "ja" : "nee")],
            steps: [.init("\(f.premiumBase) x \(r.surchargeRate)%", f.surcharge.description, rounding: "round half away from zero, cent")],
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
                figure: "lkv_person", label: "LKV voor \(person)", value: lkv.description, rule: "LKV banenafspraak per werknemer",
                source: "Wtl art. 2.13; seed 004; spec 8.17", formula: "min(round(uren doelgroep x EUR 1,01), EUR 2.000)",
                parameters: [p.lkvHourly, p.lkvAnnualMaximum], inputs: [.init("uren doelgroep", hours.description)],
                steps: [.init("\(hours) x \(p.lkvHourly.money)", HourlyAmount.compute(hours: hours, perHour: p.lkvHourly.money, annualMaximum: nil).description, rounding: "round half away from zero, cent"),
                        .init("maximum \(p.lkvAnnualMaximum.formatted)", lkv.description)],
                children: months))
            bonusChildren.append(Explanation(
                figure: "bonus_person", label: "Bonus voor \(person)", value: bonus.description, rule: "Bonus per verloond uur",
                source: "seed 004; spec 5.4, 8.17", formula: "round(uren doelgroep x EUR 3,77), maximum volgens parameter",
                parameters: [p.bonusHourly, p.bonusAnnualMaximum], inputs: [.init("uren doelgroep", hours.description)],
                steps: [.init("\(hours) x \(p.bonusHourly.money)", bonus.description, rounding: "round half away from zero, cent")]))
        }
        let lkv = Explanation(
            figure: "lkv", label: "LKV", value: f.lkv.description, rule: "Loonkostenvoordeel banenafspraak, per werknemer opgeteld",
            source: "Wtl art. 2.13; seed 004; spec 5.4, 8.17",
            formula: "som per persoon van min(round(uren x 1,01), 2000) over de eigen regels (uitgeleend inbegrepen, zonder eigen wsw en beschut) in maanden in het register",
            children: lkvChildren)
        let bonus = Explanation(
            figure: "bonus", label: "Bonus", value: f.bonus.description, rule: "Bonus vereenvoudigde regeling, per werknemer opgeteld",
            source: "seed 004; spec 5.4", formula: "som per persoon van round(uren x 3,77)", children: bonusChildren)
        let outgoing = r.collaborations.filter { $0.year == r.year && Int($0.from) == e }
        let incoming = r.collaborations.filter { $0.year == r.year && Int($0.to) == e }
        let transfers = Explanation(
            figure: "transfers", label: "Overdrachten", value: "uit \(f.transfersOut), in \(f.transfersIn)",
            rule: "Samenwerking", source: "seed 004 (Samenwerking in nieuwe quotumregeling); spec 8.18",
            formula: "per samenwerkingsregel floor(bonus van de gever x percentage), van de eigen bonus van de gever",
            steps: outgoing.map { c in .init("naar \(r.employers.ids.string(c.to)): \(f.bonus) x \(c.percent)% (regel \(c.line))", BonusTransfer.compute(bonus: f.bonus, percent: c.percent).description, rounding: "floor, cent") }
                + incoming.map { c in
                    let giverBonus = r.figures[Int(c.from)].bonus
                    return .init("van \(r.employers.ids.string(c.from)): \(giverBonus) x \(c.percent)% (regel \(c.line))", BonusTransfer.compute(bonus: giverBonus, percent: c.percent).description, rounding: "floor, cent")
                })
        let net = Explanation(
            figure: "net", label: "Netto resultaat (vereenvoudigde regeling)", value: f.net.description,
            rule: "Netto resultaat", source: "seed 004; spec 5.4", formula: "LKV + bonus - overdrachten uit + overdrachten in - opslag",
            inputs: [.init("LKV", f.lkv.description), .init("bonus", f.bonus.description), .init("overdrachten uit", f.transfersOut.description),
                     .init("overdrachten in", f.transfersIn.description), .init("opslag", f.surcharge.description)],
            steps: [.init("\(f.lkv) + \(f.bonus) - \(f.transfersOut) + \(f.transfersIn) - \(f.surcharge)", f.net.description)],
            children: [lkv, bonus, transfers, surcharge])
        return (levy, net)
    }

    static func sum(_ lines: [EmployerTrace.Line]) -> CentiHours { lines.reduce(.zero) { $0 + $1.hours } }

    /// The drill-down: hours per person per month, with the line's role and register status.
    static func personMonths(_ lines: [EmployerTrace.Line], trace: EmployerTrace?, label: String) -> [Explanation] {
        let byPerson = Dictionary(grouping: lines, by: \.person)
        return byPerson.keys.sorted().map { person in
            let rows = byPerson[person]!.sorted { ($0.period, $0.line) < ($1.period, $1.line) }
            let routes = trace?.routes[person]?.map(\.rawValue).joined(separator: ", ") ?? "niet in het register"
            return Explanation(
                figure: "person_months", label: "\(label): \(person)", value: sum(rows).description,
                rule: "Status in het register per maand", source: "Wfsv art. 38g lid 8; spec 5.1",
                formula: "een maand telt als een registratie enige dag van die maand raakt",
                inputs: [.init("routes", routes)],
                steps: rows.map { l in
                    let role = l.hirer.map { "uitgeleend van \(l.employer) aan \($0)" } ?? "eigen regel"
                    return .init("\(l.period) \(l.scheme) (\(role), payroll.csv regel \(l.line))", l.hours.description)
                })
        }
    }
}
