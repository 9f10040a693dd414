import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakParameters
import BanenafspraakStore
import BanenafspraakStoreSQLite
import Foundation

/// Shared helpers: run a hand-computed fixture of the end-to-end tests and write it into a fresh store.
enum StoreTestSupport {
    static func fixtureURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BanenafspraakEndToEndTests/Fixtures").appendingPathComponent(name)
    }

    static func options(_ name: String, traceEmployer: String? = nil, keepLineDetail: Bool = true,
                        quotaPercent: [String: String]? = nil) throws -> QuotaOptions {
        let dir = fixtureURL(name)
        let args = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("args.json"))) as! [String: Any]
        var options = QuotaOptions(year: args["year"] as! Int, inputDirectory: dir.appendingPathComponent("input").path,
                                   outputDirectory: nil, parameters: try ParameterFiles.loadDefault())
        for (k, v) in quotaPercent ?? (args["quota_percent"] as? [String: String]) ?? [:] { options.quotaPercentOverrides[Quotum(rawValue: k)!] = BasisPoints(v)! }
        if let s = args["surcharge_percent"] as? String { options.surchargeOverride = MilliPercent(s)! }
        if let r = args["regime_register"] as? String { options.regime = RegisterRegime(rawValue: r)! }
        options.traceEmployer = traceEmployer
        options.keepLineDetail = keepLineDetail
        return options
    }

    static func record(_ result: QuotaResult, options: QuotaOptions, store: any ResultsStore) throws -> RunRecord {
        let receipt = RunReceipt(inputFiles: [], parametersSHA256: ParameterSetText.sha256(options.parameters),
                                 flags: ["--year", String(options.year)], engineVersion: EngineVersion.current,
                                 createdAt: "2026-11-25T22:00:00Z")
        return try RunRecord.make(result: result, receipt: receipt, parameters: options.parameters,
                                  quotaPercentOverrides: options.quotaPercentOverrides, surchargeOverride: options.surchargeOverride,
                                  rejectedCSV: Array("file,line,column,reason,raw\n".utf8), pseudonymizer: try store.pseudonymizer())
    }

    /// Runs the fixture and writes it into `store`; returns the run id and the result.
    @discardableResult
    static func storeRun(_ name: String, in store: any ResultsStore, quotaPercent: [String: String]? = nil) throws -> (RunID, QuotaResult) {
        let options = try options(name, quotaPercent: quotaPercent)
        let result = try QuotaRun.run(options)
        return (try store.write(record(result, options: options, store: store)), result)
    }

    static func temporaryPath(_ label: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("banenafspraak-store-\(label)-\(UUID().uuidString).sqlite").path
    }

    /// The person ids in a fixture's payroll (column 2).
    static func personIds(_ name: String) throws -> Set<String> {
        let text = try String(contentsOf: fixtureURL(name).appendingPathComponent("input/payroll.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").dropFirst()
        let header = text.split(separator: "\n").first!.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let column = header.firstIndex(of: "person_id")!
        return Set(lines.compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return fields.count > column ? String(fields[column]) : nil
        }.filter { $0.count >= 3 })
    }
}
