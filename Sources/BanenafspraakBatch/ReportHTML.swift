import BanenafspraakCore
import BanenafspraakIngest
import Foundation
import Mustache

/// The readable Dutch report of a quota run (`report.html`): growth path (over the years of sibling runs when
/// there are any), activation, percentages, opslag, charts with their data tables, the largest levies and net
/// bonuses, retention and regional figures, rejections by reason, and what produced the report.
/// Every number is in Dutch notation (`€ 1.234,56`); the CSV and JSON outputs keep the contract notation.
enum ReportHTML {
    static func render(_ r: QuotaResult, history: [GrowthHistory.Point] = []) throws -> String {
        let template = try MustacheTemplate(string: templateText)
        return template.render(context(r, history: history.isEmpty ? [GrowthHistory.point(r)] : history))
    }

    static func dutch(_ s: String) -> String { DutchNumber.format(s) }
    static func euro(_ c: Cents) -> String { DutchNumber.euro(c) }
    static func jobs(_ hundredths: Int64) -> String { DutchNumber.format(units: hundredths, scale: 2) }
    static func share(_ n: Int, _ d: Int) -> String {
        d == 0 ? "–" : DutchNumber.format(units: FixedPoint.narrow(FixedPoint.roundDivide(Int128(n) * 1000, Int128(d))), scale: 1) + "%"
    }

    static let sectorNames = ["markt": "Markt", "overheid": "Overheid", "total": "Totaal"]

    static let reasons: [RejectionCode: String] = [
        .fieldCount: "verkeerd aantal velden", .requiredEmpty: "verplicht veld leeg", .malformed: "onleesbare waarde",
        .outOfRange: "waarde buiten het toegestane bereik", .negative: "negatieve waarde", .unknownEmployer: "onbekende werkgever",
        .hirerIsEmployer: "inlener is de werkgever zelf", .duplicate: "dubbele regel (de eerste geldige telt)",
        .fromAfterUntil: "begindatum na einddatum", .percentSumOver100: "percentages samen boven 100",
    ]

