import BanenafspraakTestSupport
import Foundation
import Testing

/// The legal calendar from the command line (spec section 13): `--stage` and `--as-of`, the store keeping `as_of`
/// and `stage`, `runs` showing them, `diff --causes`, the explanation with corrections, and the report with
/// voorlopig beside definitief.
@Suite("Legal calendar on the command line (spec 13)")
struct CalendarCLITests {
    static let calendar = CLITests.fixtures.appendingPathComponent("calendar/input").path
    static let percent = ["--quota-percent", "markt=2.00", "--quota-percent", "overheid=3.00", "--quota-percent", "total=2.50"]

    @Test("voorlopig and definitief in one store: runs shows them, diff --causes names the rows, the report shows both")
    func stagesInTheStore() throws {
        let dir = CLITests.tempDir()
        let store = dir.appendingPathComponent("calendar.sqlite").path
        let v = try StoreCLITests.run(["quota", "--year", "2024", "--in", Self.calendar, "--out", dir.appendingPathComponent("v").path,
                                       "--stage", "voorlopig", "--store", store] + Self.percent)
        #expect(v.status == 0, "\(v.stderr)")
        #expect(v.stderr.contains("payroll.csv: read 14 = accepted 7 + rejected 2, outside year 1 + after cut-off 3 + superseded 1"))
        let d = try StoreCLITests.run(["quota", "--year", "2024", "--in", Self.calendar, "--out", dir.appendingPathComponent("d").path,
                                       "--stage", "definitief", "--store", store] + Self.percent)
        #expect(d.status == 0, "\(d.stderr)")
        let national = try String(contentsOf: dir.appendingPathComponent("d/national.json"), encoding: .utf8)
        #expect(national.contains("\"as_of\": \"2025-05-01\""))
        #expect(national.contains("\"stage\": \"definitief\""))
        let report = try String(contentsOf: dir.appendingPathComponent("d/report.html"), encoding: .utf8)
        #expect(report.contains("Voorlopig naast definitief"))
        #expect(report.contains("Berekening van het quotumpercentage"))

        let runs = try StoreCLITests.run(["runs", "--store", store])
        let lines = runs.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix("as_of 2025-01-31 stage voorlopig"))
        #expect(lines[1].hasSuffix("as_of 2025-05-01 stage definitief"))

        let causes = try StoreCLITests.run(["diff", "--store", store, "1", "2", "--causes", "--in", Self.calendar, "--format", "json"])
        #expect(causes.status == 0, "\(causes.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(causes.stdout.utf8)) as? [String: Any])
        let employers = try #require(json["employers"] as? [[String: Any]])
        #expect(employers.map { $0["employer_id"] as? String } == ["E1", "E2", "E3"])
        let e1 = try #require((employers[0]["causes"] as? [[String: Any]])?.first)
        #expect(e1["line"] as? Int == 6)
        #expect(e1["kind"] as? String == "correction")
        #expect(e1["hours_before"] as? String == "80.00")
        #expect(e1["hours_after"] as? String == "0.00")
        let e2 = try #require((employers[1]["causes"] as? [[String: Any]])?.first)
        #expect(e2["kind"] as? String == "late")
        #expect(e2["hours_before"] is NSNull)
        let changed = try #require(employers[0]["changed"] as? [String: [String: String]])
        #expect(changed["hours_total"] == ["a": "276.00", "b": "196.00"])
        let e3 = try #require((employers[2]["causes"] as? [[String: Any]])?.first)
        #expect(e3["file"] as? String == "register.csv")
        // P5 had no registration at the voorlopig cut-off: no target-group hours at E3 before, 60.00 after.
        #expect(e3["hours_before"] as? String == "0.00")
        #expect(e3["hours_after"] as? String == "60.00")
    }

    @Test("a run without a received column and without --as-of: no calendar in national.json or the report")
    func noCalendar() throws {
        let out = CLITests.tempDir()
        let r = try CLITests.run(["quota", "--year", "2024", "--in", StoreCLITests.hand10, "--out", out.path] + CLITests.hand10Percent)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!report.contains("Peildatum"))
        #expect(report.contains("Berekening van het quotumpercentage"))
        let national = try String(contentsOf: out.appendingPathComponent("national.json"), encoding: .utf8)
        #expect(!national.contains("as_of") && !national.contains("superseded") && !national.contains("after_cutoff"))
    }

    @Test("explain at definitief shows the employer's corrections; --as-of and --stage together are refused")
    func explainCorrections() throws {
        let r = try CLITests.run(["explain", "--year", "2024", "--in", Self.calendar, "--employer", "E1", "--stage", "definitief"] + Self.percent)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("gecorrigeerd op 2024-04-02: 120,00 → 96,00 uur"))
        #expect(r.stdout.contains("gecorrigeerd op 2025-04-02: 80,00 → 0,00 uur"))
        let both = try CLITests.run(["quota", "--year", "2024", "--in", Self.calendar, "--out", CLITests.tempDir().path,
                                     "--stage", "definitief", "--as-of", "2025-05-01"] + Self.percent)
        #expect(both.status != 0)
    }
}
