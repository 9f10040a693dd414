import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakPresentation
import Foundation

/// Several reforms against one baseline (policy simulation: docs/contracts-internal.md): `summary.json` and `report.html` side by side, plus the
/// files of sweeps and break-even searches.
public enum SimulationComparison {
    /// What the `simulation-comparison` template shows.
    struct ComparisonView {
        struct Reform {
            var name: String
            var folder: String
        }

        var count: Int
        var year: Int
        var table: TableView
        var csv: CSVDownload
        var reforms: [Reform]
    }

    /// One line of the comparison per reform.
    public static func row(_ o: ReformOutcome) -> [(String, JSONValue)] {
        let g = SimulationOutputs.gainLoss(o).all
        let scheme = o.reform.options.scheme, baseScheme = o.reform.options.effectiveBaselineScheme
        return [
            ("name", .string(o.reform.name)), ("scheme", .string(scheme.rawValue)), ("baseline_scheme", .string(baseScheme.rawValue)),
            ("revenue_baseline", .string(o.baselineTotals.revenue(baseScheme).description)),
            ("revenue_reform", .string(o.reformTotals.revenue(scheme).description)),
            ("payouts_baseline", .string(o.baselineTotals.payouts(baseScheme).description)),
            ("payouts_reform", .string(o.reformTotals.payouts(scheme).description)),
            ("difference", .string(o.totalDifference.description)),
            ("gain", .integer(Int64(g.gain))), ("lose", .integer(Int64(g.lose))), ("equal", .integer(Int64(g.equal))),
            ("rescan", .bool(o.rescanned)),
        ]
    }

    public static func write(_ outcomes: [(ReformOutcome, String)], simulator: Simulator, command: String, to directory: String) throws {
        let dir = URL(fileURLWithPath: directory)
        let json = JSONValue.object([
            ("year", .integer(Int64(simulator.baseline.year))),
            ("reforms", .array(outcomes.map { .object(row($0.0) + [("folder", .string($0.1))]) })),
            ("receipt", .object([("engine_version", .string(SimulationEngine.version)), ("command", .string(command)),
                                 ("inputs", simulator.baseline.inputs),
                                 ("parameters_sha256", .string(Hashing.sha256(parameters: simulator.baseline.parameters)))])),
        ])
        try json.rendered().write(to: dir.appendingPathComponent("summary.json"), atomically: true, encoding: .utf8)
        let header = ["hervorming", "opbrengst basis", "opbrengst hervorming", "uitbetaald basis", "uitbetaald hervorming",
                      "verschil", "vooruit", "achteruit", "gelijk", "loonaangifte opnieuw gelezen"]
        var shown = [header], data = [header]
        for (o, _) in outcomes {
            let g = SimulationOutputs.gainLoss(o).all
            let s = o.reform.options.scheme, bs = o.reform.options.effectiveBaselineScheme
            let money = [o.baselineTotals.revenue(bs), o.reformTotals.revenue(s), o.baselineTotals.payouts(bs), o.reformTotals.payouts(s), o.totalDifference]
            let tail = [o.rescanned ? "ja" : "nee"]
            shown.append([o.reform.name] + money.map(SimulationReport.euro) + [g.gain, g.lose, g.equal].map(DutchNumber.count) + tail)
            data.append([o.reform.name] + money.map(\.description) + [g.gain, g.lose, g.equal].map { String($0) } + tail)
        }
        let html = Templates.render(ComparisonView(
            count: outcomes.count, year: simulator.baseline.year,
            table: TableView(caption: "Hervormingen naast elkaar", shown), csv: CSVDownload(name: "hervormingen.csv", rows: data),
            reforms: outcomes.map { .init(name: $0.0.reform.name, folder: $0.1) }), template: "simulation-comparison")
        try html.write(to: dir.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
    }

    public static func sweepCSV(_ points: [SweepPoint], target: SweepTarget) -> String {
        var out = "\(target.name),levy,surcharge,lkv,bonus,transfers,net,difference,gain,lose,equal\n"
        for p in points {
            out += [target.format(p.value), p.totals.levy.description, p.totals.surcharge.description, p.totals.lkv.description,
                    p.totals.bonus.description, p.totals.transfers.description, p.totals.net.description, p.difference.description,
                    String(p.employers.gain), String(p.employers.lose), String(p.employers.equal)].joined(separator: ",") + "\n"
        }
        return out
    }

    public static func solveJSON(_ b: BreakEven, reform: Reform, command: String) -> JSONValue {
        .object([
            ("parameter", .string(b.target.name)), ("total", .string(b.metric)), ("goal", .string(b.goal.description)),
            ("value", .string(b.target.format(b.value))), ("total_at_value", .string(b.metricAtValue.description)),
            ("previous_value", b.previous.map { .string(b.target.format($0)) } ?? .null),
            ("total_at_previous_value", b.metricAtPrevious.map { .string($0.description) } ?? .null),
            ("evaluations", .integer(Int64(b.evaluations))),
            ("method", .string("exact bisection over the integer units of the parameter; value is the first that reaches the goal")),
            ("reform", reform.json), ("command", .string(command)), ("engine_version", .string(SimulationEngine.version)),
        ])
    }
}
