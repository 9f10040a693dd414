import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakGenerate
import BanenafspraakIngest
import BanenafspraakParameters
import Foundation
import Testing

/// "A rejected row never changes a figure" (issue 2): invalid rows inserted anywhere in the generated
/// files leave `employers.csv` and the measurement byte-identical; only the counts move, and they reconcile.
@Suite("Rejected rows never change a figure")
struct RejectedRowsInvariant {
    /// Invalid rows of every kind that can be inserted without touching valid keys.
    static let badPayroll = [
        "EX9999999,P1,2024-03,10.00,100.00,permanent,regular,",      // unknown employer
        "E0000001,P1,2024-03,744.01,100.00,permanent,regular,",      // hours out of range
        "E0000001,P1,2024-03,10.00,-1.00,permanent,regular,",        // negative wage
        "E0000001,P1,2024-13,10.00,100.00,permanent,regular,",       // bad period
        "E0000001,P1,2024-03,10.,100.00,permanent,regular,",         // malformed decimal
        "E0000001,P1,2024-03,10.00,100.00,vast,regular,",            // bad enum
        "E0000001,P1,2024-03,10.00,100.00,permanent,regular,E0000001", // hirer = employer
        "E0000001,P1,2024-03,10.00,100.00,permanent",                // field count
        "E0000001,P 1,2024-03,10.00,100.00,permanent,regular,",      // bad id
    ]

    struct SplitMix { var s: UInt64; mutating func next() -> UInt64 { s &+= 0x9E37_79B9_7F4A_7C15; var z = s; z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9; z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB; return z ^ (z >> 31) } }

    static func run(_ dir: URL, _ q: [String: String]) throws -> (employers: String, result: QuotaResult) {
        let out = dir.appendingPathComponent("out")
        var options = QuotaOptions(year: 2024, inputDirectory: dir.path, outputDirectory: out.path, parameters: try ParameterFiles.loadDefault())
        for (k, v) in q { options.quotaPercentOverrides[Quotum(rawValue: k)!] = BasisPoints(v)! }
        let result = try QuotaRun.run(options)
        try QuotaOutputs.write(result, to: out.path)
        return (try String(contentsOf: out.appendingPathComponent("employers.csv"), encoding: .utf8), result)
    }

    @Test("insert invalid payroll and register rows at random places", arguments: [UInt64(1), 2, 3])
    func invariant(seed: UInt64) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("invariant-\(UUID().uuidString)")
        let clean = base.appendingPathComponent("clean"), dirty = base.appendingPathComponent("dirty")
        _ = try SyntheticDataGenerator.generate(GeneratorOptions(scale: .tiny, year: 2024, seed: seed, outputDirectory: clean.path))
        try FileManager.default.createDirectory(at: dirty, withIntermediateDirectories: true)
        var rng = SplitMix(s: seed)
        var inserted = ["payroll.csv": 0, "register.csv": 0]
        for file in ["employers.csv", "register.csv", "payroll.csv", "collaborations.csv"] {
            var lines = try String(contentsOf: clean.appendingPathComponent(file), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let bad: [String] = file == "payroll.csv" ? Self.badPayroll
                : file == "register.csv" ? ["P1,wajong,2024-05-02,2024-05-01", "P1,nonsense,2024-01-01,", "P1,wajong,2023-02-29,"] : []
            for _ in 0..<(bad.isEmpty ? 0 : 25) {
                let at = 1 + Int(rng.next() % UInt64(lines.count - 1))
                lines.insert(bad[Int(rng.next() % UInt64(bad.count))], at: at)
                inserted[file]! += 1
            }
            try lines.joined(separator: "\n").write(to: dirty.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: clean.appendingPathComponent("manifest.json"))) as! [String: Any]
        let q = manifest["quota_percent"] as! [String: String]
        let a = try Self.run(clean, q), b = try Self.run(dirty, q)
        #expect(a.employers == b.employers)
        #expect(a.result.measurement == b.result.measurement)
        #expect(a.result.surchargeRate == b.result.surchargeRate)
        for file in [InputFile.payroll, .register] {
            let ca = a.result.counts[file]!, cb = b.result.counts[file]!
            #expect(cb.read == ca.read + inserted[file.rawValue]!)
            #expect(cb.rejected == ca.rejected + inserted[file.rawValue]!)
            #expect(cb.accepted == ca.accepted)
            #expect(ca.reconciles && cb.reconciles)
        }
    }
}
