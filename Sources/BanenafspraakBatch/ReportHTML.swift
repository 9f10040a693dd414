import BanenafspraakCore
import BanenafspraakIngest
import Mustache

/// The readable Dutch report of a quota run (`report.html`): growth path, activation, percentages,
/// surcharge rate, row counts and the employers with the largest levy and net bonus.
enum ReportHTML {
    static func render(_ r: QuotaResult) throws -> String {
        let template = try MustacheTemplate(string: templateText)
        return template.render(context(r))
    }

    static func dutch(_ s: String) -> String {
        // 1234567.89 → 1.234.567,89 (Dutch notation for readers; the CSV/JSON keep the contract notation).
        let negative = s.hasPrefix("-")
        let body = negative ? String(s.dropFirst()) : s
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        var intPart = String(parts[0])
        var grouped = ""
        while intPart.count > 3 {
            grouped = "." + intPart.suffix(3) + grouped
            intPart = String(intPart.dropLast(3))
        }
        grouped = intPart + grouped
        let frac = parts.count > 1 ? "," + parts[1] : ""
        return (negative ? "-" : "") + grouped + frac
    }

    static func context(_ r: QuotaResult) -> [String: Any] {
        let names = ["markt": "Markt", "overheid": "Overheid", "total": "Totaal"]
        let growth: [[String: Any]] = ["markt", "overheid", "total"].map { key in
            let m = r.measurement[key]!
            return [
                "name": names[key]!,
                "hours": dutch(m.hoursDecember.description),
                "realised": dutch(FixedPoint.format(m.extraJobsHundredths, scale: 2)),
                "target": dutch(String(m.target)),
                "gap": dutch(FixedPoint.format(m.target * 100 - m.extraJobsHundredths, scale: 2)),
                "activation": m.activationIndicated ? "ja" : "nee",
                "regime": key == "total" ? "vereenvoudigde regeling (seed 004)" : "wet van 2015",
                "percent": dutch(r.percentages.percent[key]!.description),
                "source": { () -> String in
                    switch r.percentages.provenance[key] {
                    case .override: return "opgegeven (--quota-percent)"
                    case .manifest(let path): return "uit \(path) (voorstel van de generator)"
                    case .published(let p): return "gepubliceerd (\(p.value.source))"
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
                "levy": dutch(f.levy.description), "shortfall": dutch(Quotumtekort.format(f.shortfallTenths)),
                "surcharge": dutch(f.surcharge.description), "lkv": dutch(f.lkv.description), "bonus": dutch(f.bonus.description),
                "net": dutch(f.net.description),
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
            return ["file": key + ".csv", "read": dutch(String(c.read)), "accepted": dutch(String(c.accepted)),
                    "rejected": dutch(String(c.rejected)), "outside": key == "payroll" ? dutch(String(c.outsideYear)) : "–",
                    "ok": c.reconciles ? "ja" : "NEE"]
        }
        let liable = r.figures.filter(\.liable)
        let total = { (k: KeyPath<EmployerFigures, Cents>) in dutch(r.figures.reduce(Cents.zero) { $0 + $1[keyPath: k] }.description) }
        return [
            "year": String(r.year),
            "regime": r.regime == .current ? "huidig register" : "verbreed register (seed 001, voorstel)",
            "growth": growth,
            "surcharge": dutch(r.surchargeRate.description),
            "surchargeSource": r.surchargeProvenance == .override ? "opgegeven (--surcharge-percent)" : "berekend (seed 004; spec 5.4)",
            "employers": dutch(String(r.figures.count)),
            "liable": dutch(String(liable.count)),
            "shortfall": dutch(String(liable.filter { $0.shortfallTenths > 0 }.count)),
            "levyTotal": total(\.levy), "surchargeTotal": total(\.surcharge), "lkvTotal": total(\.lkv), "bonusTotal": total(\.bonus),
            "byLevy": byLevy, "byNet": byNet, "counts": counts,
            "rejectedAny": r.counts.values.contains { $0.rejected > 0 },
            "warnings": RunGuards.plausibilityWarnings(r).map { ["text": $0.dutch] },
        ]
    }

    static let templateText = """
    <!doctype html>
    <html lang="nl">
    <head>
    <meta charset="utf-8">
    <title>Banenafspraak en quotum {{year}}</title>
    <style>
    body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; color: #1b1b1b; line-height: 1.4; }
    h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
    th, td { padding: .3rem .6rem; border-bottom: 1px solid #e4e4e4; text-align: left; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
    .ja { color: #a00; font-weight: 600; } .warn { background: #fff4e5; border-left: 4px solid #e08a00; padding: .5rem .8rem; } .note { color: #555; font-size: .9rem; }
    .kpi { display: inline-block; margin: 0 2rem .5rem 0; } .kpi b { display: block; font-size: 1.3rem; }
    </style>
    </head>
    <body>
    <h1>Banenafspraak en quotumregeling — meting en quotum {{year}}</h1>
    <p class="note">Registerregime: {{regime}}. Alle bedragen in euro, uren met twee decimalen. Berekend volgens de specificatie (spec 5.2–5.4); elke werkgever kan zijn cijfers laten uitleggen met <code>banenafspraak explain --employer ID</code>.</p>

    {{#warnings}}<p class="warn"><b>Let op:</b> {{text}}</p>
    {{/warnings}}
    <h2>Groeipad: gerealiseerd tegen doel (december {{year}})</h2>
    <table>
    <tr><th>Sector</th><th class="n">Uren doelgroep december</th><th class="n">Extra banen gerealiseerd</th><th class="n">Doel groeipad</th><th class="n">Achterstand</th><th>Activering aangewezen</th><th>Volgens</th></tr>
    {{#growth}}<tr><td>{{name}}</td><td class="n">{{hours}}</td><td class="n">{{realised}}</td><td class="n">{{target}}</td><td class="n">{{gap}}</td><td class="{{activation}}">{{activation}}</td><td>{{regime}}</td></tr>
    {{/growth}}
    </table>
    <p class="note">Extra banen = (uren in december − nulmeting december 2012) / 110,92, naar beneden afgerond op twee decimalen (Regeling Wfsv art. 3.29). Activering is aangewezen als de realisatie onder het doel blijft.</p>

    <h2>Quotumpercentage en opslag</h2>
    <table>
    <tr><th>Sector</th><th class="n">Quotumpercentage</th><th>Herkomst</th></tr>
    {{#growth}}<tr><td>{{name}}</td><td class="n">{{percent}}%</td><td>{{source}}</td></tr>
    {{/growth}}
    </table>
    <div class="kpi">Inclusiviteitsopslag<b>{{surcharge}}%</b><span class="note">{{surchargeSource}}</span></div>

    <h2>Werkgevers</h2>
    <div class="kpi">Werkgevers<b>{{employers}}</b></div>
    <div class="kpi">Quotumplichtig<b>{{liable}}</b></div>
    <div class="kpi">Met quotumtekort<b>{{shortfall}}</b></div>
    <div class="kpi">Quotumheffing (wet 2015)<b>€ {{levyTotal}}</b></div>
    <div class="kpi">Opslag (vereenvoudigd)<b>€ {{surchargeTotal}}</b></div>
    <div class="kpi">LKV<b>€ {{lkvTotal}}</b></div>
    <div class="kpi">Bonus<b>€ {{bonusTotal}}</b></div>

    <h2>Hoogste quotumheffing (wet van 2015)</h2>
    <table>
    <tr><th>Werkgever</th><th>Naam</th><th>Sector</th><th class="n">Tekort (banen)</th><th class="n">Heffing</th></tr>
    {{#byLevy}}<tr><td>{{id}}</td><td>{{name}}</td><td>{{sector}}</td><td class="n">{{shortfall}}</td><td class="n">€ {{levy}}</td></tr>
    {{/byLevy}}
    {{^byLevy}}<tr><td colspan="5">Geen werkgever betaalt quotumheffing.</td></tr>{{/byLevy}}
    </table>

    <h2>Grootste netto bonus (vereenvoudigde regeling)</h2>
    <table>
    <tr><th>Werkgever</th><th>Naam</th><th>Sector</th><th class="n">LKV</th><th class="n">Bonus</th><th class="n">Opslag</th><th class="n">Netto</th></tr>
    {{#byNet}}<tr><td>{{id}}</td><td>{{name}}</td><td>{{sector}}</td><td class="n">€ {{lkv}}</td><td class="n">€ {{bonus}}</td><td class="n">€ {{surcharge}}</td><td class="n">€ {{net}}</td></tr>
    {{/byNet}}
    {{^byNet}}<tr><td colspan="7">Geen werkgever heeft een positief netto resultaat.</td></tr>{{/byNet}}
    </table>

    <h2>Invoer en aansluiting</h2>
    <table>
    <tr><th>Bestand</th><th class="n">Gelezen</th><th class="n">Geaccepteerd</th><th class="n">Afgewezen</th><th class="n">Buiten het jaar</th><th>Sluit aan</th></tr>
    {{#counts}}<tr><td>{{file}}</td><td class="n">{{read}}</td><td class="n">{{accepted}}</td><td class="n">{{rejected}}</td><td class="n">{{outside}}</td><td>{{ok}}</td></tr>
    {{/counts}}
    </table>
    {{#rejectedAny}}<p class="note">De afgewezen regels staan met bestand, regel, kolom en reden in <code>rejected.csv</code>.</p>{{/rejectedAny}}
    </body>
    </html>
    """
}
