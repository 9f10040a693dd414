import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakStore
import Foundation

/// The contract outputs of a simulation (policy simulation: docs/contracts-internal.md): `employers.csv` and `summary.json`.
public enum SimulationOutputs {
    /// The figures that appear as `<name>_baseline,<name>_reform` pairs, in this order.
    public static let pairedFigures: [EmployerFigures.Column] = [.liable, .requiredHours, .shortfallJobs, .levy, .surcharge, .lkv, .bonus,
                                                                 .transfersOut, .transfersIn, .net]

    /// The `employers.csv` header (contract).
    public static let employersHeader = (["employer_id", "sector", "region", "size_class"]
        + pairedFigures.flatMap { ["\($0.rawValue)_baseline", "\($0.rawValue)_reform"] } + ["difference"]).joined(separator: ",")

    /// The rows of `employers.csv`, header first, each ending in a newline.
    public static func employersCSV(_ outcome: ReformOutcome) -> String {
        String(decoding: employersCSVBytes(outcome), as: UTF8.self)
    }

    /// `employers.csv` as bytes, written with integer formatting straight into one preallocated buffer.
    public static func employersCSVBytes(_ outcome: ReformOutcome) -> [UInt8] {
        let header = Array(employersHeader.utf8)
        // Per row: an id of at most 32 bytes, sector, region and size class under 40, and 21 figures of at most
        // 22 bytes each (sign, 19 digits, point, comma).
        let capacity = header.count + 1 + outcome.rows.count * (32 + 40 + 21 * 22 + 1)
        var out = [UInt8](repeating: 0, count: capacity)
        let written = out.withUnsafeMutableBufferPointer { buffer -> Int in
            var i = 0
            func put(_ bytes: some Sequence<UInt8>) { for b in bytes { buffer[i] = b; i += 1 } }
            func fixed(_ v: Int64, _ scale: Int) {
                buffer[i] = 44; i += 1
                var m = v.magnitude
                if v < 0 { buffer[i] = 45; i += 1 }
                let start = i
                for _ in 0..<scale { buffer[i] = UInt8(truncatingIfNeeded: 48 + m % 10); i += 1; m /= 10 }
                if scale > 0 { buffer[i] = 46; i += 1 }
                repeat { buffer[i] = UInt8(truncatingIfNeeded: 48 + m % 10); i += 1; m /= 10 } while m > 0
                var lo = start, hi = i - 1
                while lo < hi { buffer.swapAt(lo, hi); lo += 1; hi -= 1 }
            }
            func bool(_ b: Bool) { put(b ? ",true".utf8 : ",false".utf8) }
            put(header); buffer[i] = 10; i += 1
            for row in outcome.rows {
                put(row.employerId.utf8)
                buffer[i] = 44; i += 1; put(row.sector.rawValue.utf8)
                buffer[i] = 44; i += 1
                put("AMR".utf8); buffer[i] = 48 + row.region / 10 % 10; buffer[i + 1] = 48 + row.region % 10; i += 2
                buffer[i] = 44; i += 1; put(row.sizeClass.rawValue.utf8)
                let b = row.baseline, r = row.reform
                bool(b.liable); bool(r.liable)
                fixed(b.requiredHours.rawValue, 2); fixed(r.requiredHours.rawValue, 2)
                fixed(b.shortfallTenths, 1); fixed(r.shortfallTenths, 1)
                fixed(b.levy.rawValue, 2); fixed(r.levy.rawValue, 2)
                fixed(b.surcharge.rawValue, 2); fixed(r.surcharge.rawValue, 2)
                fixed(b.lkv.rawValue, 2); fixed(r.lkv.rawValue, 2)
                fixed(b.bonus.rawValue, 2); fixed(r.bonus.rawValue, 2)
                fixed(b.transfersOut.rawValue, 2); fixed(r.transfersOut.rawValue, 2)
                fixed(b.transfersIn.rawValue, 2); fixed(r.transfersIn.rawValue, 2)
                fixed(b.net.rawValue, 2); fixed(r.net.rawValue, 2)
                fixed(row.difference.rawValue, 2)
                buffer[i] = 10; i += 1
            }
            return i
        }
        out.removeSubrange(written...)
        return out
    }

