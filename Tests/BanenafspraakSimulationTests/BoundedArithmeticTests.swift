import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakParameters
@testable import BanenafspraakSimulation
import Foundation
import Testing

/// No parameter value, however large, makes the arithmetic trap: values are bounded by their unit, and what
/// bounded values can still do on extreme data is an error naming the parameter (issue 24).
@Suite("bounded parameters and exact arithmetic")
struct BoundedArithmeticTests {
    static let base = try! ParameterFiles.loadDefault()

    static func reform(_ id: String, _ value: String) -> Data {
        Data(#"{"name": "groot", "parameters": [{"id": "\#(id)", "values": [{"value": "\#(value)", "valid_from": "2024-01-01"}]}]}"#.utf8)
    }

    @Test("a reform value beyond its unit's bound is an error at its JSON path", arguments: [
        ("simplified.bonus_hourly", "9999999999999999.99"), ("quota.small_employer_threshold", "1000000000.01"),
        ("quota.published_percent.overheid", "1000.01"), ("quota.jobs_due.markt", "1000000001"),
    ])
    func reformBound(_ id: String, _ value: String) throws {
        let error = #expect(throws: ReformLoadError.self) { try ReformLoader.parse(data: Self.reform(id, value), file: "r.json", base: Self.base) }
        #expect(error?.issues.map(\.path) == ["$.parameters[0].values[0].value"])
        #expect(error?.description.contains("above the bound") == true)
    }

    @Test("a --params value beyond its unit's bound names the file and the parameter")
    func paramsBound() throws {
        let data = Data(#"{"parameters": [{"id": "simplified.bonus_hourly", "unit": "money", "values": [{"value": "9999999999999999.99", "valid_from": "2024-01-01", "source": "t"}]}]}"#.utf8)
        let error = #expect(throws: ParameterFileError.self) { try ParameterFiles.parse(data: data, file: "p.json") }
        #expect(error?.description.contains("p.json: parameter simplified.bonus_hourly") == true)
        #expect(error?.description.contains("beyond the bound of unit money") == true)
    }

    @Test("a sweep grid beyond the bound is refused")
    func sweepBound() throws {
        let target = try SweepTarget("simplified.bonus_hourly", parameters: Self.base)
        #expect(throws: SimulationError.self) { try SweepGrid("1.00:9999999999999999.99:1000000000000000.00", target: target) }
    }

    @Test("the largest bounded hourly amount on a country's hours is an error naming the parameter, not a trap")
    func overflowNamesParameter() throws {
        var set = Self.base
        set.insert(Parameter(id: "simplified.bonus_hourly", unit: .money, description: "",
                             values: [ParameterValue(value: ParameterUnit.money.maximum, validFrom: LocalDate("2024-01-01")!, validUntil: nil, source: "t", status: .proposal)]))
        let params = try QuotaParameters(year: 2024, from: set)
        let hours = CentiHours(1_000_000_000_000)  // ten billion hours at one employer
        let totals = QuotaAssessment.EmployerTotals(sector: .markt, hoursTotal: hours, hoursA: hours, hoursC: hours,
                                                    premiumBase: Cents(100), targetGroupHours: [hours])
        let error = #expect(throws: QuotaRunError.self) {
            try EmployerAssessment.estimate(totals, year: 2024, parameters: params, quotaPercent: BasisPoints(276), surchargePercent: MilliPercent(412))
        }
        #expect(error?.message.contains("arithmetic overflow: the bonus") == true)
        #expect(error?.message.contains("simplified.bonus_hourly = 1000000000.00") == true)
        // One euro an hour on the same hours is computed.
        set.insert(Parameter(id: "simplified.bonus_hourly", unit: .money, description: "",
                             values: [ParameterValue(value: 100, validFrom: LocalDate("2024-01-01")!, validUntil: nil, source: "t", status: .proposal)]))
        let ok = try EmployerAssessment.estimate(totals, year: 2024, parameters: QuotaParameters(year: 2024, from: set),
                                                 quotaPercent: BasisPoints(276), surchargePercent: MilliPercent(412))
        #expect(ok.figures.bonus == Cents(1_000_000_000_000))
    }

    @Test("the analysts' simulation service: an unbounded value is a reform error, the largest bounded one is computed or refused by name")
    func service() throws {
        let t = SimulationFixtures.dataset("hand10")
        let (baseline, _) = try SimulationBaseline.fromCSV(SimulationFixtures.quotaOptions(t.dir, quotaPercent: t.quotaPercent, parameters: Self.base))
        func summary(_ value: String) throws -> JSONValue {
            try SimulationService.summary(aggregates: baseline.aggregates, parameters: Self.base, quotaPercentOverrides: t.quotaPercent,
                                          surchargeOverride: nil, reformJSON: Self.reform("simplified.bonus_hourly", value),
                                          inputs: .object([]), command: "test")
        }
        #expect(throws: ReformLoadError.self) { try summary("9999999999999999.99") }
        // €1,000,000,000.00 an hour on hand10's hours is large but exact.
        guard case .object(let fields) = try summary("1000000000.00") else { Issue.record("no summary"); return }
        #expect(fields.contains { $0.0 == "difference" })
    }

    @Test("a parameter set built in code with an unbounded value is refused when resolved")
    func resolvedBound() throws {
        var set = Self.base
        set.insert(Parameter(id: "quota.levy_per_job", unit: .money, description: "",
                             values: [ParameterValue(value: 999_999_999_999_999_999, validFrom: LocalDate("2024-01-01")!, validUntil: nil, source: "t", status: .proposal)]))
        let error = #expect(throws: ParameterError.self) { try QuotaParameters(year: 2024, from: set) }
        #expect(error?.parameter == "quota.levy_per_job")
    }

    @Test("--solve on a goal the total never crosses says there is no solution, not the low end")
    func solveWithoutSolution() throws {
        let t = SimulationFixtures.dataset("hand10")
        let (baseline, _) = try SimulationBaseline.fromCSV(SimulationFixtures.quotaOptions(t.dir, quotaPercent: t.quotaPercent, parameters: Self.base))
        let simulator = try Simulator(baseline)
        let target = try SweepTarget("quota.levy_per_job", parameters: Self.base)
        // The bonus does not depend on the levy: it is above 0 over the whole range and never comes down to 0.
        let error = #expect(throws: SimulationError.self) {
            try simulator.solve(.empty(), target: target, low: 0, high: 1_000_000, metric: "bonus", goal: .zero)
        }
        #expect(error?.message.contains("no solution in this range") == true)
    }
}

