import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest
import Foundation
import BanenafspraakPresentation

/// The readable Dutch report of a quota run (`report.html`): growth path (over the years of sibling runs when
/// there are any), activation, percentages, opslag, charts with their data tables, the largest levies and net
/// bonuses, retention and regional figures, rejections by reason, and what produced the report.
/// Every number is in Dutch notation (`€ 1.234,56`); the CSV and JSON outputs keep the contract notation.
enum ReportHTML {
    static func render(_ r: QuotaResult, history: [GrowthHistory.Point] = []) throws -> String {
        Templates.render(view(r, history: history.isEmpty ? [GrowthHistory.point(r)] : history), template: "run-report")
    }

    static func dutch(_ s: String) -> String { DutchNumber.format(s) }
    static func euro(_ c: Cents) -> String { DutchNumber.euro(c) }
    static func jobs(_ hundredths: Int64) -> String { DutchNumber.format(units: hundredths, scale: 2) }
    static func share(_ n: Int, _ d: Int) -> String {
        d == 0 ? "–" : DutchNumber.format(units: FixedPoint.narrow(FixedPoint.roundDivide(Int128(n) * 1000, Int128(d))), scale: 1) + "%"
    }

    static let reasons: [RejectionCode: String] = [
        .fieldCount: "verkeerd aantal velden", .requiredEmpty: "verplicht veld leeg", .malformed: "onleesbare waarde",
        .outOfRange: "waarde buiten het toegestane bereik", .negative: "negatieve waarde", .unknownEmployer: "onbekende werkgever",
        .hirerIsEmployer: "inlener is de werkgever zelf", .duplicate: "dubbele regel (de eerste geldige telt)",
        .fromAfterUntil: "begindatum na einddatum", .percentSumOver100: "percentages samen boven 100",
    ]

    /// What the `run-report` template shows; every number already in Dutch notation.
    struct View {
        /// A sentence in a paragraph of its own (`{{text}}`).
        struct Note {
            var text: String
        }

        /// One quotum (markt, overheid, combined): the growth path, the percentage and where it came from.
        struct Growth {
            var name, hours, realised, target, gap, activation, regime, percent, source: String
        }

        struct GrowthRow {
            var year, markt, marktTarget, overheid, overheidTarget, total, totalTarget: String
        }

        struct SectorRow {
            var sector, liable, levy, surcharge: String
        }

        struct ShortfallRow {
            var bucket, count: String
        }

        struct Employer {
            var id, name, sector, levy, shortfall, surcharge, lkv, bonus, transfersIn, transfersOut, net: String
        }

        struct FileCounts {
            var file, read, accepted, rejected, outside, ok: String
        }

        struct Rejection {
            var file, code, reason, count: String
        }

        struct Retention {
            struct Row {
                var route, p1, p2, every, gone: String
            }

            struct Region {
                var region, q1, q2, q3, q4, kept, gained, lost: String
            }

            var rows: [Row]
            var permanentP1: String
            var permanentP2: String
            var regions: [Region]
        }

        /// The published calculation of one quotum percentage (Wfsv art. 38f lid 2).
        struct Berekening {
            struct Variable {
                var name, law, value, source: String
            }

            var name: String
            var variables: [Variable]
            var numerator, denominator, before, after, used: String
        }

        /// The legal calendar of a run seen at a date (spec section 13).
        struct Calendar {
            struct Comparison {
                var label, a, b: String
            }

            var asOf, payrollAfter, superseded, registerAfter: String
            var hasComparison: Bool
            var comparison: [Comparison]
        }

        struct Receipt {
            var name, hash: String
        }

        var year: String
        var regime: String
        var growth: [Growth]
        var surcharge: String
        var surchargeSource: String
        var employers, liable, shortfall: String
        var levyTotal, surchargeTotal, lkvTotal, bonusTotal, transfersTotal: String
        var byLevy: [Employer]
        var byNet: [Employer]
        var counts: [FileCounts]
        var rejectedAny: Bool
        var rejections: [Rejection]
        var warnings: [Note]
        /// Data smaller than national.
        var sampleNote: Note?
        /// Years before 2026 have no activation statement.
        var activation2026: Note?
        var growthChart: String
        var growthRows: [GrowthRow]
        var growthYears: String
        var sectorChart: String
        var sectorRows: [SectorRow]
        var shortfallChart: String
        var shortfallRows: [ShortfallRow]
        var retention: Retention?
        var engineVersion, producedAt, input: String
        var overrides: [String]
        var receipts: [Receipt]
        var berekening: [Berekening]
        /// Only a run seen at a date has the section.
        var calendar: Calendar?
        var noReceipts: Bool
    }

