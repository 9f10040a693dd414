import Foundation
import Testing

/// `banenafspraak parameters --check` reads the law (docs/law.md): it lists the values verified in the law text, by
/// other means and the estimates, with the three counts, and fails on an amount the law does not hold.
@Suite("parameters --check reads the law")
struct ParametersCheckTests {
    @Test("The three counts and the lists; every cited amount is found")
    func countsAndLists() throws {
        let r = try CLITests.run(["parameters", "--check"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let summary = try #require(lines.last { $0.hasPrefix("law check: ") })
        let numbers = summary.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        #expect(numbers.count == 4, "\(summary)")
        #expect(numbers[0] == lines.filter { $0.hasPrefix("law-text ") }.count && numbers[0] >= 90)
        #expect(numbers[1] == lines.filter { $0.hasPrefix("verified-otherwise ") }.count)
        #expect(numbers[2] == lines.filter { $0.hasPrefix("estimate ") }.count)
        #expect(numbers[3] == 0)
        #expect(lines.contains { $0.hasPrefix("law-text vrijlating.y.cap 2019-01-01 t/m 2019-06-30 = 132.56: \"€ 132,56\" in law/participatiewet/2019-01-01/art-31.yaml") })
        #expect(lines.contains { $0.hasPrefix("estimate wml.monthly 2026-07-01") })
    }

    @Test("An amount the law does not hold fails the check, naming the value and the article file")
    func wrongAmountFails() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("params-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("wrong.json")
        try #"{"parameters": [{"id": "vrijlating.y.cap", "unit": "money", "description": "x", "values": [{"value": "126.90", "valid_from": "2019-01-01", "valid_until": "2019-06-30", "source": "Pwet art. 31 lid 2 onder y: https://wetten.overheid.nl/BWBR0015703/2019-01-01#Artikel31", "status": "estimate"}]}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try CLITests.run(["parameters", "--check", "--params", file.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("not-in-law vrijlating.y.cap 2019-01-01 t/m 2019-06-30 = 126.90: \"€ 126,90\""))
        #expect(r.stdout.contains("law/participatiewet/2019-01-01/art-31.yaml"))
        #expect(r.stdout.contains("amounts not found in the law: 1"))
    }
}