    /// The euro bands of the differences (in the manner of "winners and losers", on exact cents).
    public static let bands: [(key: String, dutch: String, contains: @Sendable (Int64) -> Bool)] = [
        ("lose_more_than_10000", "verlies meer dan € 10.000", { $0 < -1_000_000 }),
        ("lose_1000_to_10000", "verlies € 1.000 tot € 10.000", { $0 >= -1_000_000 && $0 < -100_000 }),
        ("lose_up_to_1000", "verlies tot € 1.000", { $0 >= -100_000 && $0 < 0 }),
        ("equal", "gelijk", { $0 == 0 }),
        ("gain_up_to_1000", "winst tot € 1.000", { $0 > 0 && $0 <= 100_000 }),
        ("gain_1000_to_10000", "winst € 1.000 tot € 10.000", { $0 > 100_000 && $0 <= 1_000_000 }),
        ("gain_more_than_10000", "winst meer dan € 10.000", { $0 > 1_000_000 }),
    ]

    public static func bandCounts(_ outcome: ReformOutcome) -> [Int] {
        var counts = [Int](repeating: 0, count: bands.count)
        for row in outcome.rows {
            if let i = bands.firstIndex(where: { $0.contains(row.difference.rawValue) }) { counts[i] += 1 }
        }
        return counts
    }

    /// Gain / lose / equal counts overall and grouped (one pass, no per-row strings).
    public static func gainLoss(_ outcome: ReformOutcome) -> (all: GainLoss, sector: [Sector: GainLoss], sizeClass: [SizeClass: GainLoss], region: [String: GainLoss]) {
        var all = GainLoss()
        var sector = [GainLoss](repeating: GainLoss(), count: Sector.allCases.count)
        var size = [GainLoss](repeating: GainLoss(), count: SizeClass.allCases.count)
        var region = [GainLoss](repeating: GainLoss(), count: 256)
        var seenRegion = [Bool](repeating: false, count: 256)
        for row in outcome.rows {
            all.add(row.difference)
            sector[row.sector == .markt ? 0 : 1].add(row.difference)
            switch row.sizeClass {
            case .belowThreshold: size[0].add(row.difference)
            case .upTo100Jobs: size[1].add(row.difference)
            case .upTo1000Jobs: size[2].add(row.difference)
            case .above1000Jobs: size[3].add(row.difference)
            }
            region[Int(row.region)].add(row.difference)
            seenRegion[Int(row.region)] = true
        }
        var sectors: [Sector: GainLoss] = [:], sizes: [SizeClass: GainLoss] = [:], regions: [String: GainLoss] = [:]
        for (i, s) in Sector.allCases.enumerated() { sectors[s] = sector[i] }
        for (i, c) in SizeClass.allCases.enumerated() { sizes[c] = size[i] }
        for r in 0..<256 where seenRegion[r] { regions[Arbeidsmarktregio.code(r)] = region[r] }
        return (all, sectors, sizes, regions)
    }

    static func json(_ g: GainLoss) -> JSONValue {
        .object([("gain", .integer(Int64(g.gain))), ("lose", .integer(Int64(g.lose))), ("equal", .integer(Int64(g.equal)))])
    }