    static func view(_ r: QuotaResult, history: [GrowthHistory.Point]) -> View {
        let growth: [View.Growth] = Quotum.allCases.map { key in
            let m = r.measurement[key]!
            return View.Growth(
                name: key.dutchName,
                hours: dutch(m.hoursDecember.description),
                realised: jobs(m.extraJobsHundredths),
                target: DutchNumber.count(m.target),
                gap: jobs(m.target * 100 - m.extraJobsHundredths),
                activation: m.activationIndicated ? "ja" : "nee",
                regime: key == .combined ? "vereenvoudigde regeling" : "wet van 2015",
                percent: DutchNumber.percent(r.percentages.percent[key]!),
                source: { () -> String in
                    switch r.percentages.provenance[key] {
                    case .override: return "opgegeven (--quota-percent)"
                    case .manifest(let path): return "uit \(path) (voorstel van de generator)"
                    case .published(let p): return "gepubliceerd (\(DutchExplanationText.text(p.value.source)))"
                    default: return "berekend (Wfsv art. 38f lid 1)"
                    }
                }())
        }
        let ids = r.employers.ids
        func row(_ e: Int) -> View.Employer {
            let f = r.figures[e]
            return View.Employer(
                id: ids.string(Int32(e)), name: r.employers.names[e], sector: r.employers.sector[e].rawValue,
                levy: euro(f.levy), shortfall: dutch(Quotumtekort.format(f.shortfallTenths)),
                surcharge: euro(f.surcharge), lkv: euro(f.lkv), bonus: euro(f.bonus),
                transfersIn: euro(f.transfersIn), transfersOut: euro(f.transfersOut), net: euro(f.net))
        }
        let byLevy = (0..<r.figures.count).filter { r.figures[$0].levy.rawValue > 0 }
            .sorted { r.figures[$0].levy != r.figures[$1].levy ? r.figures[$0].levy > r.figures[$1].levy : $0 < $1 }
            .prefix(20).map(row)
        let byNet = (0..<r.figures.count).filter { r.figures[$0].net.rawValue > 0 }
            .sorted { r.figures[$0].net != r.figures[$1].net ? r.figures[$0].net > r.figures[$1].net : $0 < $1 }
            .prefix(20).map(row)
        let counts: [View.FileCounts] = InputFile.allCases.map { file in
            let c = r.counts[file] ?? RowCounts()
            return View.FileCounts(file: file.rawValue, read: DutchNumber.count(c.read), accepted: DutchNumber.count(c.accepted),
                                   rejected: DutchNumber.count(c.rejected), outside: file == .payroll ? DutchNumber.count(c.outsideYear) : "–",
                                   ok: c.reconciles ? "ja" : "NEE")
        }
        var rejections: [View.Rejection] = []
        for file in InputFile.allCases {
            for code in RejectionCode.allCases {
                guard let n = r.rejectionsByCode[file]?[code], n > 0 else { continue }
                rejections.append(View.Rejection(file: file.rawValue, code: code.rawValue, reason: reasons[code] ?? code.rawValue, count: DutchNumber.count(n)))
            }
        }
        let liable = r.figures.filter(\.liable)
        let total = { (k: KeyPath<EmployerFigures, Cents>) in euro(r.figures.reduce(Cents.zero) { $0 + $1[keyPath: k] }) }

        // Charts, each with its table.
        let years = history.map { String($0.year) }
        let growthChart = SVGChart.lines(
            title: "Extra banen tegen het groeipad (totaal)", categories: years,
            series: [SVGChart.Series(name: "gerealiseerd", color: "#1f5fa8", values: history.map { $0.realised[.combined] ?? 0 }),
                     SVGChart.Series(name: "groeipad", color: "#d07a00", values: history.map { ($0.target[.combined] ?? 0) * 100 })],
            label: { jobs($0 / 100 * 100).replacingOccurrences(of: ",00", with: "") })
        let growthRows: [View.GrowthRow] = history.map { p in
            View.GrowthRow(year: String(p.year),
                           markt: jobs(p.realised[.markt] ?? 0), marktTarget: DutchNumber.count(p.target[.markt] ?? 0),
                           overheid: jobs(p.realised[.overheid] ?? 0), overheidTarget: DutchNumber.count(p.target[.overheid] ?? 0),
                           total: jobs(p.realised[.combined] ?? 0), totalTarget: DutchNumber.count(p.target[.combined] ?? 0))
        }
        var levyBySector: [Int64] = [0, 0], surchargeBySector: [Int64] = [0, 0], liableBySector = [0, 0]
        for (e, f) in r.figures.enumerated() {
            let s = r.employers.sector[e] == .markt ? 0 : 1
            levyBySector[s] += f.levy.rawValue
            surchargeBySector[s] += f.surcharge.rawValue
            if f.liable { liableBySector[s] += 1 }
        }
        let sectorChart = SVGChart.bars(
            title: "Quotumheffing en opslag per sector", categories: Sector.allCases.map(\.rawValue),
            series: [SVGChart.Series(name: "quotumheffing (wet van 2015)", color: "#a83232", values: levyBySector),
                     SVGChart.Series(name: "opslag (vereenvoudigd)", color: "#4a7f3a", values: surchargeBySector)],
            label: { euro(Cents($0 / 100 * 100)).replacingOccurrences(of: ",00", with: "") })
        let sectorRows: [View.SectorRow] = [0, 1].map { s in
            View.SectorRow(sector: Sector.allCases[s].rawValue, liable: DutchNumber.count(liableBySector[s]),
                           levy: euro(Cents(levyBySector[s])), surcharge: euro(Cents(surchargeBySector[s])))
        }
        // Shortfall distribution over liable employers (tenths of a job).
        let buckets: [(String, Int64, Int64)] = [("0", 0, 0), ("0,1–0,9", 1, 9), ("1–1,9", 10, 19), ("2–4,9", 20, 49),
                                                 ("5–9,9", 50, 99), ("10–49,9", 100, 499), ("50 en meer", 500, Int64.max)]
        var bucketCounts = [Int64](repeating: 0, count: buckets.count)
        for f in liable {
            if let i = buckets.firstIndex(where: { f.shortfallTenths >= $0.1 && f.shortfallTenths <= $0.2 }) { bucketCounts[i] += 1 }
        }
        let shortfallChart = SVGChart.bars(
            title: "Quotumplichtige werkgevers naar quotumtekort (banen)", categories: buckets.map(\.0),
            series: [SVGChart.Series(name: "aantal werkgevers", color: "#1f5fa8", values: bucketCounts)],
            label: { DutchNumber.count($0) })
        let shortfallRows = buckets.indices.map { View.ShortfallRow(bucket: buckets[$0].0, count: DutchNumber.count(bucketCounts[$0])) }

        // Retention and regional figures (Kamerstukken I 2016/17, 33 981, N: duurzaamheid; factsheets per regio).
        let retention = r.retention.map { t in
            func retentionRow(_ x: RetentionFigures.Row) -> View.Retention.Row {
                View.Retention.Row(route: x.route == "all" ? "alle routes" : x.route, p1: DutchNumber.count(x.workingP1),
                                   p2: share(x.workingP2, x.workingP1), every: share(x.everyQuarter, x.workingP1), gone: share(x.noLongerWorking, x.workingP1))
            }
            let regions = Set(t.regional.map(\.region)).sorted().map { region in
                let q = (1...4).map { quarter in t.regional.first { $0.region == region && $0.quarter == quarter } }
                let last = q[3]
                return View.Retention.Region(
                    region: Arbeidsmarktregio.code(region),
                    q1: DutchNumber.count(q[0]?.working ?? 0), q2: DutchNumber.count(q[1]?.working ?? 0),
                    q3: DutchNumber.count(q[2]?.working ?? 0), q4: DutchNumber.count(last?.working ?? 0),
                    kept: DutchNumber.count(last?.kept ?? 0), gained: DutchNumber.count(last?.gained ?? 0), lost: DutchNumber.count(last?.lost ?? 0))
            }
            return View.Retention(rows: [retentionRow(t.overall)] + t.byRoute.map(retentionRow),
                                  permanentP1: share(Int(t.permanentHoursP1.permanent.rawValue), Int(t.permanentHoursP1.total.rawValue)),
                                  permanentP2: share(Int(t.permanentHoursP2.permanent.rawValue), Int(t.permanentHoursP2.total.rawValue)),
                                  regions: regions)
        }

        // Sample data: smaller than national, or percentages that had to be supplied for that reason.
        let national = r.figures.count >= 200_000
        let sampleNote = national ? nil : "Deze gegevens zijn kleiner dan landelijk (\(DutchNumber.count(r.figures.count)) werkgevers; landelijk zijn het er ongeveer 450.000). De meting van extra banen telt de uren van deze gegevens tegen de landelijke nulmeting van december 2012 en het landelijke groeipad: realisatie, achterstand en activering betekenen alleen iets op landelijke schaal. De werkgeverscijfers volgen wel precies de regels, met de opgegeven percentages."

        var overrides: [String] = []
        for key in Quotum.allCases {
            switch r.percentages.provenance[key] {
            case .override: overrides.append("--quota-percent \(key)=\(r.percentages.percent[key]!)")
            case .manifest(let path): overrides.append("quotumpercentage \(key) \(DutchNumber.percent(r.percentages.percent[key]!)) uit \(path)")
            default: break
            }
        }
        if r.surchargeProvenance == .override { overrides.append("--surcharge-percent \(r.surchargeRate)") }
        if r.regime == .widened { overrides.append("--regime-register widened") }
        if let p = r.run.parametersFile { overrides.append("--params \(p)") }

        return View(
            year: String(r.year),
            regime: r.regime == .current ? "huidig register" : "verbreed register (voorstel, Kamerstukken II 2022/23, 34 352, nr. 281)",
            growth: growth,
            surcharge: DutchNumber.surcharge(r.surchargeRate),
            surchargeSource: r.surchargeProvenance == .override ? "opgegeven (--surcharge-percent)" : "berekend (Kamerbrief vereenvoudiging banenafspraak, 2019)",
            employers: DutchNumber.count(r.figures.count),
            liable: DutchNumber.count(liable.count),
            shortfall: DutchNumber.count(liable.filter { $0.shortfallTenths > 0 }.count),
            levyTotal: total(\.levy), surchargeTotal: total(\.surcharge), lkvTotal: total(\.lkv), bonusTotal: total(\.bonus),
            transfersTotal: total(\.transfersOut),
            byLevy: Array(byLevy), byNet: Array(byNet), counts: counts,
            rejectedAny: r.counts.values.contains { $0.rejected > 0 },
            rejections: rejections,
            warnings: RunGuards.plausibilityWarnings(r).map { View.Note(text: $0.dutch) },
            sampleNote: sampleNote.map(View.Note.init),
            activation2026: QuotaActivation(r.parameters).map { View.Note(text: $0.sentences.joined(separator: " ")) },
            growthChart: growthChart, growthRows: growthRows,
            growthYears: history.count > 1 ? "\(history.first!.year)–\(history.last!.year)" : String(r.year),
            sectorChart: sectorChart, sectorRows: sectorRows,
            shortfallChart: shortfallChart, shortfallRows: shortfallRows,
            retention: retention,
            engineVersion: r.run.engineVersion, producedAt: r.run.producedAt, input: r.run.inputDirectory,
            overrides: overrides.isEmpty ? ["geen: alle percentages berekend of gepubliceerd, de parameters van de repository"] : overrides,
            receipts: r.run.receiptHashes.map { View.Receipt(name: $0.name, hash: $0.hash) },
            berekening: QuotumPercentageBerekening.sectors(r).map { s in
                View.Berekening(
                    name: s.key.dutchName,
                    variables: s.variables.map { View.Berekening.Variable(name: $0.name, law: $0.law, value: DutchNumber.rewriteNumbers(in: $0.value),
                                                                          source: DutchExplanationText.text($0.source)) },
                    numerator: s.numerator.map { DutchNumber.rewriteNumbers(in: $0) } ?? "–", denominator: s.denominator.map { DutchNumber.rewriteNumbers(in: $0) } ?? "–",
                    before: s.beforeRounding.map { dutch($0) + "%" } ?? "niet te berekenen (B niet getabelleerd)",
                    after: s.afterRounding.map { dutch($0) + "%" } ?? "–",
                    used: DutchNumber.percent(r.percentages.percent[s.key]!))
            },
            calendar: calendarView(r),
            noReceipts: r.run.receiptHashes.isEmpty)
    }

    /// The legal calendar's lines of the report (spec section 13), `nil` without one.
    static func calendarView(_ r: QuotaResult) -> View.Calendar? {
        guard let c = r.calendar else { return nil }
        let p = r.counts[.payroll] ?? RowCounts(), g = r.counts[.register] ?? RowCounts()
        let stage = c.stage.map { $0 == .voorlopig ? " (voorlopig, Wtl art. 4.1)" : " (definitief, Wfsv art. 38e lid 3)" } ?? ""
        return View.Calendar(asOf: c.asOf.map { "loonaangiften en correcties ontvangen tot en met \($0)" + stage } ?? "alle regels, ongeacht de ontvangstdatum",
                             payrollAfter: DutchNumber.count(p.afterCutoff), superseded: DutchNumber.count(p.superseded),
                             registerAfter: DutchNumber.count(g.afterCutoff), hasComparison: r.stageComparison != nil,
                             comparison: (r.stageComparison ?? []).map { View.Calendar.Comparison(label: $0.label, a: $0.a, b: $0.b) })
    }
}
