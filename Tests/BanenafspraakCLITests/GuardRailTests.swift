import Foundation
import Testing

/// The guard rails for a first-time user: percentages from the manifest, implausible percentages, the wrong
/// year and a decimal comma in a flag.
@Suite("Guard rails (first-time user)")
struct GuardRailTests {
    /// `tiny` data for 2024, generated once per test.
    static func tinyData() throws -> URL {
        let dir = CLITests.tempDir().appendingPathComponent("tiny")
        let g = try CLITests.run(["generate", "--scale", "tiny", "--year", "2024", "--seed", "3", "--out", dir.path])
        #expect(g.status == 0, "\(g.stderr)")
        return dir
    }

    static func manifestPercent(_ dir: URL) throws -> [String: String] {
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("manifest.json"))) as! [String: Any]
        return m["quota_percent"] as! [String: String]
    }

    static func national(_ out: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("national.json"))) as! [String: Any]
    }

    @Test("without flags, quota takes the manifest's percentages, says so, and records it in national.json")
    func manifestPercentages() throws {
        let data = try Self.tinyData()
        let q = try Self.manifestPercent(data)
        let out = CLITests.tempDir()
        let r = try CLITests.run(["quota", "--year", "2024", "--in", data.path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("quotum percentages from \(data.appendingPathComponent("manifest.json").path)"))
        #expect(!r.stderr.contains("warning"))
        let n = try Self.national(out)
        let percent = n["quota_percent"] as! [String: String]
        let source = n["quota_percent_source"] as! [String: String]
        for key in ["markt", "overheid", "total"] {
            #expect(percent[key] == q[key], "\(key)")
            #expect(source[key]!.hasPrefix("manifest: "), "\(key)")
        }
        // A flag overrides the manifest for its sector only.
        let out2 = CLITests.tempDir()
        let r2 = try CLITests.run(["quota", "--year", "2024", "--in", data.path, "--out", out2.path, "--quota-percent", "markt=1.23"])
        #expect(r2.status == 0, "\(r2.stderr)")
        let n2 = try Self.national(out2)
        #expect((n2["quota_percent"] as! [String: String])["markt"] == "1.23")
        #expect((n2["quota_percent_source"] as! [String: String])["markt"] == "override")
        #expect((n2["quota_percent_source"] as! [String: String])["total"]!.hasPrefix("manifest: "))
        // explain uses the same percentages, so its levy is the levy in employers.csv.
        let rows = try String(contentsOf: out.appendingPathComponent("employers.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let withLevy = try #require(rows.first { $0[2] == "true" && $0[8] != "0.00" })
        let e = try CLITests.run(["explain", "--year", "2024", "--in", data.path, "--employer", withLevy[0], "--format", "json"])
        #expect(e.status == 0, "\(e.stderr)")
        let figures = (try JSONSerialization.jsonObject(with: Data(e.stdout.utf8)) as! [String: Any])["figures"] as! [String: Any]
        #expect(figures["levy"] as? String == withLevy[8])
    }

    @Test("without flags or manifest, an implausible percentage warns (stderr and report); --strict makes it an error")
    func implausiblePercentages() throws {
        let data = try Self.tinyData()
        try FileManager.default.removeItem(at: data.appendingPathComponent("manifest.json"))
        let out = CLITests.tempDir()
        let r = try CLITests.run(["quota", "--year", "2024", "--in", data.path, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: the computed quotum percentage for markt"))
        #expect(r.stderr.contains("--quota-percent markt=VALUE"))
        #expect(r.stderr.contains("not national"))
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("niet landelijk"))
        let strictOut = CLITests.tempDir().appendingPathComponent("o")
        let s = try CLITests.run(["quota", "--year", "2024", "--in", data.path, "--out", strictOut.path, "--strict"])
        #expect(s.status == 3)
        #expect(s.stderr.contains("error: the computed quotum percentage"))
        #expect(!FileManager.default.fileExists(atPath: strictOut.appendingPathComponent("employers.csv").path))
        // With the percentages given, no warning.
        let ok = try CLITests.run(["quota", "--year", "2024", "--in", data.path, "--out", CLITests.tempDir().path, "--strict",
                                   "--quota-percent", "markt=2.00", "--quota-percent", "overheid=2.00", "--quota-percent", "total=2.00"])
        #expect(!ok.stderr.contains("quotum percentage for"), "\(ok.stderr)")
    }

    @Test("a --year that most payroll rows lie outside is an error naming the year of the data")
    func wrongYear() throws {
        let data = try Self.tinyData()
        let r = try CLITests.run(["quota", "--year", "2023", "--in", data.path, "--out", CLITests.tempDir().path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("outside --year 2023"))
        #expect(r.stderr.contains("run with --year 2024"))
    }

    @Test("a decimal comma in a flag says to use a point")
    func decimalComma() throws {
        let data = try Self.tinyData()
        let r = try CLITests.run(["quota", "--year", "2024", "--in", data.path, "--out", CLITests.tempDir().path, "--quota-percent", "markt=0,67"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("use a decimal point, not a comma: 0.67"))
        let s = try CLITests.run(["quota", "--year", "2024", "--in", data.path, "--out", CLITests.tempDir().path, "--surcharge-percent", "1,5"])
        #expect(s.status != 0)
        #expect(s.stderr.contains("use a decimal point, not a comma: 1.5"))
    }
}

@Suite("Export for Dutch Excel (--csv-dialect nl)")
struct DutchCSVTests {
    @Test("employers-nl.csv: BOM, semicolons, decimal comma, names, same rows as employers.csv, which is unchanged")
    func dutchCSV() throws {
        let input = CLITests.fixtures.appendingPathComponent("hand10/input").path
        let out = CLITests.tempDir()
        let r = try CLITests.run(["quota", "--year", "2024", "--in", input, "--out", out.path, "--csv-dialect", "nl"] + CLITests.hand10Percent)
        #expect(r.status == 0, "\(r.stderr)")
        let contract = try String(contentsOf: out.appendingPathComponent("employers.csv"), encoding: .utf8)
        let expected = try String(contentsOf: CLITests.fixtures.appendingPathComponent("hand10/expected/employers.csv"), encoding: .utf8)
        #expect(contract == expected)
        let bytes = try Data(contentsOf: out.appendingPathComponent("employers-nl.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let nl = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let nlRows = nl.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let rows = contract.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(nlRows.count == rows.count)
        #expect(nlRows[0].hasPrefix("werkgever;naam;sector;quotumplichtig;"))
        for (nlRow, row) in zip(nlRows.dropFirst(), rows.dropFirst()) {
            // Unquoted split is enough when no name holds a semicolon (hand10's names do not).
            let cells = nlRow.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == row.count + 1)
            #expect(cells[0] == row[0])
            #expect(cells[1] == "")  // hand10's employers.csv has no name column
            #expect(cells[3] == (row[2] == "true" ? "ja" : "nee"))
            for i in 3..<row.count { #expect(cells[i + 1] == row[i].replacingOccurrences(of: ".", with: ","), "\(row[0]) column \(i)") }
        }
        // Generated data has names, some with a comma: each row carries its employer's name.
        let data = CLITests.tempDir().appendingPathComponent("tiny")
        _ = try CLITests.run(["generate", "--scale", "tiny", "--year", "2024", "--seed", "1", "--out", data.path])
        let tinyOut = CLITests.tempDir()
        _ = try CLITests.run(["quota", "--year", "2024", "--in", data.path, "--out", tinyOut.path, "--csv-dialect", "nl"])
        let tinyNL = String(decoding: try Data(contentsOf: tinyOut.appendingPathComponent("employers-nl.csv")).dropFirst(3), as: UTF8.self)
        let input2 = try String(contentsOf: data.appendingPathComponent("employers.csv"), encoding: .utf8)
        for line in tinyNL.components(separatedBy: "\r\n").dropFirst().filter({ !$0.isEmpty }) {
            let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            #expect(!cells[1].isEmpty && input2.contains(cells[0] + "," + (cells[1].contains(",") ? "\"" + cells[1] + "\"" : cells[1]) + ","), "\(line)")
        }
        // Without the flag there is no such file.
        let plain = CLITests.tempDir()
        _ = try CLITests.run(["quota", "--year", "2024", "--in", input, "--out", plain.path] + CLITests.hand10Percent)
        #expect(!FileManager.default.fileExists(atPath: plain.appendingPathComponent("employers-nl.csv").path))
    }
}
