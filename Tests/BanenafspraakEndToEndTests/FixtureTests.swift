import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakParameters
import Foundation
import Testing

/// Runs the quota engine on each hand-computed fixture (Fixtures/<name>/, see its EXPLANATION.md) and
/// compares `employers.csv` byte for byte, the contract keys of `national.json`, and `rejected.csv`.
@Suite("End-to-end on hand-computed fixtures")
struct FixtureTests {
    static let fixtures = ["hand10", "rejections", "widened", "wajong2025", "wajong2026"]

    static func fixtureURL(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
    }

    static func run(_ name: String) throws -> (out: URL, result: QuotaResult) {
        let dir = fixtureURL(name)
        let args = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("args.json"))) as! [String: Any]
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("banenafspraak-e2e-\(name)-\(UUID().uuidString)")
        var options = QuotaOptions(year: args["year"] as! Int, inputDirectory: dir.appendingPathComponent("input").path,
                                   outputDirectory: out.path, parameters: try ParameterFiles.loadDefault())
        for (k, v) in (args["quota_percent"] as? [String: String]) ?? [:] { options.quotaPercentOverrides[Quotum(rawValue: k)!] = BasisPoints(v)! }
        if let s = args["surcharge_percent"] as? String { options.surchargeOverride = MilliPercent(s)! }
        if let r = args["regime_register"] as? String { options.regime = RegisterRegime(rawValue: r)! }
        let result = try QuotaRun.run(options)
        try QuotaOutputs.write(result, to: out.path)
        return (out, result)
    }

    @Test("employers.csv equals the hand-computed file byte for byte", arguments: fixtures)
    func employersCSV(_ name: String) throws {
        let (out, _) = try Self.run(name)
        let actual = try String(contentsOf: out.appendingPathComponent("employers.csv"), encoding: .utf8)
        let expected = try String(contentsOf: Self.fixtureURL(name).appendingPathComponent("expected/employers.csv"), encoding: .utf8)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, (x, y)) in zip(a, e).enumerated() where x != y {
            Issue.record("\(name) employers.csv line \(i + 1):\n  actual   \(x)\n  expected \(y)")
        }
        #expect(a.count == e.count)
        #expect(actual == expected)
    }

    @Test("national.json has the hand-computed contract keys", arguments: fixtures)
    func nationalJSON(_ name: String) throws {
        let (out, _) = try Self.run(name)
        let actual = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("national.json"))) as! [String: Any]
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixtureURL(name).appendingPathComponent("expected/national.json"))) as! [String: Any]
        Self.compare(expected, actual, path: name)
    }

    /// Every key in `expected` must be in `actual` with the same value; `actual` may have more keys.
    static func compare(_ expected: Any, _ actual: Any?, path: String) {
        if let e = expected as? [String: Any] {
            guard let a = actual as? [String: Any] else { Issue.record("\(path): expected an object, got \(String(describing: actual))"); return }
            for (k, v) in e { compare(v, a[k], path: "\(path).\(k)") }
        } else if let e = expected as? NSNumber, let a = actual as? NSNumber {
            #expect(e == a, "\(path)")
        } else if let e = expected as? String {
            #expect(e == actual as? String, "\(path)")
        } else {
            Issue.record("\(path): cannot compare \(expected) with \(String(describing: actual))")
        }
    }

    @Test("rejected.csv lists the hand-listed rows with file, line, column, reason code and raw text", arguments: fixtures)
    func rejectedCSV(_ name: String) throws {
        let (out, result) = try Self.run(name)
        let actual = try Self.parseCSV(String(contentsOf: out.appendingPathComponent("rejected.csv"), encoding: .utf8))
        let expected = try Self.parseCSV(String(contentsOf: Self.fixtureURL(name).appendingPathComponent("expected/rejected.csv"), encoding: .utf8))
        #expect(actual.first == ["file", "line", "column", "reason", "raw"])
        let a = actual.dropFirst().map { r in [r[0], r[1], r[2], String(r[3].prefix { $0 != ":" }), r[4]] }
        let e = Array(expected.dropFirst())
        for (x, y) in zip(a, e) where x != y { Issue.record("\(name) rejected.csv:\n  actual   \(x)\n  expected \(y)") }
        #expect(a.count == e.count)
        // Counts reconcile: read = accepted + rejected (+ outside_year).
        for (file, c) in result.counts { #expect(c.reconciles, "\(file)") }
        #expect(result.counts.values.reduce(0) { $0 + $1.rejected } == a.count)
    }

    @Test("explain reproduces the employer's figures from its rules", arguments: ["E4", "E5", "E6"])
    func explain(_ employer: String) throws {
        let dir = Self.fixtureURL("hand10")
        var options = QuotaOptions(year: 2024, inputDirectory: dir.appendingPathComponent("input").path, outputDirectory: nil,
                                   parameters: try ParameterFiles.loadDefault())
        options.quotaPercentOverrides = [.markt: BasisPoints("11.17")!, .overheid: BasisPoints("5.97")!, .combined: BasisPoints("3.33")!]
        options.traceEmployer = employer
        let result = try QuotaRun.run(options)
        let e = try #require(result.employerIndex(employer))
        let (levy, net) = EmployerExplanation.build(result, employer: e)
        let f = result.figures[e]
        #expect(levy.value == f.levy.description)
        #expect(net.value == f.net.description)
        // The LKV children add up to the employer's LKV, person by person.
        let lkv = try #require(net.children.first { $0.figure == "lkv" })
        #expect(lkv.children.reduce(Cents.zero) { $0 + Cents($1.value)! } == f.lkv)
        // C's drill-down adds up to hours_c.
        let shortfall = try #require(levy.children.first { $0.figure == "shortfall_jobs" })
        let c = try #require(shortfall.children.first { $0.figure == "hours_c" })
        #expect(c.children.reduce(CentiHours.zero) { $0 + CentiHours($1.value)! } == f.hoursC)
        // Every parameter cited has a source.
        func walk(_ x: Explanation) { for p in x.parameters { #expect(!p.value.source.isEmpty) }; x.children.forEach(walk) }
        walk(levy); walk(net)
        #expect(net.renderedText().contains("Regel:"))
    }

    /// A small RFC 4180 reader for the test's own use.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if quoted {
                if c == "\"" {
                    let n = text.index(after: i)
                    if n < text.endIndex && text[n] == "\"" { field.append("\""); i = n } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else if c != "\r" { field.append(c) }
            i = text.index(after: i)
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