    static func context(_ r: QuotaResult, history: [GrowthHistory.Point]) -> [String: Any] {
        let growth: [[String: Any]] = ["markt", "overheid", "total"].map { key in
            let m = r.measurement[key]!
            return [
                "name": sectorNames[key]!,
                "hours": dutch(m.hoursDecember.description),
                "realised": jobs(m.extraJobsHundredths),
                "target": DutchNumber.count(m.target),
                "gap": jobs(m.target * 100 - m.extraJobsHundredths),
                "activation": m.activationIndicated ? "ja" : "nee",
                "regime": key == "total" ? "vereenvoudigde regeling" : "wet van 2015",
                "percent": DutchNumber.percent(r.percentages.percent[key]!),
                "source": { () -> String in
                    switch r.percentages.provenance[key] {
                    case .override: return "opgegeven (--quota-percent)"
                    case .manifest(let path): return "uit \(path) (voorstel van de generator)"
                    case .published(let p): return "gepubliceerd (\(DutchExplanationText.text(p.value.source)))"
                    default: return "berekend (Wfsv art. 38f lid 1)"
                    }
                }(),
            ]
        }
        let ids = r.employers.ids
        func row(_ e: Int) -> [String: Any] {
            let f = r.figures[e]
            return [
                "id": ids.string(Int32(e)), "name": r.employers.names[e], "sector": r.employers.sector[e].rawValue,
                "levy": euro(f.levy), "shortfall": dutch(Quotumtekort.format(f.shortfallTenths)),
                "surcharge": euro(f.surcharge), "lkv": euro(f.lkv), "bonus": euro(f.bonus),
                "transfersIn": euro(f.transfersIn), "transfersOut": euro(f.transfersOut), "net": euro(f.net),
            ]
        }
        let byLevy = (0..<r.figures.count).filter { r.figures[$0].levy.rawValue > 0 }
            .sorted { r.figures[$0].levy != r.figures[$1].levy ? r.figures[$0].levy > r.figures[$1].levy : $0 < $1 }
            .prefix(20).map(row)
        let byNet = (0..<r.figures.count).filter { r.figures[$0].net.rawValue > 0 }
            .sorted { r.figures[$0].net != r.figures[$1].net ? r.figures[$0].net > r.figures[$1].net : $0 < $1 }
            .prefix(20).map(row)
        let counts: [[String: Any]] = ["employers", "register", "payroll", "collaborations"].map { key in
            let c = r.counts[key] ?? RowCounts()
            return ["file": key + ".csv", "read": DutchNumber.count(c.read), "accepted": DutchNumber.count(c.accepted),
                    "rejected": DutchNumber.count(c.rejected), "outside": key == "payroll" ? DutchNumber.count(c.outsideYear) : "–",
                    "ok": c.reconciles ? "ja" : "NEE"]
        }
        var rejections: [[String: Any]] = []
        for file in ["employers.csv", "register.csv", "payroll.csv", "collaborations.csv"] {
            for code in RejectionCode.allCases {
                guard let n = r.rejectionsByCode[file]?[code], n > 0 else { continue }
                rejections.append(["file": file, "code": code.rawValue, "reason": reasons[code] ?? code.rawValue, "count": DutchNumber.count(n)])
            }
        }
        let liable = r.figures.filter(\.liable)
        let total = { (k: KeyPath<EmployerFigures, Cents>) in euro(r.figures.reduce(Cents.zero) { $0 + $1[keyPath: k] }) }

        // Charts, each with its table.
        let years = history.map { String($0.year) }
        let growthChart = ReportCharts.lines(
            title: "Extra banen tegen het groeipad (totaal)", categories: years,
            series: [ReportCharts.Series(name: "gerealiseerd", color: "#1f5fa8", values: history.map { $0.realised["total"] ?? 0 }),
                     ReportCharts.Series(name: "groeipad", color: "#d07a00", values: history.map { ($0.target["total"] ?? 0) * 100 })],
            label: { jobs($0 / 100 * 100).replacingOccurrences(of: ",00", with: "") })
        let growthRows: [[String: Any]] = history.map { p in
            ["year": String(p.year),
             "markt": jobs(p.realised["markt"] ?? 0), "marktTarget": DutchNumber.count(p.target["markt"] ?? 0),
             "overheid": jobs(p.realised["overheid"] ?? 0), "overheidTarget": DutchNumber.count(p.target["overheid"] ?? 0),
             "total": jobs(p.realised["total"] ?? 0), "totalTarget": DutchNumber.count(p.target["total"] ?? 0)]
        }
        var levyBySector: [Int64] = [0, 0], surchargeBySector: [Int64] = [0, 0], liableBySector = [0, 0]
        for (e, f) in r.figures.enumerated() {
            let s = r.employers.sector[e] == .markt ? 0 : 1
            levyBySector[s] += f.levy.rawValue
            surchargeBySector[s] += f.surcharge.rawValue
            if f.liable { liableBySector[s] += 1 }
        }
        let sectorChart = ReportCharts.bars(
            title: "Quotumheffing en opslag per sector", categories: ["markt", "overheid"],
            series: [ReportCharts.Series(name: "quotumheffing (wet van 2015)", color: "#a83232", values: levyBySector),
                     ReportCharts.Series(name: "opslag (vereenvoudigd)", color: "#4a7f3a", values: surchargeBySector)],
            label: { euro(Cents($0 / 100 * 100)).replacingOccurrences(of: ",00", with: "") })
        let sectorRows: [[String: Any]] = [0, 1].map { s in
            ["sector": s == 0 ? "markt" : "overheid", "liable": DutchNumber.count(liableBySector[s]),
             "levy": euro(Cents(levyBySector[s])), "surcharge": euro(Cents(surchargeBySector[s]))]
        }
        // Shortfall distribution over liable employers (tenths of a job).
        let buckets: [(String, Int64, Int64)] = [("0", 0, 0), ("0,1–0,9", 1, 9), ("1–1,9", 10, 19), ("2–4,9", 20, 49),
                                                 ("5–9,9", 50, 99), ("10–49,9", 100, 499), ("50 en meer", 500, Int64.max)]
        var bucketCounts = [Int64](repeating: 0, count: buckets.count)
        for f in liable {
            if let i = buckets.firstIndex(where: { f.shortfallTenths >= $0.1 && f.shortfallTenths <= $0.2 }) { bucketCounts[i] += 1 }
        }
        let shortfallChart = ReportCharts.bars(
            title: "Quotumplichtige werkgevers naar quotumtekort (banen)", categories: buckets.map(\.0),
            series: [ReportCharts.Series(name: "aantal werkgevers", color: "#1f5fa8", values: bucketCounts)],
            label: { DutchNumber.count($0) })
        let shortfallRows: [[String: Any]] = buckets.indices.map { ["bucket": buckets[$0].0, "count": DutchNumber.count(bucketCounts[$0])] }

        // Retention and regional figures (Kamerstukken I 2016/17, 33 981, N: duurzaamheid; factsheets per regio).
        var retention: [String: Any] = [:]
        if let t = r.retention {
            func rowJSON(_ x: RetentionFigures.Row) -> [String: Any] {
                ["route": x.route == "all" ? "alle routes" : x.route, "p1": DutchNumber.count(x.workingP1),
                 "p2": share(x.workingP2, x.workingP1), "every": share(x.everyQuarter, x.workingP1), "gone": share(x.noLongerWorking, x.workingP1)]
            }
            var regions: [[String: Any]] = []
            for region in Set(t.regional.map(\.region)).sorted() {
                let q = (1...4).map { quarter in t.regional.first { $0.region == region && $0.quarter == quarter } }
                let last = q[3]
                regions.append(["region": "AMR" + (region < 10 ? "0" : "") + String(region),
                                "q1": DutchNumber.count(q[0]?.working ?? 0), "q2": DutchNumber.count(q[1]?.working ?? 0),
                                "q3": DutchNumber.count(q[2]?.working ?? 0), "q4": DutchNumber.count(last?.working ?? 0),
                                "kept": DutchNumber.count(last?.kept ?? 0), "gained": DutchNumber.count(last?.gained ?? 0),
                                "lost": DutchNumber.count(last?.lost ?? 0)])
            }
            retention = ["rows": [rowJSON(t.overall)] + t.byRoute.map(rowJSON),
                         "permanentP1": share(Int(t.permanentHoursP1.permanent.rawValue), Int(t.permanentHoursP1.total.rawValue)),
                         "permanentP2": share(Int(t.permanentHoursP2.permanent.rawValue), Int(t.permanentHoursP2.total.rawValue)),
                         "regions": regions]
        }

        // Sample data: smaller than national, or percentages that had to be supplied for that reason.
        let national = r.figures.count >= 200_000
        let sampleNote = national ? nil : "Deze gegevens zijn kleiner dan landelijk (\(DutchNumber.count(r.figures.count)) werkgevers; landelijk zijn het er ongeveer 450.000). De meting van extra banen telt de uren van deze gegevens tegen de landelijke nulmeting van december 2012 en het landelijke groeipad: realisatie, achterstand en activering betekenen alleen iets op landelijke schaal. De werkgeverscijfers volgen wel precies de regels, met de opgegeven percentages."

        var overrides: [String] = []
        for key in ["markt", "overheid", "total"] {
            switch r.percentages.provenance[key] {
            case .override: overrides.append("--quota-percent \(key)=\(r.percentages.percent[key]!)")
            case .manifest(let path): overrides.append("quotumpercentage \(key) \(DutchNumber.percent(r.percentages.percent[key]!)) uit \(path)")
            default: break
            }
        }
        if r.surchargeProvenance == .override { overrides.append("--surcharge-percent \(r.surchargeRate)") }
        if r.regime == .widened { overrides.append("--regime-register widened") }
        if let p = r.run.parametersFile { overrides.append("--params \(p)") }

        return [
            "year": String(r.year),
            "regime": r.regime == .current ? "huidig register" : "verbreed register (voorstel, Kamerstukken II 2022/23, 34 352, nr. 281)",
            "growth": growth,
            "surcharge": DutchNumber.surcharge(r.surchargeRate),
            "surchargeSource": r.surchargeProvenance == .override ? "opgegeven (--surcharge-percent)" : "berekend (Kamerbrief vereenvoudiging banenafspraak, 2019)",
            "employers": DutchNumber.count(r.figures.count),
            "liable": DutchNumber.count(liable.count),
            "shortfall": DutchNumber.count(liable.filter { $0.shortfallTenths > 0 }.count),
            "levyTotal": total(\.levy), "surchargeTotal": total(\.surcharge), "lkvTotal": total(\.lkv), "bonusTotal": total(\.bonus),
            "transfersTotal": total(\.transfersOut),
            "byLevy": byLevy, "byNet": byNet, "counts": counts,
            "rejectedAny": r.counts.values.contains { $0.rejected > 0 },
            "rejections": rejections,
            "warnings": RunGuards.plausibilityWarnings(r).map { ["text": $0.dutch] },
            "sampleNote": sampleNote.map { ["text": $0] } as Any,
            // Years before 2026 have no activation statement (and their report is unchanged): `false`, not a nil.
            "activation2026": QuotaActivation(r.parameters).map { ["text": $0.sentences.joined(separator: " ")] as Any } ?? false,
            "growthChart": growthChart, "growthRows": growthRows,
            "growthYears": history.count > 1 ? "\(history.first!.year)–\(history.last!.year)" : String(r.year),
            "sectorChart": sectorChart, "sectorRows": sectorRows,
            "shortfallChart": shortfallChart, "shortfallRows": shortfallRows,
            "retention": r.retention == nil ? false : retention,
            "engineVersion": r.run.engineVersion, "producedAt": r.run.producedAt, "input": r.run.inputDirectory,
            "overrides": overrides.isEmpty ? ["geen: alle percentages berekend of gepubliceerd, de parameters van de repository"] : overrides,
            "receipts": r.run.receiptHashes.map { ["name": $0.name, "hash": $0.hash] },
            "berekening": QuotumPercentageBerekening.sectors(r).map { s -> [String: Any] in
                ["name": sectorNames[s.key]!,
                 "variables": s.variables.map { ["name": $0.name, "law": $0.law, "value": DutchNumber.rewriteNumbers(in: $0.value), "source": DutchExplanationText.text($0.source)] },
                 "numerator": s.numerator.map { DutchNumber.rewriteNumbers(in: $0) } ?? "–", "denominator": s.denominator.map { DutchNumber.rewriteNumbers(in: $0) } ?? "–",
                 "before": s.beforeRounding.map { dutch($0) + "%" } ?? "niet te berekenen (B niet getabelleerd)",
                 "after": s.afterRounding.map { dutch($0) + "%" } ?? "–",
                 "used": DutchNumber.percent(r.percentages.percent[s.key]!)]
            },
            // Only a run seen at a date has the section (a missing key, not a nil, keeps it out).
            "calendar": calendarContext(r).map { [$0] } ?? [],
            "noReceipts": r.run.receiptHashes.isEmpty,
        ]
    }

