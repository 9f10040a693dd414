import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakIngest
import Foundation

extension SimulationBaseline {
    /// The input files a receipt hashes, in this order (collaborations.csv only when present).
    public static let inputFiles = ["employers.csv", "register.csv", "payroll.csv", "collaborations.csv"]

    /// A baseline from CSV files (`simulate --year T --in DIR`): one quota pass for the aggregates, the SHA-256 of
    /// each input file for the receipt, and a reread for reforms that change a per-line rule. `options` carries the
    /// flags of `quota`, which apply to baseline and reform alike.
    public static func fromCSV(_ options: QuotaOptions) throws -> (baseline: SimulationBaseline, result: QuotaResult) {
        var quiet = options
        quiet.outputDirectory = nil
        let result = try QuotaRun.run(quiet)
        guard let aggregates = result.aggregates else { throw SimulationError("the quota run kept no aggregates") }
        var hashes: [(String, JSONValue)] = []
        let dir = URL(fileURLWithPath: options.inputDirectory)
        for name in inputFiles {
            let path = dir.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            hashes.append((name, Hashing.sha256(file: path).map { .string($0) } ?? .null))
            // The bytes hashed are the bytes the run read: a file that changed since is refused.
            try result.inputStates[name]?.checkUnchanged(path: path, when: "between the run and the hashing of its receipt")
        }
        var rescanOptions = quiet
        rescanOptions.progress = nil
        rescanOptions.traceEmployer = nil
        let frozen = rescanOptions
        let rescan: @Sendable (RegisterRegime, ParameterSet) throws -> QuotaAggregates = { regime, parameters in
            var o = frozen
            o.regime = regime
            o.parameters = parameters
            guard let a = try QuotaRun.run(o).aggregates else { throw SimulationError("the quota run kept no aggregates") }
            return a
        }
        let baseline = SimulationBaseline(
            aggregates: aggregates, parameters: options.parameters, quotaPercentOverrides: options.quotaPercentOverrides,
            surchargeOverride: options.surchargeOverride, rescan: rescan,
            inputs: .object([("source", .string("csv")), ("directory", .string(options.inputDirectory)), ("sha256", .object(hashes))]))
        return (baseline, result)
    }
}
