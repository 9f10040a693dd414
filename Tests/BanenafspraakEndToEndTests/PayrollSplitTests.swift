@testable import BanenafspraakBatch
import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakGenerate
import BanenafspraakParameters
import Foundation
import Testing

/// Payroll is parsed in two parts on two threads; the outputs must be byte-identical to one pass in file
/// order, with physical line numbers in rejections and "the first valid row wins" across the parts (spec 8.6).
@Suite("Payroll parsed in two parts")
struct PayrollSplitTests {
    @Test("two parts give the same outputs as one, with a duplicate and bad rows on both sides of the split")
    func twoPartsEqualOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("split-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try SyntheticDataGenerator.generate(GeneratorOptions(scale: .tiny, year: 2024, seed: 11, outputDirectory: dir.path))
        // Repeat the first data line at the end (a duplicate across the split: the copy must be rejected), and add
        // a bad row and a blank line in the second part, so line numbers after the split are checked too.
        let payroll = dir.appendingPathComponent("payroll.csv")
        var text = try String(contentsOf: payroll, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let firstData = String(lines[1])
        if !text.hasSuffix("\n") { text += "\n" }
        let employer = firstData.split(separator: ",")[0]
        text += "\n" + "\(employer),P1,2024-13,1.00,1.00,permanent,regular,\n" + firstData + "\n"
        try text.write(to: payroll, atomically: true, encoding: .utf8)
        let totalLines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1

        func run(_ name: String, split: Bool) throws -> [String: String] {
            let out = dir.appendingPathComponent(name)
            var o = QuotaOptions(year: 2024, inputDirectory: dir.path, outputDirectory: out.path, parameters: try ParameterFiles.loadDefault())
            o.quotaPercentOverrides = [.markt: BasisPoints(300), .overheid: BasisPoints(300), .combined: BasisPoints(300)]
            o.splitPayroll = split
            let r = try QuotaRun.run(o)
            try QuotaOutputs.write(r, to: out.path)
            var files: [String: String] = [:]
            for f in ["employers.csv", "rejected.csv", "national.json"] {
                files[f] = try String(contentsOf: out.appendingPathComponent(f), encoding: .utf8)
            }
            return files
        }
        let one = try run("one", split: false), two = try run("two", split: true)
        #expect(one["employers.csv"] == two["employers.csv"])
        #expect(one["rejected.csv"] == two["rejected.csv"])
        // national.json holds the run's wall time; compare it without that.
        func figures(_ json: String?) -> String {
            (json ?? "").split(separator: "\n").filter { !$0.contains("wall") && !$0.contains("seconds") }.joined(separator: "\n")
        }
        #expect(figures(one["national.json"]) == figures(two["national.json"]))
        let rejected = two["rejected.csv"] ?? ""
        #expect(rejected.contains("payroll.csv,\(totalLines),period,\"duplicate:"))
        #expect(rejected.contains("payroll.csv,\(totalLines - 1),period,\"malformed:"))
    }
}