    /// The legal calendar's lines of the report (spec section 13), `nil` without one.
    static func calendarContext(_ r: QuotaResult) -> [String: Any]? {
        guard let c = r.calendar else { return nil }
        let p = r.counts["payroll"] ?? RowCounts(), g = r.counts["register"] ?? RowCounts()
        let stage = c.stage.map { $0 == .voorlopig ? " (voorlopig, Wtl art. 4.1)" : " (definitief, Wfsv art. 38e lid 3)" } ?? ""
        return ["asOf": c.asOf.map { "loonaangiften en correcties ontvangen tot en met \($0)" + stage } ?? "alle regels, ongeacht de ontvangstdatum",
                "payrollAfter": DutchNumber.count(p.afterCutoff), "superseded": DutchNumber.count(p.superseded),
                "registerAfter": DutchNumber.count(g.afterCutoff),
                "hasComparison": r.stageComparison != nil,
                "comparison": (r.stageComparison ?? []).map { ["label": $0.label, "a": $0.a, "b": $0.b] }]
    }

    static let templateText = """
    <!doctype html>
    <html lang="nl">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Banenafspraak en quotum {{year}}</title>
    <style>
    body { font-family: system-ui, sans-serif; margin: 1rem auto; padding: 0 1rem; max-width: 70rem; color: #1b1b1b; line-height: 1.4; }
    h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
    .scroll { overflow-x: auto; }
    th, td { padding: .3rem .6rem; border-bottom: 1px solid #e4e4e4; text-align: left; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .ja { color: #a00; font-weight: 600; } .note { color: #555; font-size: .9rem; }
    .warn { background: #fff4e5; border-left: 4px solid #e08a00; padding: .5rem .8rem; }
    .sample { background: #eef4fb; border-left: 4px solid #1f5fa8; padding: .5rem .8rem; }
    .kpi { display: inline-block; margin: 0 2rem .5rem 0; } .kpi b { display: block; font-size: 1.3rem; }
    svg.chart { width: 100%; max-width: 40rem; height: auto; display: block; margin: .5rem 0; }
    details { margin: .3rem 0 1rem; } code { overflow-wrap: anywhere; }
    </style>
    </head>
    <body>
    <h1>Banenafspraak en quotumregeling — meting en quotum {{year}}</h1>
    <p class="note">Registerregime: {{regime}}. Bedragen in euro, uren en banen met twee decimalen, in Nederlandse notatie. Elke werkgever kan zijn cijfers laten uitleggen met <code>banenafspraak explain --year {{year}} --in {{input}} --employer ID</code> (met dezelfde percentages als deze berekening).</p>
    {{#sampleNote}}<p class="sample"><b>Voorbeeldgegevens.</b> {{text}}</p>{{/sampleNote}}{{#activation2026}}<p class="warn"><b>Activering (Wet banenafspraak art. 5 en 6):</b> {{text}}</p>{{/activation2026}}
    {{#warnings}}<p class="warn"><b>Let op:</b> {{text}}</p>
    {{/warnings}}

    <h2>Groeipad: gerealiseerd tegen doel (december {{year}})</h2>
    <div class="scroll"><table>
    <tr><th>Sector</th><th class="n">Uren doelgroep december</th><th class="n">Extra banen gerealiseerd</th><th class="n">Doel groeipad</th><th class="n">Achterstand</th><th>Activering aangewezen</th><th>Volgens</th></tr>
    {{#growth}}<tr><td>{{name}}</td><td class="n">{{hours}}</td><td class="n">{{realised}}</td><td class="n">{{target}}</td><td class="n">{{gap}}</td><td class="{{activation}}">{{activation}}</td><td>{{regime}}</td></tr>
    {{/growth}}
    </table></div>
    <p class="note">Extra banen = (uren in december − nulmeting december 2012) / 110,92, naar beneden afgerond op twee decimalen (Regeling Wfsv art. 3.29). Activering is aangewezen als de realisatie onder het doel blijft.</p>

    <h3>Extra banen tegen het groeipad, {{growthYears}}</h3>
    {{{growthChart}}}
    <details open><summary>Tabel bij de grafiek</summary><div class="scroll"><table>
    <tr><th>Jaar</th><th class="n">Markt</th><th class="n">Doel markt</th><th class="n">Overheid</th><th class="n">Doel overheid</th><th class="n">Totaal</th><th class="n">Doel totaal</th></tr>
    {{#growthRows}}<tr><td>{{year}}</td><td class="n">{{markt}}</td><td class="n">{{marktTarget}}</td><td class="n">{{overheid}}</td><td class="n">{{overheidTarget}}</td><td class="n">{{total}}</td><td class="n">{{totalTarget}}</td></tr>
    {{/growthRows}}
    </table></div></details>
    <p class="note">Meer jaren verschijnen hier als de berekeningen van andere jaren in mappen naast deze staan (bijvoorbeeld <code>out/2016</code>, <code>out/2017</code>, …, elk met invoer uit mappen naast elkaar, zoals <code>generate --years</code> die schrijft).</p>

    <h2>Quotumpercentage en opslag</h2>
    <table>
    <tr><th>Sector</th><th class="n">Quotumpercentage</th><th>Herkomst</th></tr>
    {{#growth}}<tr><td>{{name}}</td><td class="n">{{percent}}</td><td>{{source}}</td></tr>
    {{/growth}}
    </table>
    <div class="kpi">Inclusiviteitsopslag<b>{{surcharge}}</b><span class="note">{{surchargeSource}}</span></div>

    <h3>Berekening van het quotumpercentage (Wfsv art. 38f lid 2)</h3>
    <p class="note">Wfsv art. 38f lid 1 rondt het quotumpercentage naar beneden af op twee cijfers achter de komma en schrijft voor dat de berekening wordt gepubliceerd. Formule (lezing van dit project; de afbeelding van de formule ontbreekt in de verzamelde wettekst): ((A + B − H) × C) / (D × E − F × G) × 100%. Ook in <code>quotumpercentage.json</code>.</p>
    {{#berekening}}
    <h4>{{name}}</h4>
    <table>
    <tr><th>Variabele</th><th>Wettekst</th><th class="n">Waarde</th><th>Bron</th></tr>
    {{#variables}}<tr><td>{{name}}</td><td>{{law}}</td><td class="n">{{value}}</td><td>{{source}}</td></tr>
    {{/variables}}
    <tr><th>Teller</th><td colspan="3">{{numerator}}</td></tr>
    <tr><th>Noemer</th><td colspan="3">{{denominator}}</td></tr>
    <tr><th>Voor afronding</th><td colspan="3">{{before}}</td></tr>
    <tr><th>Na afronding</th><td colspan="3">{{after}} (gebruikt: {{used}})</td></tr>
    </table>
    {{/berekening}}

    <h2>Werkgevers</h2>
    <div class="kpi">Werkgevers<b>{{employers}}</b></div>
    <div class="kpi">Quotumplichtig<b>{{liable}}</b></div>
    <div class="kpi">Met quotumtekort<b>{{shortfall}}</b></div>
    <div class="kpi">Quotumheffing (wet 2015)<b>{{levyTotal}}</b></div>
    <div class="kpi">Opslag (vereenvoudigd)<b>{{surchargeTotal}}</b></div>
    <div class="kpi">LKV<b>{{lkvTotal}}</b></div>
    <div class="kpi">Bonus<b>{{bonusTotal}}</b></div>
    <div class="kpi">Overgedragen bonus<b>{{transfersTotal}}</b></div>

    <h3>Quotumheffing en opslag per sector</h3>
    {{{sectorChart}}}
    <details open><summary>Tabel bij de grafiek</summary><table>
    <tr><th>Sector</th><th class="n">Quotumplichtig</th><th class="n">Quotumheffing</th><th class="n">Opslag</th></tr>
    {{#sectorRows}}<tr><td>{{sector}}</td><td class="n">{{liable}}</td><td class="n">{{levy}}</td><td class="n">{{surcharge}}</td></tr>
    {{/sectorRows}}
    </table></details>

    <h3>Verdeling van het quotumtekort</h3>
    {{{shortfallChart}}}
    <details open><summary>Tabel bij de grafiek</summary><table>
    <tr><th>Quotumtekort (banen)</th><th class="n">Quotumplichtige werkgevers</th></tr>
    {{#shortfallRows}}<tr><td>{{bucket}}</td><td class="n">{{count}}</td></tr>
    {{/shortfallRows}}
    </table></details>

    <h2>Hoogste quotumheffing (wet van 2015)</h2>
    <div class="scroll"><table>
    <tr><th>Werkgever</th><th>Naam</th><th>Sector</th><th class="n">Tekort (banen)</th><th class="n">Heffing</th></tr>
    {{#byLevy}}<tr><td>{{id}}</td><td>{{name}}</td><td>{{sector}}</td><td class="n">{{shortfall}}</td><td class="n">{{levy}}</td></tr>
    {{/byLevy}}
    {{^byLevy}}<tr><td colspan="5">Geen werkgever betaalt quotumheffing.</td></tr>{{/byLevy}}
    </table></div>

    <h2>Grootste netto bonus (vereenvoudigde regeling)</h2>
    <div class="scroll"><table>
    <tr><th>Werkgever</th><th>Naam</th><th>Sector</th><th class="n">LKV</th><th class="n">Bonus</th><th class="n">Overdracht uit</th><th class="n">Overdracht in</th><th class="n">Opslag</th><th class="n">Netto</th></tr>
    {{#byNet}}<tr><td>{{id}}</td><td>{{name}}</td><td>{{sector}}</td><td class="n">{{lkv}}</td><td class="n">{{bonus}}</td><td class="n">{{transfersOut}}</td><td class="n">{{transfersIn}}</td><td class="n">{{surcharge}}</td><td class="n">{{net}}</td></tr>
    {{/byNet}}
    {{^byNet}}<tr><td colspan="9">Geen werkgever heeft een positief netto resultaat.</td></tr>{{/byNet}}
    </table></div>
    <p class="note">Netto = LKV + bonus − overdracht uit + overdracht in − opslag. Een overdracht is bonus die een samenwerkende werkgever doorgeeft (collaborations.csv).</p>

    {{#retention}}
    <h2>Duurzaamheid: wie blijft werken ({{year}})</h2>
    <p class="note">Personen uit de doelgroep die in het eerste kwartaal werkten, en welk deel van hen in het vierde kwartaal nog werkte (Kamerstukken I 2016/17, 33 981, N).</p>
    <div class="scroll"><table>
    <tr><th>Route</th><th class="n">Werkend in kwartaal 1</th><th class="n">Nog werkend in kwartaal 4</th><th class="n">Elk kwartaal werkend</th><th class="n">Niet meer werkend</th></tr>
    {{#rows}}<tr><td>{{route}}</td><td class="n">{{p1}}</td><td class="n">{{p2}}</td><td class="n">{{every}}</td><td class="n">{{gone}}</td></tr>
    {{/rows}}
    </table></div>
    <p class="note">Deel van de uren van de doelgroep op een vast contract: kwartaal 1 {{permanentP1}}, kwartaal 4 {{permanentP2}}.</p>

    <h2>Per arbeidsmarktregio</h2>
    <p class="note">Werkende personen uit de doelgroep per kwartaal, naar de regio van de werkgever (bij uitlening die van de inlener), en in kwartaal 4 tegen kwartaal 3: behouden, erbij en weg.</p>
    <div class="scroll"><table>
    <tr><th>Regio</th><th class="n">K1</th><th class="n">K2</th><th class="n">K3</th><th class="n">K4</th><th class="n">Behouden</th><th class="n">Erbij</th><th class="n">Weg</th></tr>
    {{#regions}}<tr><td>{{region}}</td><td class="n">{{q1}}</td><td class="n">{{q2}}</td><td class="n">{{q3}}</td><td class="n">{{q4}}</td><td class="n">{{kept}}</td><td class="n">{{gained}}</td><td class="n">{{lost}}</td></tr>
    {{/regions}}
    </table></div>
    {{/retention}}

    <h2>Invoer en aansluiting</h2>
    <table>
    <tr><th>Bestand</th><th class="n">Gelezen</th><th class="n">Geaccepteerd</th><th class="n">Afgewezen</th><th class="n">Buiten het jaar</th><th>Sluit aan</th></tr>
    {{#counts}}<tr><td>{{file}}</td><td class="n">{{read}}</td><td class="n">{{accepted}}</td><td class="n">{{rejected}}</td><td class="n">{{outside}}</td><td>{{ok}}</td></tr>
    {{/counts}}
    </table>
    {{#calendar}}
    <h3>Peildatum</h3>
    <p>Deze berekening telt de {{asOf}}. Na de peildatum ontvangen: {{payrollAfter}} loonaangifteregels en {{registerAfter}} registerregels (niet gebruikt). Vervangen door een latere correctie: {{superseded}} regels (geen afwijzing). Gelezen = geaccepteerd + afgewezen + buiten het jaar + na de peildatum + vervangen.</p>
    {{#hasComparison}}
    <h3>Voorlopig naast definitief</h3>
    <table>
    <tr><th></th><th class="n">Voorlopig</th><th class="n">Definitief</th></tr>
    {{#comparison}}<tr><td>{{label}}</td><td class="n">{{a}}</td><td class="n">{{b}}</td></tr>
    {{/comparison}}
    </table>
    {{/hasComparison}}
    {{/calendar}}
    <h3>Afgewezen regels per reden</h3>
    <table>
    <tr><th>Bestand</th><th>Reden</th><th>Code</th><th class="n">Aantal</th></tr>
    {{#rejections}}<tr><td>{{file}}</td><td>{{reason}}</td><td><code>{{code}}</code></td><td class="n">{{count}}</td></tr>
    {{/rejections}}
    {{^rejections}}<tr><td colspan="4">Geen regels afgewezen.</td></tr>{{/rejections}}
    </table>
    {{#rejectedAny}}<p class="note">De afgewezen regels staan met bestand, regel, kolom en reden in <code>rejected.csv</code>.</p>{{/rejectedAny}}

    <h2>Hoe dit rapport is gemaakt</h2>
    <table>
    <tr><th>Rekenkern</th><td>banenafspraak {{engineVersion}}</td></tr>
    <tr><th>Gemaakt op</th><td>{{producedAt}}</td></tr>
    <tr><th>Invoermap</th><td><code>{{input}}</code></td></tr>
    <tr><th>Afwijkende parameters</th><td>{{#overrides}}{{.}}<br>{{/overrides}}</td></tr>
    <tr><th>Ontvangstbewijzen</th><td>{{#receipts}}<code>{{name}}</code>: <code>{{hash}}</code><br>{{/receipts}}{{#noReceipts}}geen (zonder resultatenopslag){{/noReceipts}}</td></tr>
    </table>
    </body>
    </html>
    """
}