/// Replays the reform fuzzer's seeds and every input it found a problem with (fuzz/reform/seeds,
/// fuzz/reform/regressions) with the harness's invariants: a reform error names its problems, and a loaded reform
/// is assessed on an ordinary employer and one of a country's size, or refused by an error naming a parameter.
@Suite("reform fuzz corpus replay")
struct ReformCorpusReplay {
    static let folder = SimulationFixtures.repository.appendingPathComponent("fuzz/reform")
    static let inputs: [String] = ["seeds", "regressions"].flatMap { dir in
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(dir).path)) ?? []).sorted().map { "\(dir)/\($0)" }
    }
    static let employers: [QuotaAssessment.EmployerTotals] = [
        .init(sector: .markt, hoursTotal: CentiHours(5_000_000), hoursA: CentiHours(4_800_000), hoursC: CentiHours(60_000),
              premiumBase: Cents(250_000_000), targetGroupHours: [CentiHours(132_600), CentiHours(40_000)]),
        .init(sector: .overheid, hoursTotal: CentiHours(1_000_000_000_000), hoursA: CentiHours(1_000_000_000_000),
              hoursC: CentiHours(10_000_000_000), premiumBase: Cents(9_000_000_000_000), targetGroupHours: [CentiHours(1_000_000_000_000)]),
    ]

    @Test("every seed and regression loads or fails by name, and assesses or fails naming a parameter", arguments: inputs)
    func replay(_ name: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let reform: Reform
        do { reform = try ReformLoader.parse(data: data, file: name, base: BoundedArithmeticTests.base) } catch let e as ReformLoadError {
            #expect(!e.issues.isEmpty)
            return
        }
        for year in [2016, 2024] {
            guard let parameters = try? QuotaParameters(year: year, from: BoundedArithmeticTests.base.overriding(with: reform.parameters)) else { continue }
            for totals in Self.employers {
                do {
                    _ = try EmployerAssessment.estimate(totals, year: year, parameters: parameters,
                                                        quotaPercent: BasisPoints(276), surchargePercent: MilliPercent(412))
                } catch let e as QuotaRunError {
                    #expect(e.message.hasPrefix("arithmetic overflow: ") && e.message.contains(" = "), "\(e)")
                }
            }
        }
    }
}