    static func json(_ t: SimulationTotals, result: QuotaResult, scheme: ResultScheme) -> [(String, JSONValue)] {
        [
            ("levy", .string(t.levy.description)), ("surcharge", .string(t.surcharge.description)), ("lkv", .string(t.lkv.description)),
            ("bonus", .string(t.bonus.description)), ("transfers", .string(t.transfers.description)), ("net", .string(t.net.description)),
            ("liable", .integer(Int64(t.liable))), ("with_shortfall", .integer(Int64(t.withShortfall))),
            ("scheme", .string(scheme.rawValue)),
            ("revenue", .string(t.revenue(scheme).description)), ("payouts", .string(t.payouts(scheme).description)),
            ("regime_register", .string(result.regime.rawValue)),
            ("quota_percent", .object(Quotum.allCases.map { ($0.rawValue, .string(result.percentages.percent[$0]!.description)) })),
            ("combined_quotum", .bool(result.parameters.usesCombinedQuotum)),
            ("surcharge_percent", .string(result.surchargeRate.description)),
        ]
    }

    /// The parameters a reform sets, each with its old and new value for the year and their sources.
    public static func parameterChanges(_ outcome: ReformOutcome, baselineParameters: ParameterSet, year: Int) -> [JSONValue] {
        let january = LocalDate(year: year, month: 1, day: 1)!
        let reformSet = baselineParameters.overriding(with: outcome.reform.parameters)
        return outcome.reform.parameterOrder.map { id in
            let old = try? baselineParameters.resolve(id, on: january)
            let new = try? reformSet.resolve(id, on: january)
            func side(_ r: ResolvedParameter?) -> JSONValue {
                guard let r else { return .null }
                return .object([("value", .string(r.formatted)), ("source", .string(r.value.source)),
                                ("status", .string(r.value.status.rawValue))])
            }
            let missing = outcome.reform.values.filter { $0.parameter == id && $0.sourceMissing }.map(\.path)
            return .object([("id", .string(id)), ("baseline", side(old)), ("reform", side(new)),
                            ("source_missing", .array(missing.map { .string($0) }))])
        }
    }

    /// `summary.json` (contract keys `baseline`, `reform`, `employers`, `sector`, `size_class`, `region`; and more).
    public static func summaryJSON(_ outcome: ReformOutcome, simulator: Simulator, receipt: JSONValue) -> JSONValue {
        let scheme = outcome.reform.options.scheme
        let baseScheme = outcome.reform.options.effectiveBaselineScheme
        let g = gainLoss(outcome)
        let bandCounts = bandCounts(outcome)
        return .object([
            ("name", .string(outcome.reform.name)),
            ("description", .string(outcome.reform.description)),
            ("year", .integer(Int64(simulator.baseline.year))),
            ("scheme", .string(scheme.rawValue)),
            ("baseline_scheme", .string(baseScheme.rawValue)),
            ("baseline", .object(json(outcome.baselineTotals, result: outcome.baseline, scheme: baseScheme))),
            ("reform", .object(json(outcome.reformTotals, result: outcome.result, scheme: scheme))),
            ("difference", .string(outcome.totalDifference.description)),
            ("employers", json(g.all)),
            ("sector", .object(Sector.allCases.map { ($0.rawValue, json(g.sector[$0] ?? GainLoss())) })),
            ("size_class", .object(SizeClass.allCases.map { ($0.rawValue, json(g.sizeClass[$0] ?? GainLoss())) })),
            ("region", .object(g.region.keys.sorted().map { ($0, json(g.region[$0]!)) })),
            ("bands", .object(zip(bands, bandCounts).map { ($0.key, .integer(Int64($1))) })),
            ("rescan", .bool(outcome.rescanned)),
            ("per_line_changes", .array(outcome.perLineChanges.map { .string($0) })),
            ("parameters", .array(parameterChanges(outcome, baselineParameters: simulator.baseline.parameters, year: simulator.baseline.year))),
            ("parameter_split", .object([
                ("order", .string("each step adds its change on top of the steps before it, in this order: the scheme that counts, then the parameters in the order of the reform file, then the per-line rules")),
                ("steps", .array(outcome.split.map { s in
                    .object([
                        ("label", .string(s.label)), ("parameters", .array(s.parameters.map { .string($0) })),
                        ("difference", .string(s.difference.description)),
                        ("levy", .string(s.totals.levy.description)), ("surcharge", .string(s.totals.surcharge.description)),
                        ("lkv", .string(s.totals.lkv.description)), ("bonus", .string(s.totals.bonus.description)),
                        ("transfers", .string(s.totals.transfers.description)), ("net", .string(s.totals.net.description)),
                        ("employers_changed", .integer(Int64(s.employersChanged))),
                    ])
                })),
            ])),
            ("warnings", .array(outcome.warnings.map { .object([("code", .string($0.code.rawValue)), ("message", .string($0.message))]) })),
            ("missing_sources", .array(outcome.reform.valuesWithoutSource.map { .string($0.path) })),
            ("receipt", receipt),
        ])
    }

