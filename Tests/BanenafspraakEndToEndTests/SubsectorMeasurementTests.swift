import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakGenerate
import BanenafspraakParameters
import Foundation
import Testing

/// The measurement per overheid subsector: only with a `subsector` column, and the subsectors add up to the
/// overheid's December hours.
@Suite("Measurement per overheid subsector")
struct SubsectorMeasurementTests {
    func run(_ dir: String) throws -> QuotaResult {
        var o = QuotaOptions(year: 2024, inputDirectory: dir, outputDirectory: nil, parameters: try ParameterFiles.loadDefault())
        for key in Quotum.allCases { o.quotaPercentOverrides[key] = BasisPoints(100) }
        return try QuotaRun.run(o)
    }

    @Test("tiny data with and without the column: the same measurement, and subsectors that add up")
    func addsUp() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("subsector-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try SyntheticDataGenerator.generate(GeneratorOptions(scale: .tiny, year: 2024, seed: 3, outputDirectory: dir))
        let plain = try run(dir)
        #expect(plain.subsectorDecember == nil)

        // Give every other overheid employer a subsector, in turn over the twelve; the rest stay blank.
        let path = dir + "/employers.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[0] += ",subsector"
        var k = 0
        for i in 1..<lines.count where !lines[i].isEmpty {
            let overheid = lines[i].contains(",overheid,")
            lines[i] += "," + (overheid && k % 2 == 0 ? OverheidSubsector.allCases[(k / 2) % 12].rawValue : "")
            if overheid { k += 1 }
        }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let with = try run(dir)
        let subsectors = try #require(with.subsectorDecember)
        #expect(with.measurement[.overheid] == plain.measurement[.overheid])
        #expect(with.measurement[.combined] == plain.measurement[.combined])
        #expect(subsectors.rows.count == 13 && subsectors.rows.last?.subsector == nil)
        #expect(subsectors.rows.reduce(0) { $0 + $1.employers } == k)
        #expect(subsectors.rows.reduce(CentiHours.zero) { $0 + $1.hoursDecember } == plain.measurement[.overheid]!.hoursDecember)
        #expect(subsectors.rows.contains { $0.subsector != nil && $0.hoursDecember > .zero })
        for r in subsectors.rows {
            #expect(r.jobsHundredths == r.hoursDecember.rawValue * 100 / 11_092, "\(r)")
        }
    }
}
