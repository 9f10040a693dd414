import BanenafspraakBatch
import BanenafspraakCore
import Foundation

/// Several reforms against one baseline (policy simulation: docs/contracts-internal.md): `summary.json` and `report.html` side by side, plus the
/// files of sweeps and break-even searches.
public enum SimulationComparison {
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
        var rows: [[String]] = [["hervorming", "opbrengst basis", "opbrengst hervorming", "uitbetaald basis", "uitbetaald hervorming",
                                 "verschil", "vooruit", "achteruit", "gelijk", "loonaangifte opnieuw gelezen"]]
        for (o, _) in outcomes {
            let g = SimulationOutputs.gainLoss(o).all
            let s = o.reform.options.scheme, bs = o.reform.options.effectiveBaselineScheme
            rows.append([o.reform.name, SimulationReport.euro(o.baselineTotals.revenue(bs)), SimulationReport.euro(o.reformTotals.revenue(s)),
                         SimulationReport.euro(o.baselineTotals.payouts(bs)), SimulationReport.euro(o.reformTotals.payouts(s)),
                         SimulationReport.euro(o.totalDifference), String(g.gain), String(g.lose), String(g.equal), o.rescanned ? "ja" : "nee"])
        }
        var html = """
        <!DOCTYPE html>
        <html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Beleidssimulatie: \(outcomes.count) hervormingen</title>
        <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}table{border-collapse:collapse}
        th,td{border:1px solid #999;padding:.2rem .5rem;text-align:right}th[scope=row],caption{text-align:left}</style></head><body><main>
        <h1>Beleidssimulatie: \(outcomes.count) hervormingen tegen dezelfde basis (\(simulator.baseline.year))</h1>
        <p>Elke hervorming is apart tegen dezelfde basis doorgerekend; de details staan in de map van elke hervorming.</p>
        """
        html += SimulationReport.table("Hervormingen naast elkaar", rows)
        html += "<p>\(SimulationReport.csvLink("hervormingen.csv", rows))</p><ul>"
        for (o, folder) in outcomes {
            html += "<li><a href=\"\(HTMLText.escape(folder))/report.html\">\(HTMLText.escape(o.reform.name))</a></li>"
        }
        html += "</ul></main></body></html>\n"
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
