@testable import BanenafspraakBatch
import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakGenerate
import BanenafspraakParameters
import Foundation
import Testing

/// Duplicate detection is exact: even if every person id hashed alike, only byte-equal
/// (employer, person, period) rows are duplicates (spec 8.6).
@Suite("Duplicate detection survives hash collisions")
struct HashCollisionTests {
    @Test("a constant person hash gives the same figures, rejections and counts")
    func constantHash() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("collide-\(UUID().uuidString)")
        _ = try SyntheticDataGenerator.generate(GeneratorOptions(scale: .tiny, year: 2024, seed: 11, outputDirectory: dir.path))
        func run(_ name: String, collide: Bool) throws -> (String, String, QuotaResult) {
            let out = dir.appendingPathComponent(name)
            var o = QuotaOptions(year: 2024, inputDirectory: dir.path, outputDirectory: out.path, parameters: try ParameterFiles.loadDefault())
            o.quotaPercentOverrides = [.markt: BasisPoints(300), .overheid: BasisPoints(300), .combined: BasisPoints(300)]
            if collide { o.personHash = { _ in 42 } }
            let r = try QuotaRun.run(o)
            try QuotaOutputs.write(r, to: out.path)
            return (try String(contentsOf: out.appendingPathComponent("employers.csv"), encoding: .utf8),
                    try String(contentsOf: out.appendingPathComponent("rejected.csv"), encoding: .utf8), r)
        }
        let normal = try run("normal", collide: false), collided = try run("collided", collide: true)
        #expect(normal.0 == collided.0)
        #expect(normal.1 == collided.1)
        #expect(normal.2.counts[.payroll] == collided.2.counts[.payroll])
        // The generator injects duplicates, so the check had something to find.
        #expect(normal.2.rejectionsByCode[.payroll]?[.duplicate] ?? 0 > 0)
    }
}
