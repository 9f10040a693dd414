import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakParameters
@testable import BanenafspraakSimulation
import Foundation
import Testing

@Suite("Policy simulation on generated data", .serialized)
struct SimulationTests {
    static let base = try! ParameterFiles.loadDefault()

    static func makeSimulator(_ dataset: String) -> Simulator {
        let t = SimulationFixtures.dataset(dataset)
        let (baseline, _) = try! SimulationBaseline.fromCSV(SimulationFixtures.quotaOptions(t.dir, quotaPercent: t.quotaPercent, parameters: base))
        return try! Simulator(baseline)
    }
    static let simulator = makeSimulator("tiny")
    static let hand10 = makeSimulator("hand10")
    static let datasets = ["tiny", "hand10"]

    /// `quota --params` with the reform's parameters (and `--regime-register` when it sets one), on the same inputs.
    static func quotaWithReform(_ file: URL, dataset: String) throws -> String {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        let paramsFile = SimulationFixtures.tempDir("params").appendingPathComponent("params.json")
        try JSONSerialization.data(withJSONObject: json["parameters"]!).write(to: paramsFile)
        let t = SimulationFixtures.dataset(dataset)
        var o = SimulationFixtures.quotaOptions(t.dir, quotaPercent: t.quotaPercent, parameters: try ParameterFiles.load(overridePath: paramsFile.path))
        if let regime = (json["options"] as? [String: Any])?["regime_register"] as? String { o.regime = RegisterRegime(rawValue: regime)! }
        let out = SimulationFixtures.tempDir("quota")
        o.outputDirectory = out.path
        try QuotaOutputs.write(try QuotaRun.run(o), to: out.path)
        return try String(contentsOf: out.appendingPathComponent("employers.csv"), encoding: .utf8)
    }

