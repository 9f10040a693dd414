import Foundation
import Testing

/// `banenafspraak simulate` and `explain --reform` as a user runs them (spec 11).
@Suite("simulate (spec 11)")
struct SimulateCLITests {
    static let reforms = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("reforms")
    static let input = CLITests.fixtures.appendingPathComponent("hand10/input").path
    static let names = ["law2015-vs-simplified", "levy-6000", "bonus-4-per-hour", "widened-register", "combined-quotum", "threshold-50000"]

    static func rows(_ url: URL) throws -> [[String: String]] {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init))) }
    }

    @Test("each example reform: simulate's reform columns equal quota --params (and --regime-register) column by column", arguments: names)
    func consistency(_ name: String) throws {
        let file = Self.reforms.appendingPathComponent("\(name).json")
        let sim = CLITests.tempDir(), quota = CLITests.tempDir()
        let r = try CLITests.run(["simulate", "--year", "2024", "--in", Self.input, "--reform", file.path, "--out", sim.path] + CLITests.hand10Percent)
        #expect(r.status == 0, "\(r.stderr)")
        for f in ["employers.csv", "summary.json", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: sim.appendingPathComponent(f).path), "\(f)")
        }
        let reform = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        let params = quota.appendingPathComponent("params.json")
        try JSONSerialization.data(withJSONObject: reform["parameters"]!).write(to: params)
        var args = ["quota", "--year", "2024", "--in", Self.input, "--out", quota.appendingPathComponent("out").path, "--params", params.path] + CLITests.hand10Percent
        let regime = (reform["options"] as? [String: Any])?["regime_register"] as? String
        if let regime { args += ["--regime-register", regime] }
        let q = try CLITests.run(args)
        #expect(q.status == 0, "\(q.stderr)")
        let simulated = try Self.rows(sim.appendingPathComponent("employers.csv"))
        let expected = try Self.rows(quota.appendingPathComponent("out/employers.csv"))
        #expect(simulated.count == expected.count && expected.count == 10)
        for (s, e) in zip(simulated, expected) {
            #expect(s["employer_id"] == e["employer_id"])
            for c in ["liable", "required_hours", "shortfall_jobs", "levy", "surcharge", "lkv", "bonus", "transfers_out", "transfers_in", "net"] {
                #expect(s["\(c)_reform"] == e[c], "\(name) \(e["employer_id"]!) \(c)")
            }
        }
        // A per-line reform says so in one line; the others run on the aggregates.
        #expect(r.stderr.contains("changes a per-line rule") == (regime != nil))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: sim.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect(summary["rescan"] as? Bool == (regime != nil))
        let receipt = summary["receipt"] as! [String: Any]
        #expect((receipt["command"] as! String).hasPrefix("banenafspraak simulate --year 2024"))
        #expect(((receipt["inputs"] as! [String: Any])["sha256"] as! [String: Any]).count == 4)
        #expect((receipt["reform"] as! [String: Any])["name"] as? String == reform["name"] as? String)
    }

    @Test("a bad reform: every error with its JSON path, exit 2, before any work")
    func badReform() throws {
        let dir = CLITests.tempDir()
        let bad = dir.appendingPathComponent("bad.json")
        try Data(#"{"name": "x", "parameters": [{"id": "quota.nope", "values": [{"value": "1", "valid_from": "2024-01-01"}]}, {"id": "quota.levy_per_job", "values": [{"value": "1.234", "valid_from": "2024-01-01"}]}], "options": {"speed": "fast"}}"#.utf8).write(to: bad)
        let out = dir.appendingPathComponent("out")
        let r = try CLITests.run(["simulate", "--year", "2024", "--in", "/nonexistent", "--reform", bad.path, "--out", out.path])
        #expect(r.status == 2)
        for path in ["$.parameters[0].id", "$.parameters[1].values[0].value", "$.options.speed"] { #expect(r.stderr.contains(path), "\(path)") }
        #expect(!r.stderr.contains("nonexistent"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("a rerun gives identical files; several reforms get one folder each and a comparison")
    func rerunAndSeveral() throws {
        let out = CLITests.tempDir()
        let args = ["simulate", "--year", "2024", "--in", Self.input, "--out", out.path,
                    "--reform", Self.reforms.appendingPathComponent("levy-6000.json").path,
                    "--reform", Self.reforms.appendingPathComponent("bonus-4-per-hour.json").path] + CLITests.hand10Percent
        #expect(try CLITests.run(args).status == 0)
        let folders = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(folders.filter { $0.hasPrefix("0") }.count == 2 && folders.contains("summary.json") && folders.contains("report.html"))
        let first = try folders.filter { $0.hasPrefix("0") }.flatMap { f in try ["employers.csv", "summary.json", "report.html"].map { try Data(contentsOf: out.appendingPathComponent("\(f)/\($0)")) } }
        #expect(try CLITests.run(args).status == 0)
        let second = try folders.filter { $0.hasPrefix("0") }.flatMap { f in try ["employers.csv", "summary.json", "report.html"].map { try Data(contentsOf: out.appendingPathComponent("\(f)/\($0)")) } }
        #expect(first == second)
    }

    @Test("simulate writes all or nothing, as quota: the final folder is named, no staging folder is left, a folder with a user's file is refused and kept")
    func allOrNothing() throws {
        let out = CLITests.tempDir().appendingPathComponent("simulation")
        let args = ["simulate", "--year", "2024", "--in", Self.input, "--out", out.path,
                    "--reform", Self.reforms.appendingPathComponent("levy-6000.json").path] + CLITests.hand10Percent
        let first = try CLITests.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("-> \(out.path)\n"), "\(first.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["employers.csv", "report.html", "summary.json"])
        let beside = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(beside.filter { $0.contains(".partial-") }.isEmpty, "\(beside)")
        // A file the run does not write: refused before any work, and left as it was with the previous outputs.
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let summary = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let refused = try CLITests.run(args)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("notes.txt"), "\(refused.stderr)")
        #expect(try Data(contentsOf: out.appendingPathComponent("notes.txt")) == Data("mine".utf8))
        #expect(try Data(contentsOf: out.appendingPathComponent("summary.json")) == summary)
    }

    @Test("explain --reform names the parameter (old -> new, with source), the rule and the figures that moved")
    func explainReform() throws {
        let r = try CLITests.run(["explain", "--year", "2024", "--in", Self.input, "--employer", "E1",
                                  "--reform", Self.reforms.appendingPathComponent("bonus-4-per-hour.json").path] + CLITests.hand10Percent)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("simplified.bonus_hourly: 3.77"))
        #expect(r.stdout.contains("-> 4.00 (bron: Hervormingsvariant"))
        #expect(r.stdout.contains("gelezen door de regel Bonus"))
        #expect(r.stdout.contains("  - bonus: "))
    }

    @Test("--sweep writes one line per grid point; --solve finds the break-even surcharge rate")
    func sweepAndSolve() throws {
        let out = CLITests.tempDir()
        let bonus = Self.reforms.appendingPathComponent("bonus-4-per-hour.json").path
        let s = try CLITests.run(["simulate", "--year", "2024", "--in", Self.input, "--out", out.path, "--reform", bonus,
                                  "--sweep", "simplified.lkv_hourly=1.00:1.50:0.25"] + CLITests.hand10Percent)
        #expect(s.status == 0, "\(s.stderr)")
        let sweep = try String(contentsOf: out.appendingPathComponent("sweep.csv"), encoding: .utf8).split(separator: "\n")
        #expect(sweep.count == 4 && sweep[0].hasPrefix("simplified.lkv_hourly,levy"))
        let v = try CLITests.run(["simulate", "--year", "2024", "--in", Self.input, "--out", out.path, "--reform", bonus,
                                  "--solve", "surcharge_percent=0:10", "--target", "difference=0"] + CLITests.hand10Percent)
        #expect(v.status == 0, "\(v.stderr)")
        let solve = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("solve.json"))) as! [String: Any]
        let atValue = Int64((solve["total_at_value"] as! String).replacingOccurrences(of: ".", with: ""))!
        let atPrevious = Int64((solve["total_at_previous_value"] as! String).replacingOccurrences(of: ".", with: ""))!
        #expect(atValue <= 0 && atPrevious > 0)
    }

    @Test("from a stored run: the same employers.csv as from CSV; a per-line reform needs --in and then rereads")
    func fromStore() throws {
        let dir = CLITests.tempDir()
        let store = dir.appendingPathComponent("s.sqlite").path
        let q = try CLITests.run(["quota", "--year", "2024", "--in", Self.input, "--out", dir.appendingPathComponent("q").path, "--store", store] + CLITests.hand10Percent)
        #expect(q.status == 0, "\(q.stderr)")
        let bonus = Self.reforms.appendingPathComponent("bonus-4-per-hour.json").path
        let a = try CLITests.run(["simulate", "--store", store, "--run", "1", "--reform", bonus, "--out", dir.appendingPathComponent("a").path])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stderr.contains("on the aggregates, no payroll read"))
        let b = try CLITests.run(["simulate", "--year", "2024", "--in", Self.input, "--reform", bonus, "--out", dir.appendingPathComponent("b").path] + CLITests.hand10Percent)
        #expect(b.status == 0)
        #expect(try Data(contentsOf: dir.appendingPathComponent("a/employers.csv")) == Data(contentsOf: dir.appendingPathComponent("b/employers.csv")))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("a/summary.json"))) as! [String: Any]
        let inputs = (summary["receipt"] as! [String: Any])["inputs"] as! [String: Any]
        #expect(inputs["source"] as? String == "store" && inputs["run"] as? Int == 1)
        let widened = Self.reforms.appendingPathComponent("widened-register.json").path
        let w = try CLITests.run(["simulate", "--store", store, "--run", "1", "--reform", widened, "--out", dir.appendingPathComponent("w").path])
        #expect(w.status == 1 && w.stderr.contains("give --in DIR"))
        let w2 = try CLITests.run(["simulate", "--store", store, "--run", "1", "--in", Self.input, "--reform", widened, "--out", dir.appendingPathComponent("w2").path])
        #expect(w2.status == 0 && w2.stderr.contains("changes a per-line rule"))
        let e = try CLITests.run(["explain", "--store", store, "--run", "1", "--employer", "E1", "--reform", bonus])
        #expect(e.status == 0 && e.stdout.contains("simplified.bonus_hourly: 3.77"))
    }
}
