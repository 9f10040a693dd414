import BanenafspraakBatch
import BanenafspraakCore

/// `report.html` of a simulation (policy simulation: docs/contracts-internal.md), in Dutch: sentences built from the figures, the parameters that moved
/// with their sources, the per-parameter split, and charts in inline SVG. Each chart has its data as a table
/// beside it (also for screen readers) and as a CSV download. No script and no file from outside.
public enum SimulationReport {
    /// `€ 1.234,56` (Dutch notation for readers; the CSV and JSON keep the contract notation).
    public static func euro(_ c: Cents) -> String { DutchNumber.euro(c) }

    static func number(_ n: Int) -> String { DutchNumber.count(n) }

    /// A CSV download as a data URI (percent-encoded): RFC 4180 (a cell with a comma, quote or line break is
    /// quoted), and no cell a spreadsheet could read as a formula (``SpreadsheetCell``).
    static func csvLink(_ name: String, _ rows: [[String]]) -> String {
        let text = rows.map { $0.map { SpreadsheetCell.csvField($0) }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        var encoded = ""
        for b in text.utf8 {
            if (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 46 || b == 95 {
                encoded.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                let hex = String(b, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return "<a download=\"\(name)\" href=\"data:text/csv;charset=utf-8,\(encoded)\">Download de gegevens (CSV)</a>"
    }

    static func table(_ caption: String, _ rows: [[String]]) -> String {
        var s = "<table><caption>\(HTMLText.escape(caption))</caption><thead><tr>"
        for h in rows[0] { s += "<th scope=\"col\">\(HTMLText.escape(h))</th>" }
        s += "</tr></thead><tbody>"
        for r in rows.dropFirst() {
            s += "<tr>"
            for (i, c) in r.enumerated() { s += i == 0 ? "<th scope=\"row\">\(HTMLText.escape(c))</th>" : "<td>\(HTMLText.escape(c))</td>" }
            s += "</tr>"
        }
        return s + "</tbody></table>"
    }

    static let width: Int64 = 420

    /// Horizontal bars, one per label, scaled to the largest magnitude (integer geometry).
    static func bars(_ id: String, _ title: String, _ items: [(label: String, value: Int64, text: String, colour: String)]) -> String {
        let maxValue = max(items.map { $0.value.magnitude }.max() ?? 1, 1)
        let rowHeight = 26
        let h = items.count * rowHeight + 10
        var s = "<svg role=\"img\" aria-labelledby=\"\(id)\" viewBox=\"0 0 760 \(h)\" width=\"760\" height=\"\(h)\"><title id=\"\(id)\">\(HTMLText.escape(title))</title>"
        for (i, item) in items.enumerated() {
            let y = 5 + i * rowHeight
            let w = Int64(item.value.magnitude) * width / Int64(maxValue)
            s += "<text x=\"0\" y=\"\(y + 17)\" font-size=\"13\">\(HTMLText.escape(item.label))</text>"
            s += "<rect x=\"230\" y=\"\(y + 4)\" width=\"\(w)\" height=\"18\" fill=\"\(item.colour)\"\(item.value < 0 ? " fill-opacity=\"0.55\" stroke=\"#222\" stroke-dasharray=\"3 2\"" : "")/>"
            s += "<text x=\"\(236 + w)\" y=\"\(y + 17)\" font-size=\"12\">\(HTMLText.escape(item.text))</text>"
        }
        return s + "</svg>"
    }

    /// Stacked bars of gain / equal / lose per group, each bar the group's share (integer geometry).
    static func stacked(_ id: String, _ title: String, _ groups: [(label: String, gl: GainLoss)]) -> String {
        let rowHeight = 28
        let h = groups.count * rowHeight + 34
        var s = "<svg role=\"img\" aria-labelledby=\"\(id)\" viewBox=\"0 0 760 \(h)\" width=\"760\" height=\"\(h)\"><title id=\"\(id)\">\(HTMLText.escape(title))</title>"
        for (i, g) in groups.enumerated() {
            let y = 5 + i * rowHeight
            let total = Int64(max(g.gl.gain + g.gl.equal + g.gl.lose, 1))
            let wg = Int64(g.gl.gain) * width / total, we = Int64(g.gl.equal) * width / total, wl = Int64(g.gl.lose) * width / total
            s += "<text x=\"0\" y=\"\(y + 17)\" font-size=\"13\">\(HTMLText.escape(g.label))</text>"
            s += "<rect x=\"230\" y=\"\(y + 4)\" width=\"\(wg)\" height=\"20\" fill=\"#2a7d3f\"/>"
            s += "<rect x=\"\(230 + wg)\" y=\"\(y + 4)\" width=\"\(we)\" height=\"20\" fill=\"#b8b8b8\"/>"
            s += "<rect x=\"\(230 + wg + we)\" y=\"\(y + 4)\" width=\"\(wl)\" height=\"20\" fill=\"#b3261e\"/>"
            s += "<text x=\"\(236 + width)\" y=\"\(y + 18)\" font-size=\"12\">+\(g.gl.gain) / =\(g.gl.equal) / -\(g.gl.lose)</text>"
        }
        let ly = groups.count * rowHeight + 20
        s += "<rect x=\"230\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" fill=\"#2a7d3f\"/><text x=\"246\" y=\"\(ly)\" font-size=\"12\">vooruit</text>"
        s += "<rect x=\"320\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" fill=\"#b8b8b8\"/><text x=\"336\" y=\"\(ly)\" font-size=\"12\">gelijk</text>"
        s += "<rect x=\"400\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" fill=\"#b3261e\"/><text x=\"416\" y=\"\(ly)\" font-size=\"12\">achteruit</text>"
        return s + "</svg>"
    }

    static func figure(_ heading: String, svg: String, rows: [[String]], csvName: String) -> String {
        "<section><h2>\(HTMLText.escape(heading))</h2><figure>\(svg)<figcaption>\(HTMLText.escape(heading))</figcaption></figure>"
            + table("Gegevens: \(heading)", rows) + "<p>\(csvLink(csvName, rows))</p></section>"
    }

    /// The sentences at the top of the report, built from the figures.
    public static func sentences(_ o: ReformOutcome) -> [String] {
        let scheme = o.reform.options.scheme
        let baseScheme = o.reform.options.effectiveBaselineScheme
        var s: [String] = []
        let d = o.totalDifference
        if scheme == .law2015 && baseScheme == .law2015 {
            if d.rawValue > 0 { s.append("Werkgevers betalen samen \(euro(d)) minder quotumheffing: de hervorming kost de schatkist \(euro(d)).") }
            else if d.rawValue < 0 { s.append("Werkgevers betalen samen \(euro(-d)) meer quotumheffing: de hervorming levert de schatkist \(euro(-d)) op.") }
            else { s.append("Werkgevers betalen samen precies evenveel quotumheffing als in de basis: de hervorming is budgetneutraal.") }
        } else if d.rawValue > 0 {
            s.append("Werkgevers ontvangen samen \(euro(d)) meer dan in de basis: de hervorming kost de schatkist \(euro(d)).")
        } else if d.rawValue < 0 {
            s.append("Werkgevers ontvangen samen \(euro(-d)) minder dan in de basis: de hervorming levert de schatkist \(euro(-d)) op.")
        } else {
            s.append("Werkgevers ontvangen samen precies evenveel als in de basis: de hervorming is budgetneutraal.")
        }
        if scheme == baseScheme {
            s.append("Wat telt is het resultaat onder de \(scheme.dutchName).")
        } else {
            s.append("De basis telt onder de \(baseScheme.dutchName), de hervorming onder de \(scheme.dutchName).")
        }
        let g = SimulationOutputs.gainLoss(o)
        s.append("\(number(g.all.gain)) werkgevers gaan erop vooruit, \(number(g.all.lose)) gaan erop achteruit en \(number(g.all.equal)) blijven gelijk.")
        let b = o.baselineTotals, r = o.reformTotals
        if scheme == .law2015 && baseScheme == .law2015 {
            s.append("De opbrengst van de quotumheffing gaat van \(euro(b.levy)) naar \(euro(r.levy)).")
        } else {
            s.append("De opbrengst gaat van \(euro(b.revenue(baseScheme))) naar \(euro(r.revenue(scheme))); de uitbetalingen aan LKV en bonus van \(euro(b.payouts(baseScheme))) naar \(euro(r.payouts(scheme))).")
        }
        if b.liable != r.liable {
            s.append("Het aantal quotumplichtige werkgevers gaat van \(number(b.liable)) naar \(number(r.liable)).")
        }
        if let worst = SizeClass.allCases.max(by: { (g.sizeClass[$0.rawValue]?.lose ?? 0) < (g.sizeClass[$1.rawValue]?.lose ?? 0) }),
           let n = g.sizeClass[worst.rawValue]?.lose, n > 0 {
            s.append("De meeste werkgevers die erop achteruitgaan zitten in de klasse ‘\(worst.dutchName)’ (\(number(n))).")
        }
        if o.rescanned {
            s.append("Deze hervorming wijzigt een regel die per loonregel werkt (\(o.perLineChanges.map { String($0.prefix { $0 != ":" }) }.joined(separator: "; "))); de loonaangifte is daarom opnieuw gelezen.")
        } else {
            s.append("Deze hervorming is doorgerekend op de totalen per werkgever, zonder de loonaangifte opnieuw te lezen.")
        }
        return s
    }

    public static func html(_ o: ReformOutcome, summary: JSONValue) -> String {
        let scheme = o.reform.options.scheme
        let baseScheme = o.reform.options.effectiveBaselineScheme
        var h = """
        <!DOCTYPE html>
        <html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Beleidssimulatie: \(HTMLText.escape(o.reform.name))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#111}
        table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #999;padding:.2rem .5rem;text-align:right}
        th[scope=row],caption{text-align:left}svg{max-width:100%;height:auto}.warn{background:#fff3cd;padding:.5rem}
        .missing{color:#b3261e;font-weight:bold}pre{white-space:pre-wrap;font-size:.8rem;background:#f4f4f4;padding:.5rem}</style>
        </head><body><main>
        <h1>Beleidssimulatie: \(HTMLText.escape(o.reform.name))</h1>
        <p>\(HTMLText.escape(o.reform.description))</p>
        <p>Jaar \(o.baseline.year). Basis: de parameters zoals ze gelden, onder de \(baseScheme.dutchName). Hervorming: onder de \(scheme.dutchName).</p>
        <section><h2>In het kort</h2><ul>
        """
        for sentence in sentences(o) { h += "<li>\(HTMLText.escape(sentence))</li>" }
        h += "</ul></section>"
        if !o.warnings.isEmpty {
            h += "<section class=\"warn\" role=\"note\"><h2>Waarschuwingen</h2><ul>"
            for w in o.warnings { h += "<li>\(HTMLText.escape(w.dutch))</li>" }
            h += "</ul></section>"
        }

        // Parameters that moved.
        var paramRows: [[String]] = [["parameter", "basis", "bron basis", "hervorming", "bron hervorming"]]
        if case .array(let items)? = summary["parameters"] {
            for item in items {
                guard case .string(let id)? = item["id"] else { continue }
                func text(_ side: String, _ key: String) -> String {
                    if case .string(let v)? = item[side]?[key] { return v }
                    return "geen waarde"
                }
                var reformSource = text("reform", "source")
                if reformSource == Reform.missingSource { reformSource = "bron ontbreekt" }
                paramRows.append([id, text("baseline", "value"), text("baseline", "source"), text("reform", "value"), reformSource])
            }
        }
        if let regime = o.reform.options.regimeRegister {
            paramRows.append(["optie regime_register", o.baseline.regime.rawValue, "Wfsv art. 38b", regime.rawValue, "Kamerstukken II 2022/23, 34 352, nr. 281 (actielijn 1)"])
        }
        h += "<section><h2>Wat de hervorming verandert</h2>"
        if paramRows.count > 1 {
            var t = table("Parameters in \(o.baseline.year): oude en nieuwe waarde met bron", paramRows)
            t = t.replacingOccurrences(of: "<td>bron ontbreekt</td>", with: "<td class=\"missing\">bron ontbreekt</td>")
            h += t
        } else {
            h += "<p>De hervorming zet geen parameter.</p>"
        }
        h += "</section>"

        // Split.
        if !o.split.isEmpty {
            var rows: [[String]] = [["stap (in deze volgorde toegepast)", "verschil", "heffing", "opslag", "LKV", "bonus", "netto", "werkgevers geraakt"]]
            for s in o.split {
                rows.append([s.label, euro(s.difference), euro(s.totals.levy), euro(s.totals.surcharge), euro(s.totals.lkv),
                             euro(s.totals.bonus), euro(s.totals.net), number(s.employersChanged)])
            }
            rows.append(["totaal", euro(o.totalDifference), euro(o.reformTotals.levy - o.baselineTotals.levy),
                         euro(o.reformTotals.surcharge - o.baselineTotals.surcharge), euro(o.reformTotals.lkv - o.baselineTotals.lkv),
                         euro(o.reformTotals.bonus - o.baselineTotals.bonus), euro(o.reformTotals.net - o.baselineTotals.net), ""])
            h += "<section><h2>Verandering per parameter</h2><p>Elke stap telt op bij de stappen ervoor; de stappen tellen exact op tot het totaal.</p>"
                + table("Verandering per parameter, in de volgorde van toepassing", rows) + "<p>\(csvLink("split.csv", rows))</p></section>"
        }

        // Chart 1: distribution of the differences.
        let counts = SimulationOutputs.bandCounts(o)
        var bandRows: [[String]] = [["verschil per werkgever", "werkgevers"]]
        var bandItems: [(label: String, value: Int64, text: String, colour: String)] = []
        for (band, n) in zip(SimulationOutputs.bands, counts) {
            bandRows.append([band.dutch, String(n)])
            let colour = band.key.hasPrefix("lose") ? "#b3261e" : band.key.hasPrefix("gain") ? "#2a7d3f" : "#888888"
            bandItems.append((band.dutch, Int64(n), number(n), colour))
        }
        h += figure("Verdeling van de verschillen", svg: bars("c1", "Aantal werkgevers per verschil in euro", bandItems), rows: bandRows,
                    csvName: "verschillen.csv")

        // Charts 2 and 3: winners and losers by size class and by sector.
        let g = SimulationOutputs.gainLoss(o)
        var sizeRows: [[String]] = [["grootteklasse", "vooruit", "gelijk", "achteruit"]]
        var sizeGroups: [(label: String, gl: GainLoss)] = []
        for c in SizeClass.allCases {
            let gl = g.sizeClass[c.rawValue]!
            sizeRows.append([c.dutchName, String(gl.gain), String(gl.equal), String(gl.lose)])
            sizeGroups.append((c.dutchName, gl))
        }
        h += figure("Vooruit en achteruit per grootteklasse", svg: stacked("c2", "Werkgevers vooruit, gelijk en achteruit per grootteklasse", sizeGroups),
                    rows: sizeRows, csvName: "grootteklasse.csv")
        var sectorRows: [[String]] = [["sector", "vooruit", "gelijk", "achteruit"]]
        var sectorGroups: [(label: String, gl: GainLoss)] = []
        for sector in Sector.allCases {
            let gl = g.sector[sector.rawValue]!
            sectorRows.append([sector.rawValue, String(gl.gain), String(gl.equal), String(gl.lose)])
            sectorGroups.append((sector.rawValue, gl))
        }
        h += figure("Vooruit en achteruit per sector", svg: stacked("c3", "Werkgevers vooruit, gelijk en achteruit per sector", sectorGroups),
                    rows: sectorRows, csvName: "sector.csv")

        // By region: a table (35 regions make no readable chart).
        var regionRows: [[String]] = [["arbeidsmarktregio", "vooruit", "gelijk", "achteruit"]]
        for key in g.region.keys.sorted() {
            let gl = g.region[key]!
            regionRows.append([key, String(gl.gain), String(gl.equal), String(gl.lose)])
        }
        h += "<section><h2>Vooruit en achteruit per arbeidsmarktregio</h2>" + table("Werkgevers per arbeidsmarktregio", regionRows)
            + "<p>\(csvLink("regio.csv", regionRows))</p></section>"

        // Chart 4: totals side by side.
        let b = o.baselineTotals, r = o.reformTotals
        let totals: [(String, Cents, Cents)] = [("quotumheffing", b.levy, r.levy), ("opslag", b.surcharge, r.surcharge), ("LKV", b.lkv, r.lkv),
                                                ("bonus", b.bonus, r.bonus), ("overdrachten", b.transfers, r.transfers), ("netto", b.net, r.net)]
        var totalRows: [[String]] = [["post", "basis", "hervorming"]]
        var totalItems: [(label: String, value: Int64, text: String, colour: String)] = []
        for (label, x, y) in totals {
            totalRows.append([label, x.description, y.description])
            totalItems.append(("\(label), basis", x.rawValue, euro(x), "#5b7fa6"))
            totalItems.append(("\(label), hervorming", y.rawValue, euro(y), "#e08a1e"))
        }
        h += figure("Totalen naast elkaar", svg: bars("c4", "Totalen van basis en hervorming (gestreept: negatief)", totalItems),
                    rows: totalRows, csvName: "totalen.csv")

        // Receipt.
        if let receipt = summary["receipt"] {
            h += "<section><h2>Bewijs van berekening</h2><p>De hashes van de invoer en van de parameters, de versie, de opdracht en de hervorming zelf: een herhaling geeft dezelfde centen.</p><pre>\(HTMLText.escape(receipt.rendered()))</pre></section>"
        }
        h += "</main></body></html>\n"
        return h
    }
}
