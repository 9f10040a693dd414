import BanenafspraakTestSupport
import Foundation
import Testing

/// `banenafspraak decide` and `log` (spec section 14): the decision's JSON equals employers.csv, years before 2026
/// only as a simulation (Wfsv art. 122na lid 1), herziening within the limits of Wfsv art. 38h lid 5.
@Suite("Decisions on the command line (spec 14)")
struct DecideCLITests {
    typealias Run = StoreCLITests.Run
    static func run(_ args: [String]) throws -> Run { try StoreCLITests.run(args) }

    /// employers.csv as employer_id → column → value.
    static func employersCSV(_ path: String) throws -> [String: [String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        var out: [String: [String: String]] = [:]
        for row in lines.dropFirst() { out[row[0]] = Dictionary(uniqueKeysWithValues: zip(header, row)) }
        return out
    }

    static func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test("decide --all over 2026: one decision per employer with a levy, keys of the contract, figures equal to employers.csv")
    func decideAll() throws {
        let dir = CLITests.tempDir()
        let data = dir.appendingPathComponent("data").path, out = dir.appendingPathComponent("out").path
        let store = dir.appendingPathComponent("s.sqlite").path, decisions = dir.appendingPathComponent("dec").path
        #expect(try Self.run(["generate", "--scale", "tiny", "--year", "2026", "--seed", "3", "--out", data]).status == 0)
        let q = try Self.run(["quota", "--year", "2026", "--in", data, "--out", out, "--store", store])
        #expect(q.status == 0, "\(q.stderr)")
        let d = try Self.run(["decide", "--store", store, "--run", "1", "--all", "--out", decisions, "--date", "2027-06-01"])
        #expect(d.status == 0, "\(d.stderr)")
        let employers = try Self.employersCSV(out + "/employers.csv")
        let withLevy = employers.filter { $0.value["levy"] != "0.00" }.keys.sorted()
        #expect(!withLevy.isEmpty)
        let index = try String(contentsOfFile: decisions + "/index.csv", encoding: .utf8).split(separator: "\n")
        #expect(index.count == withLevy.count + 1)
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(Self.run(["runs", "--store", store, "--format", "json"]).stdout.utf8)) as? [[String: Any]])
        #expect(runs.count == 1)
        for id in withLevy {
            let j = try Self.json("\(decisions)/\(id).json")
            #expect(Array(j.keys).sorted() == ["as_of", "calculation", "date", "decision_id", "employer_id", "hours_c", "hours_total", "legal_basis",
                                                "levy", "levy_due", "objection", "receipt", "revises", "run", "stage", "year"])
            let row = try #require(employers[id])
            #expect(j["levy"] as? String == row["levy"])
            #expect(j["hours_total"] as? String == row["hours_total"])
            #expect(j["hours_c"] as? String == row["hours_c"])
            let calc = try #require(j["calculation"] as? [String: Any])
            #expect(calc["required_hours"] as? String == row["required_hours"])
            #expect(calc["shortfall_jobs"] as? String == row["shortfall_jobs"])
            #expect(j["decision_id"] as? String == "QH-2026-\(id)-R1")
            #expect(j["year"] as? Int == 2026)
            #expect(j["date"] as? String == "2027-06-01")
            #expect((j["objection"] as? [String: Any])?["deadline"] as? String == "2027-07-13")
            #expect((j["receipt"] as? String)?.count == 64)
            #expect(j["revises"] is NSNull)
            let html = try String(contentsOfFile: "\(decisions)/\(id).html", encoding: .utf8)
            #expect(html.contains("<h1>Beschikking quotumheffing 2026</h1>"))
            #expect(html.contains("art. 38h lid 7"))
            #expect(html.contains("hoofdstuk V"))
            #expect(html.contains(j["receipt"] as! String))
            #expect(html.contains("@page{size:A4"))
            #expect(!html.contains("<script"))
        }
        // Run again: the same decisions, kept, not made twice.
        let again = try Self.run(["decide", "--store", store, "--run", "1", "--all", "--out", decisions, "--date", "2027-07-01"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 decision(s) made, \(withLevy.count) already kept"))
        #expect(try Self.json("\(decisions)/\(withLevy[0]).json")["date"] as? String == "2027-06-01")
    }

    @Test("a year before 2026 is refused without --simulation, citing Wfsv art. 122na lid 1; with it every page says it is a simulation")
    func beforeYear2026() throws {
        let store = CLITests.tempDir().appendingPathComponent("s.sqlite").path
        #expect(try StoreCLITests.quota(store: store).status == 0)
        let out = CLITests.tempDir().appendingPathComponent("dec").path
        let refused = try Self.run(["decide", "--store", store, "--run", "1", "--all", "--out", out])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Wfsv art. 122na lid 1"))
        #expect(refused.stderr.contains("--simulation"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let sim = try Self.run(["decide", "--store", store, "--run", "1", "--all", "--out", out, "--simulation", "--date", "2025-06-01"])
        #expect(sim.status == 0, "\(sim.stderr)")
        for id in ["E2", "E4", "E5", "E6"] {
            let html = try String(contentsOfFile: "\(out)/\(id).html", encoding: .utf8)
            #expect(html.contains("<h1>Simulatie, geen beschikking: quotumheffing 2024</h1>"))
            let j = try Self.json("\(out)/\(id).json")
            #expect(j["levy_due"] as? Bool == false)
            #expect((j["decision_id"] as? String)?.hasPrefix("SIM-2024-") == true)
        }
        #expect(try Self.json("\(out)/E4.json")["levy"] as? String == "18500.00")
    }

    @Test("herziening: a higher levy needs --attributable and a date within 5 years of the year's end (Wfsv art. 38h lid 5)")
    func herziening() throws {
        let store = CLITests.tempDir().appendingPathComponent("s.sqlite").path
        #expect(try StoreCLITests.quota(store: store).status == 0)
        // A second run of the year with a higher quotum percentage: higher levies (a correction would do the same).
        #expect(try StoreCLITests.quota(store: store, percent: ["--quota-percent", "markt=12.17", "--quota-percent", "overheid=6.97", "--quota-percent", "total=3.33"]).status == 0)
        func decide(_ run: Int, _ extra: [String]) throws -> (Run, String) {
            let out = CLITests.tempDir().appendingPathComponent("dec").path
            return (try Self.run(["decide", "--store", store, "--run", String(run), "--employer", "E4", "--out", out, "--simulation"] + extra), out)
        }
        let (first, _) = try decide(1, ["--date", "2025-06-01"])
        #expect(first.status == 0, "\(first.stderr)")
        let (notAttributable, _) = try decide(2, ["--date", "2026-06-01"])
        #expect(notAttributable.status == 1)
        #expect(notAttributable.stderr.contains("not marked --attributable"))
        #expect(notAttributable.stderr.contains("art. 38h lid 5"))
        let (expired, _) = try decide(2, ["--date", "2030-01-01", "--attributable"])
        #expect(expired.status == 1)
        #expect(expired.stderr.contains("ended on 2029-12-31"))
        let (revised, out) = try decide(2, ["--date", "2029-12-31", "--attributable"])
        #expect(revised.status == 0, "\(revised.stderr)")
        let j = try Self.json("\(out)/E4.json")
        let r = try #require(j["revises"] as? [String: Any])
        #expect(r["decision_id"] as? String == "SIM-2024-E4-R1")
        #expect(r["levy_before"] as? String == "18500.00")
        let after = try #require(r["levy_after"] as? String)
        #expect(after == j["levy"] as? String)
        func cents(_ s: String?) -> Int? { s.flatMap { Int($0.replacingOccurrences(of: ".", with: "")) } }
        #expect(cents(r["difference"] as? String) == cents(after).map { $0 - 1_850_000 })
        #expect(cents(after)! > 1_850_000)
        #expect((r["changed"] as? [String: Any])?["levy"] != nil)
        let html = try String(contentsOfFile: "\(out)/E4.html", encoding: .utf8)
        #expect(html.contains("herziet beschikking SIM-2024-E4-R1"))
        #expect(html.contains("€ 18.500,00"))
    }

    @Test("log prints the access log; an empty store has none")
    func log() throws {
        let store = CLITests.tempDir().appendingPathComponent("s.sqlite").path
        #expect(try StoreCLITests.quota(store: store).status == 0)
        let r = try Self.run(["log", "--store", store, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let bad = try Self.run(["log", "--store", store, "--since", "gisteren"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--since must be a date"))
    }

    @Test("token issue: auditor, municipality with its region; a municipality without a valid AMRnn region is refused")
    func roles() throws {
        let store = CLITests.tempDir().appendingPathComponent("s.sqlite").path
        #expect(try StoreCLITests.quota(store: store).status == 0)
        let auditor = try Self.run(["token", "issue", "--store", store, "--role", "auditor"])
        #expect(auditor.status == 0, "\(auditor.stderr)")
        #expect(auditor.stdout.hasPrefix("Auditor token"))
        let municipality = try Self.run(["token", "issue", "--store", store, "--role", "municipality", "--region", "AMR07"])
        #expect(municipality.status == 0, "\(municipality.stderr)")
        #expect(municipality.stdout.hasPrefix("Municipality token for AMR07"))
        for bad in [["--role", "municipality"], ["--role", "municipality", "--region", "AMR36"], ["--role", "auditor", "--region", "AMR01"], ["--role", "root"]] {
            let r = try Self.run(["token", "issue", "--store", store] + bad)
            #expect(r.status != 0, "\(bad)")
        }
    }

    @Test("herziening after a later cut-off (voorlopig, then definitief): old and new amount, difference, changed figures and the rows received in between, persons by pseudonym")
    func herzieningWithCauses() throws {
        let dir = CLITests.tempDir()
        let data = dir.appendingPathComponent("cal").path, store = dir.appendingPathComponent("c.sqlite").path
        #expect(try Self.run(["generate", "--scale", "tiny", "--year", "2026", "--seed", "2", "--corrections", "--out", data]).status == 0)
        for (stage, out) in [("voorlopig", "o1"), ("definitief", "o2")] {
            let q = try Self.run(["quota", "--year", "2026", "--in", data, "--out", dir.appendingPathComponent(out).path, "--stage", stage, "--store", store])
            #expect(q.status == 0, "\(q.stderr)")
        }
        let first = dir.appendingPathComponent("d1").path, second = dir.appendingPathComponent("d2").path
        #expect(try Self.run(["decide", "--store", store, "--run", "1", "--all", "--out", first, "--date", "2027-03-01"]).status == 0)
        let d = try Self.run(["decide", "--store", store, "--run", "2", "--all", "--out", second, "--date", "2027-06-01", "--attributable", "--in", data])
        #expect(d.status == 0, "\(d.stderr)")
        let rows = try String(contentsOfFile: second + "/index.csv", encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let revised = rows.filter { $0[2] == "herziening" }
        #expect(!revised.isEmpty)
        #expect(rows.allSatisfy { ["herziening", "unchanged", "decided"].contains($0[2]) })
        for row in revised {
            let j = try Self.json("\(second)/\(row[0]).json")
            let r = try #require(j["revises"] as? [String: Any])
            #expect(r["decision_id"] as? String == "QH-2026-\(row[0])-R1")
            #expect(r["levy_after"] as? String == j["levy"] as? String)
            #expect(r["difference"] as? String == row[5])
            let causes = try #require(r["causes"] as? [[String: Any]])
            #expect(!causes.isEmpty)
            for c in causes {
                let person = try #require(c["person_id"] as? String)
                #expect(person.count == 24 && person.allSatisfy(\.isHexDigit), "a pseudonym, not a person id: \(person)")
                #expect((c["received"] as? String).map { $0 > "2027-01-31" && $0 <= "2027-05-01" } == true)
            }
            let html = try String(contentsOfFile: "\(second)/\(row[0]).html", encoding: .utf8)
            #expect(html.contains("Herzieningsbeschikking quotumheffing 2026"))
            #expect(html.contains("herziet beschikking QH-2026-\(row[0])-R1"))
        }
    }
}