    @Test("each example reform's figures equal quota --params with that reform, column by column",
          arguments: SimulationFixtures.exampleReforms, datasets)
    func consistency(_ name: String, _ dataset: String) throws {
        let reform = try SimulationFixtures.loadReform(name, base: Self.base)
        let outcome = try (dataset == "hand10" ? Self.hand10 : Self.simulator).run(reform)
        let simulated = SimulationFixtures.rows(SimulationOutputs.employersCSV(outcome))
        let quota = SimulationFixtures.rows(try Self.quotaWithReform(SimulationFixtures.reformsDirectory.appendingPathComponent(name), dataset: dataset))
        let none = SimulationFixtures.tempDir("none").appendingPathComponent("none.json")
        try Data(#"{"name": "none", "parameters": {"parameters": []}}"#.utf8).write(to: none)
        let plain = SimulationFixtures.rows(try Self.quotaWithReform(none, dataset: dataset))
        #expect(simulated.count == quota.count && quota.count >= 10)
        for (s, (q, b)) in zip(simulated, zip(quota, plain)) {
            #expect(s["employer_id"] == q["employer_id"])
            for column in SimulationOutputs.pairedFigures.map(\.rawValue) {
                #expect(s["\(column)_reform"] == q[column], "\(name) \(q["employer_id"]!) \(column)")
                #expect(s["\(column)_baseline"] == b[column], "\(name) \(q["employer_id"]!) \(column) baseline")
            }
        }
        // The reform changes something on the hand-computed data, and the rescan happens exactly for the per-line reform.
        if dataset == "hand10" { #expect(outcome.rows.contains { $0.difference != .zero }) }
        #expect(outcome.rescanned == (reform.options.regimeRegister != nil))
    }

    @Test("a premium-cap reform is a per-line rule: it rereads, and equals quota --params; its split ends with the per-line step")
    func premiumCap() throws {
        let file = SimulationFixtures.tempDir("cap").appendingPathComponent("cap.json")
        try Data("""
        {"name": "lager maximumpremieloon", "parameters": {"parameters": [
          {"id": "simplified.bonus_hourly", "unit": "money", "values": [{"value": "4.00", "valid_from": "2024-01-01", "source": "t"}]},
          {"id": "premium.max_premieloon", "unit": "money", "values": [{"value": "30000.00", "valid_from": "2024-01-01", "source": "t"}]}]}}
        """.utf8).write(to: file)
        for dataset in Self.datasets {
            let simulator = dataset == "hand10" ? Self.hand10 : Self.simulator
            let reform = try ReformLoader.load(path: file.path, base: Self.base)
            let outcome = try simulator.run(reform)
            #expect(outcome.rescanned && outcome.perLineChanges.count == 1)
            let simulated = SimulationFixtures.rows(SimulationOutputs.employersCSV(outcome))
            let quota = SimulationFixtures.rows(try Self.quotaWithReform(file, dataset: dataset))
            for (s, q) in zip(simulated, quota) {
                for column in SimulationOutputs.pairedFigures.map(\.rawValue) { #expect(s["\(column)_reform"] == q[column], "\(dataset) \(q["employer_id"]!) \(column)") }
            }
            #expect(outcome.split.map(\.parameters.first) == ["simplified.bonus_hourly", "premium.max_premieloon"])
            #expect(outcome.split.reduce(Cents.zero) { $0 + $1.difference } == outcome.totalDifference)
            #expect(outcome.split[1].employersChanged > 0)
        }
    }

    @Test("levy, surcharge, LKV, bonus and transfers add up to net and to the difference, per employer and in the totals",
          arguments: SimulationFixtures.exampleReforms)
    func reconciles(_ name: String) throws {
        let reform = try SimulationFixtures.loadReform(name, base: Self.base)
        let outcome = try Self.simulator.run(reform)
        var sumDifference = Cents.zero
        for row in outcome.rows {
            for f in [row.baseline, row.reform] {
                #expect(f.net == f.lkv + f.bonus - f.transfersOut + f.transfersIn - f.surcharge)
            }
            let received = { (f: EmployerFigures, s: ResultScheme) in s == .law2015 ? -f.levy : f.net }
            #expect(row.difference == received(row.reform, reform.options.scheme) - received(row.baseline, reform.options.effectiveBaselineScheme))
            sumDifference += row.difference
        }
        #expect(sumDifference == outcome.totalDifference)
        let summary = SimulationOutputs.summaryJSON(outcome, simulator: Self.simulator, receipt: .null)
        for side in ["baseline", "reform"] {
            func c(_ k: String) -> Cents { guard case .string(let s)? = summary[side]?[k] else { return Cents(Int64.min) }; return Cents(s)! }
            let totals = side == "baseline" ? outcome.baselineTotals : outcome.reformTotals
            // Every transfer out is a transfer in of another employer of the same run.
            #expect(totals.transfers == totals.transfersIn)
            #expect(c("net") == c("lkv") + c("bonus") - c("transfers") + totals.transfersIn - c("surcharge"))
            #expect(c("net") == outcome.rows.reduce(Cents.zero) { $0 + (side == "baseline" ? $1.baseline.net : $1.reform.net) })
            #expect(c("levy") == outcome.rows.reduce(Cents.zero) { $0 + (side == "baseline" ? $1.baseline.levy : $1.reform.levy) })
        }
        guard case .string(let d)? = summary["difference"] else { Issue.record("no difference"); return }
        #expect(Cents(d)! == sumDifference)
        let g = outcome.rows.reduce(into: GainLoss()) { $0.add($1.difference) }
        #expect(summary["employers"] == .object([("gain", .integer(Int64(g.gain))), ("lose", .integer(Int64(g.lose))), ("equal", .integer(Int64(g.equal)))]))
        // The split adds up exactly.
        #expect(outcome.split.reduce(Cents.zero) { $0 + $1.difference } == outcome.totalDifference)
    }

    @Test("the per-parameter split follows the file order and adds up, on a reform of three parameters")
    func split() throws {
        let reform = try ReformLoader.parse(data: Data("""
        {"name": "drie", "parameters": [
          {"id": "simplified.bonus_hourly", "values": [{"value": "4.00", "valid_from": "2024-01-01", "source": "t"}]},
          {"id": "quota.small_employer_threshold", "values": [{"value": "50000.00", "valid_from": "2024-01-01", "source": "t"}]},
          {"id": "simplified.lkv_hourly", "values": [{"value": "1.50", "valid_from": "2024-01-01", "source": "t"}]}]}
        """.utf8), file: "t", base: Self.base)
        let outcome = try Self.simulator.run(reform)
        #expect(outcome.split.map(\.label) == ["simplified.bonus_hourly", "quota.small_employer_threshold", "simplified.lkv_hourly"])
        #expect(outcome.split.reduce(Cents.zero) { $0 + $1.difference } == outcome.totalDifference)
        #expect(outcome.split[0].totals.surcharge == .zero && outcome.split[0].totals.bonus.rawValue > 0)
        #expect(outcome.split[2].totals.lkv.rawValue > 0 && outcome.split[2].totals.bonus == .zero)
        #expect(outcome.split.allSatisfy { $0.employersChanged > 0 })
    }

    @Test("break-even: the surcharge rate at which a bonus of EUR 4.00 costs the treasury nothing, found exactly")
    func breakEven() throws {
        let reform = try SimulationFixtures.loadReform("bonus-4-per-hour.json", base: Self.base)
        let target = try SweepTarget("surcharge_percent", parameters: Self.base)
        let found = try Self.simulator.solve(reform, target: target, low: 0, high: 20_000, metric: "difference", goal: .zero)
        #expect(found.metricAtValue <= .zero)
        let previous = try #require(found.previous)
        #expect(previous == found.value - 1)
        #expect(try #require(found.metricAtPrevious) > .zero)
        // The same points through a sweep agree.
        let points = try Self.simulator.sweep(reform, target: target, grid: SweepGrid("\(target.format(previous)):\(target.format(found.value)):0.001", target: target))
        #expect(points.map(\.difference) == [found.metricAtPrevious!, found.metricAtValue])
        #expect(found.evaluations < 20)
    }

    @Test("a sweep over the levy moves the levy total in steps and never rereads")
    func sweep() throws {
        let target = try SweepTarget("quota.levy_per_job", parameters: Self.base)
        let points = try Self.simulator.sweep(.empty(), target: target, grid: SweepGrid("4000:6000:1000", target: target))
        #expect(points.map(\.value) == [400_000, 500_000, 600_000])
        #expect(points[1].totals.levy == SimulationTotals(Self.simulator.baselineResult.figures).levy)
        #expect(points[0].totals.levy < points[1].totals.levy && points[1].totals.levy < points[2].totals.levy)
        #expect(throws: SimulationError.self) { try SweepTarget("premium.max_premieloon", parameters: Self.base) }
    }

    @Test("warnings: a parameter no rule reads that year, and a reform that changes nobody")
    func warnings() throws {
        let reform = try ReformLoader.parse(data: Data("""
        {"name": "niets", "parameters": [
          {"id": "bonus.hours_per_job_year", "values": [{"value": "1400.00", "valid_from": "2015-01-01", "source": "t"}]},
          {"id": "simplified.bonus_hourly", "values": [{"value": "9.00", "valid_from": "2030-01-01", "source": "t"}]},
          {"id": "quota.levy_per_job", "values": [{"value": "5000.00", "valid_from": "2024-01-01", "source": "t"}]}]}
        """.utf8), file: "t", base: Self.base)
        let outcome = try Self.simulator.run(reform)
        let codes = outcome.warnings.map(\.code)
        #expect(codes.filter { $0 == .parameterNotRead }.count == 2)
        #expect(codes.contains(.noChange))
        #expect(outcome.warnings.contains { $0.message.hasPrefix("simplified.bonus_hourly") && $0.message.contains("do not cover 2024") })
        #expect(outcome.totalDifference == .zero)
    }

    @Test("a per-line reform on aggregates without the payroll is refused; one without is computed from the aggregates alone")
    func aggregatesOnly() throws {
        var baseline = Self.simulator.baseline
        baseline.rescan = nil
        let simulator = try Simulator(baseline)
        let widened = try SimulationFixtures.loadReform("widened-register.json", base: Self.base)
        #expect(throws: SimulationError.self) { try simulator.run(widened) }
        let cap = try ReformLoader.parse(data: Data("""
        {"name": "cap", "parameters": [{"id": "premium.max_premieloon", "values": [{"value": "60000.00", "valid_from": "2024-01-01"}]}]}
        """.utf8), file: "t", base: Self.base)
        #expect(try simulator.perLineChanges(cap).count == 1)
        #expect(throws: SimulationError.self) { try simulator.run(cap) }
        let bonus = try SimulationFixtures.loadReform("bonus-4-per-hour.json", base: Self.base)
        let a = try simulator.run(bonus), b = try Self.simulator.run(bonus)
        #expect(a.rows == b.rows)
        // The server's entry point gives the same summary from the aggregates and the reform's bytes.
        let bytes = try Data(contentsOf: SimulationFixtures.reformsDirectory.appendingPathComponent("bonus-4-per-hour.json"))
        let summary = try SimulationService.summary(aggregates: baseline.aggregates, parameters: Self.base,
                                                    quotaPercentOverrides: baseline.quotaPercentOverrides, surchargeOverride: nil,
                                                    reformJSON: bytes, inputs: .null, command: "api")
        #expect(summary["difference"] == .string(a.totalDifference.description))
    }

    @Test("the report is Dutch, has four charts each with a table and a CSV download, and marks a missing source")
    func report() throws {
        let reform = try ReformLoader.parse(data: Data("""
        {"name": "zonder bron", "description": "test", "parameters": [{"id": "quota.levy_per_job", "values": [{"value": "5500", "valid_from": "2024-01-01"}]}], "options": {"scheme": "law2015"}}
        """.utf8), file: "t", base: Self.base)
        let outcome = try Self.simulator.run(reform)
        let summary = SimulationOutputs.summaryJSON(outcome, simulator: Self.simulator, receipt: SimulationOutputs.receipt(outcome, simulator: Self.simulator, command: "x"))
        let html = SimulationReport.html(outcome, summary: summary)
        #expect(html.components(separatedBy: "<svg role=\"img\"").count - 1 == 4)
        #expect(html.components(separatedBy: "<figure>").count - 1 == 4)
        #expect(html.components(separatedBy: "data:text/csv").count - 1 >= 4)
        #expect(html.contains("class=\"missing\">bron ontbreekt"))
        #expect(html.contains("werkgevers gaan erop vooruit"))
        #expect(summary["missing_sources"] == .array([.string("$.parameters[0].values[0]")]))
        let levyUp = outcome.reformTotals.levy - outcome.baselineTotals.levy
        #expect(levyUp.rawValue > 0)
        #expect(html.contains("levert de schatkist \(SimulationReport.euro(levyUp)) op"))
        // The look of the run report (its style sheet), and every table in Dutch notation: the totals table shows
        // € 1.234,56 where its CSV keeps 1234.56, never the contract notation beside the Dutch one.
        #expect(html.contains("svg.chart { width: 100%"))
        let levy = outcome.reformTotals.levy
        #expect(html.contains("<td>\(SimulationReport.euro(levy))</td>"))
        #expect(!html.contains("<td>\(levy.description)</td>"))
        #expect(html.contains("<td>\(DutchNumber.format("5500.00"))</td>"), "the reform's value in Dutch notation")
    }
}
