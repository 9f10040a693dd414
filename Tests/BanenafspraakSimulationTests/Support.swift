import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakGenerate
import BanenafspraakParameters
@testable import BanenafspraakSimulation
import Foundation

/// Shared data for the simulation tests: a generated `tiny` year and the example reforms of `reforms/`.
enum SimulationFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let reformsDirectory = repository.appendingPathComponent("reforms")
    static let exampleReforms: [String] = (try? FileManager.default.contentsOfDirectory(atPath: reformsDirectory.path))?
        .filter { $0.hasSuffix(".json") }.sorted() ?? []

    static func tempDir(_ label: String) -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("sim-\(label)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    /// A generated `tiny` year (seed 11), with the manifest's suggested quotum percentages.
    static let tiny: (dir: URL, quotaPercent: [Quotum: BasisPoints]) = {
        let dir = tempDir("tiny")
        _ = try! SyntheticDataGenerator.generate(GeneratorOptions(scale: .tiny, year: 2024, seed: 11, outputDirectory: dir.path))
        let manifest = try! JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("manifest.json"))) as! [String: Any]
        var q: [Quotum: BasisPoints] = [:]
        for (k, v) in manifest["quota_percent"] as! [String: String] { q[Quotum(rawValue: k)!] = BasisPoints(v)! }
        return (dir, q)
    }()

    /// The hand-computed end-to-end fixture `hand10` (its inputs include routes of the widened register).
    static let hand10: (dir: URL, quotaPercent: [Quotum: BasisPoints]) = (
        repository.appendingPathComponent("Tests/BanenafspraakEndToEndTests/Fixtures/hand10/input"),
        [.markt: BasisPoints("11.17")!, .overheid: BasisPoints("5.97")!, .combined: BasisPoints("3.33")!])

    static func dataset(_ name: String) -> (dir: URL, quotaPercent: [Quotum: BasisPoints]) { name == "hand10" ? hand10 : tiny }

    static func quotaOptions(_ dir: URL, quotaPercent: [Quotum: BasisPoints], parameters: ParameterSet) -> QuotaOptions {
        var o = QuotaOptions(year: 2024, inputDirectory: dir.path, outputDirectory: nil, parameters: parameters)
        o.quotaPercentOverrides = quotaPercent
        return o
    }

    static func loadReform(_ name: String, base: ParameterSet) throws -> Reform {
        try ReformLoader.load(path: reformsDirectory.appendingPathComponent(name).path, base: base)
    }

    /// Parses a CSV with a header and no quoted fields into rows keyed by column name.
    static func rows(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }
}

extension SimulationBaseline {
    /// As the CLI's `simulate --in`: one quota pass, then the baseline with the payroll pipeline's reread.
    static func fromCSV(_ options: QuotaOptions) throws -> (baseline: SimulationBaseline, result: QuotaResult) {
        var quiet = options
        quiet.outputDirectory = nil
        let result = try QuotaRun.run(quiet)
        let baseline = try fromCSV(result, inputDirectory: options.inputDirectory, parameters: options.parameters,
                                   quotaPercentOverrides: options.quotaPercentOverrides, surchargeOverride: options.surchargeOverride,
                                   rescan: QuotaRun.rescan(quiet))
        return (baseline, result)
    }
}
