import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest
import Foundation

extension SimulationBaseline {
    /// A baseline from a quota pass over CSV files (`simulate --year T --in DIR`): the pass's aggregates, the SHA-256
    /// of each input file for the receipt, and `rescan`, the reread for reforms that change a per-line rule. The pass
    /// and the reread are the payroll pipeline's (`QuotaRun` in Batch, called by the CLI); `parameters` and the
    /// overrides are the flags of `quota`, which apply to baseline and reform alike.
    public static func fromCSV(_ result: QuotaResult, inputDirectory: String, parameters: ParameterSet,
                               quotaPercentOverrides: [Quotum: BasisPoints], surchargeOverride: MilliPercent?,
                               rescan: @escaping Rescan) throws -> SimulationBaseline {
        guard let aggregates = result.aggregates else { throw SimulationError("the quota run kept no aggregates") }
        var hashes: [(String, JSONValue)] = []
        let dir = URL(fileURLWithPath: inputDirectory)
        // The receipt hashes the input files in the order of InputFile.allCases (collaborations.csv only when present).
        for file in InputFile.allCases {
            let path = dir.appendingPathComponent(file.rawValue).path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            hashes.append((file.rawValue, Hashing.sha256(file: path).map { .string($0) } ?? .null))
            // The bytes hashed are the bytes the run read: a file that changed since is refused.
            try result.inputStates[file]?.checkUnchanged(path: path, when: "between the run and the hashing of its receipt")
        }
        return SimulationBaseline(
            aggregates: aggregates, parameters: parameters, quotaPercentOverrides: quotaPercentOverrides,
            surchargeOverride: surchargeOverride, rescan: rescan,
            inputs: .object([("source", .string("csv")), ("directory", .string(inputDirectory)), ("sha256", .object(hashes))]))
    }
}