    /// The receipt (policy simulation: docs/contracts-internal.md): input hashes, effective parameter hashes, engine version, the exact command and the
    /// reform itself. No clock time, so that a rerun gives identical files.
    public static func receipt(_ outcome: ReformOutcome, simulator: Simulator, command: String) -> JSONValue {
        let b = simulator.baseline
        return .object([
            ("engine_version", .string(SimulationEngine.version)),
            ("command", .string(command)),
            ("inputs", b.inputs),
            ("flags", .object([
                ("year", .integer(Int64(b.year))),
                ("regime_register", .string(b.aggregates.regime.rawValue)),
                ("quota_percent", .object(b.quotaPercentOverrides.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .string($0.value.description)) })),
                ("surcharge_percent", b.surchargeOverride.map { .string($0.description) } ?? .null),
            ])),
            ("parameters_sha256", .object([
                ("baseline", .string(Hashing.sha256(parameters: b.parameters))),
                ("reform", .string(Hashing.sha256(parameters: simulator.parameterSet(of: outcome.reform)))),
            ])),
            ("reform_sha256", .string(outcome.reform.sha256)),
            ("reform", outcome.reform.json),
        ])
    }

    /// Writes `employers.csv`, `summary.json` and `report.html` into `directory`.
    public static func write(_ outcome: ReformOutcome, simulator: Simulator, command: String, to directory: String) throws {
        let dir = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let receipt = receipt(outcome, simulator: simulator, command: command)
        let summary = summaryJSON(outcome, simulator: simulator, receipt: receipt)
        try Data(employersCSVBytes(outcome)).write(to: dir.appendingPathComponent("employers.csv"), options: .atomic)
        try summary.rendered().write(to: dir.appendingPathComponent("summary.json"), atomically: true, encoding: .utf8)
        try SimulationReport.html(outcome, summary: summary).write(to: dir.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
    }
}

/// The engine version written into receipts.
public enum SimulationEngine {
    public static var version: String { EngineVersion.current }
}

/// The summary of one reform against stored aggregates, for analysts (`POST /api/v1/runs/{run}/simulations`, server: docs/contracts-internal.md):
/// the same JSON as `summary.json`. A reform that changes a per-line rule throws ``SimulationError`` (the payroll is
/// not at hand); a bad reform throws ``ReformLoadError`` with every problem and its JSON path.
public enum SimulationService {
    public static func summary(aggregates: QuotaAggregates, parameters: ParameterSet, quotaPercentOverrides: [Quotum: BasisPoints],
                               surchargeOverride: MilliPercent?, reformJSON: Data, inputs: JSONValue, command: String) throws -> JSONValue {
        let reform = try ReformLoader.parse(data: reformJSON, file: "reform", base: parameters)
        let simulator = try Simulator(SimulationBaseline(aggregates: aggregates, parameters: parameters,
                                                         quotaPercentOverrides: quotaPercentOverrides,
                                                         surchargeOverride: surchargeOverride, rescan: nil, inputs: inputs))
        let outcome = try simulator.run(reform)
        return SimulationOutputs.summaryJSON(outcome, simulator: simulator,
                                             receipt: SimulationOutputs.receipt(outcome, simulator: simulator, command: command))
    }
}
