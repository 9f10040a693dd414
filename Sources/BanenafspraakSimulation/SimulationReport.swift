import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakPresentation

/// `report.html` of a simulation (policy simulation: docs/contracts-internal.md), in Dutch and in the look of the run
/// report (the `simulation-report` template of BanenafspraakPresentation): sentences built from the figures, the
/// parameters that moved with their sources, the per-parameter split, and charts in inline SVG. Each chart has its
/// data as a table beside it (in Dutch notation, also for screen readers) and as a CSV download (in the contract
/// notation). No script and no file from outside.
public enum SimulationReport {
    /// `€ 1.234,56` (Dutch notation for readers; the CSV and JSON keep the contract notation).
    public static func euro(_ c: Cents) -> String { DutchNumber.euro(c) }

    static func number(_ n: Int) -> String { DutchNumber.count(n) }

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
        if let worst = SizeClass.allCases.max(by: { (g.sizeClass[$0]?.lose ?? 0) < (g.sizeClass[$1]?.lose ?? 0) }),
           let n = g.sizeClass[worst]?.lose, n > 0 {
            s.append("De meeste werkgevers die erop achteruitgaan zitten in de klasse ‘\(worst.dutchName)’ (\(number(n))).")
        }
        if o.rescanned {
            s.append("Deze hervorming wijzigt een regel die per loonregel werkt (\(o.perLineChanges.map { String($0.prefix { $0 != ":" }) }.joined(separator: "; "))); de loonaangifte is daarom opnieuw gelezen.")
        } else {
            s.append("Deze hervorming is doorgerekend op de totalen per werkgever, zonder de loonaangifte opnieuw te lezen.")
        }
        return s
    }

    /// What the `simulation-report` template shows.
    struct View {
        struct Download {
            var table: TableView
            var csv: CSVDownload
        }

        var name: String
        var description: String
        var intro: String
        var sentences: [String]
        var hasWarnings: Bool
        var warnings: [String]
        var parameters: TableView?
        var split: Download?
        var figures: [FigureView]
        var regions: Download
        var totals: FigureView
        var hasReceipt: Bool
        var receipt: String
    }

    public static func html(_ o: ReformOutcome, summary: JSONValue) -> String {
        Templates.render(view(o, summary: summary), template: "simulation-report")
    }

    static func view(_ o: ReformOutcome, summary: JSONValue) -> View {
        let scheme = o.reform.options.scheme
        let baseScheme = o.reform.options.effectiveBaselineScheme

        // Parameters that moved, with their sources; a value without one is marked.
        var paramRows: [[String]] = [["parameter", "basis", "bron basis", "hervorming", "bron hervorming"]]
        if case .array(let items)? = summary["parameters"] {
            for item in items {
                guard case .string(let id)? = item["id"] else { continue }
                func text(_ side: String, _ key: String) -> String {
                    if case .string(let v)? = item[side]?[key] { return v }
                    return "geen waarde"
                }
                paramRows.append([id, DutchNumber.format(text("baseline", "value")), text("baseline", "source"),
                                  DutchNumber.format(text("reform", "value")), text("reform", "source")])
            }
        }
        if let regime = o.reform.options.regimeRegister {
            paramRows.append(["optie regime_register", o.baseline.regime.rawValue, "Wfsv art. 38b", regime.rawValue, "Kamerstukken II 2022/23, 34 352, nr. 281 (actielijn 1)"])
        }
        var parameters: TableView?
        if paramRows.count > 1 {
            var t = TableView(caption: "Parameters in \(o.baseline.year): oude en nieuwe waarde met bron", paramRows)
            for r in t.rows.indices {
                for c in t.rows[r].cells.indices where t.rows[r].cells[c].text == Reform.missingSource { t.rows[r].cells[c].missing = true }
            }
            parameters = t
        }

        // Split.
        var split: View.Download?
        if !o.split.isEmpty {
            let header = ["stap (in deze volgorde toegepast)", "verschil", "heffing", "opslag", "LKV", "bonus", "netto", "werkgevers geraakt"]
            var shown = [header], data = [header]
            func add(_ label: String, _ money: [Cents], _ count: String) {
                shown.append([label] + money.map(euro) + [count == "" ? "" : DutchNumber.format(count)])
                data.append([label] + money.map(\.description) + [count])
            }
            for s in o.split {
                add(s.label, [s.difference, s.totals.levy, s.totals.surcharge, s.totals.lkv, s.totals.bonus, s.totals.net], String(s.employersChanged))
            }
            let b = o.baselineTotals, r = o.reformTotals
            add("totaal", [o.totalDifference, r.levy - b.levy, r.surcharge - b.surcharge, r.lkv - b.lkv, r.bonus - b.bonus, r.net - b.net], "")
            split = .init(table: TableView(caption: "Verandering per parameter, in de volgorde van toepassing", shown),
                          csv: CSVDownload(name: "split.csv", rows: data))
        }

        var figures: [FigureView] = []
        // Chart 1: distribution of the differences.
        let counts = SimulationOutputs.bandCounts(o)
        var bandShown: [[String]] = [["verschil per werkgever", "werkgevers"]], bandData = bandShown
        var bandItems: [(label: String, value: Int64, text: String, colour: String)] = []
        for (band, n) in zip(SimulationOutputs.bands, counts) {
            bandShown.append([band.dutch, number(n)])
            bandData.append([band.dutch, String(n)])
            let colour = band.key.hasPrefix("lose") ? "#b3261e" : band.key.hasPrefix("gain") ? "#2a7d3f" : "#888888"
            bandItems.append((band.dutch, Int64(n), number(n), colour))
        }
        figures.append(FigureView(heading: "Verdeling van de verschillen", svg: SVGChart.horizontalBars("c1", "Aantal werkgevers per verschil in euro", bandItems),
                                  shown: bandShown, data: bandData, csvName: "verschillen.csv"))

        // Charts 2 and 3: winners and losers by size class and by sector.
        let g = SimulationOutputs.gainLoss(o)
        func gainLossFigure(_ heading: String, _ id: String, _ title: String, _ column: String, _ groups: [(String, GainLoss)], _ csvName: String) -> FigureView {
            let header = [column, "vooruit", "gelijk", "achteruit"]
            return FigureView(
                heading: heading,
                svg: SVGChart.stacked(id, title, groups.map { ($0.0, SVGChart.GainEqualLose(gain: $0.1.gain, equal: $0.1.equal, lose: $0.1.lose)) }),
                shown: [header] + groups.map { [$0.0, number($0.1.gain), number($0.1.equal), number($0.1.lose)] },
                data: [header] + groups.map { [$0.0, String($0.1.gain), String($0.1.equal), String($0.1.lose)] }, csvName: csvName)
        }
        figures.append(gainLossFigure("Vooruit en achteruit per grootteklasse", "c2", "Werkgevers vooruit, gelijk en achteruit per grootteklasse", "grootteklasse",
                                      SizeClass.allCases.map { ($0.dutchName, g.sizeClass[$0] ?? GainLoss()) }, "grootteklasse.csv"))
        figures.append(gainLossFigure("Vooruit en achteruit per sector", "c3", "Werkgevers vooruit, gelijk en achteruit per sector", "sector",
                                      Sector.allCases.map { ($0.rawValue, g.sector[$0] ?? GainLoss()) }, "sector.csv"))

        // By region: a table (35 regions make no readable chart).
        let regionHeader = ["arbeidsmarktregio", "vooruit", "gelijk", "achteruit"]
        let regionKeys = g.region.keys.sorted()
        let regionShown = [regionHeader] + regionKeys.map { k in [k, number(g.region[k]!.gain), number(g.region[k]!.equal), number(g.region[k]!.lose)] }
        let regionData = [regionHeader] + regionKeys.map { k in [k, String(g.region[k]!.gain), String(g.region[k]!.equal), String(g.region[k]!.lose)] }

        // Chart 4: totals side by side.
        let b = o.baselineTotals, r = o.reformTotals
        let totals: [(String, Cents, Cents)] = [("quotumheffing", b.levy, r.levy), ("opslag", b.surcharge, r.surcharge), ("LKV", b.lkv, r.lkv),
                                                ("bonus", b.bonus, r.bonus), ("overdrachten", b.transfers, r.transfers), ("netto", b.net, r.net)]
        var totalItems: [(label: String, value: Int64, text: String, colour: String)] = []
        for (label, x, y) in totals {
            totalItems.append(("\(label), basis", x.rawValue, euro(x), "#5b7fa6"))
            totalItems.append(("\(label), hervorming", y.rawValue, euro(y), "#e08a1e"))
        }
        let totalHeader = ["post", "basis", "hervorming"]
        let totalsFigure = FigureView(heading: "Totalen naast elkaar", svg: SVGChart.horizontalBars("c4", "Totalen van basis en hervorming (gestreept: negatief)", totalItems),
                                      shown: [totalHeader] + totals.map { [$0.0, euro($0.1), euro($0.2)] },
                                      data: [totalHeader] + totals.map { [$0.0, $0.1.description, $0.2.description] }, csvName: "totalen.csv")

        let receipt = summary["receipt"]?.rendered()
        return View(
            name: o.reform.name, description: o.reform.description,
            intro: "Jaar \(o.baseline.year). Basis: de parameters zoals ze gelden, onder de \(baseScheme.dutchName). Hervorming: onder de \(scheme.dutchName).",
            sentences: sentences(o), hasWarnings: !o.warnings.isEmpty, warnings: o.warnings.map(\.dutch),
            parameters: parameters, split: split, figures: figures,
            regions: .init(table: TableView(caption: "Werkgevers per arbeidsmarktregio", regionShown), csv: CSVDownload(name: "regio.csv", rows: regionData)),
            totals: totalsFigure, hasReceipt: receipt != nil, receipt: receipt ?? "")
    }
}
