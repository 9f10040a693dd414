import Foundation
import Testing

/// `explain` and `calc --format text` as a person reads them: summary first, Dutch notation, each parameter once,
/// persons in one table, no column names.
@Suite("Readable Dutch text (explain, calc)")
struct ExplainTextTests {
    /// Numbers in contract notation (`5000.00`) outside article numbers; none may be left in text for readers.
    static func contractNumbers(_ text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") {
            for word in line.split(whereSeparator: { " (;:=".contains($0) }) {
                let w = word.trimmingCharacters(in: CharacterSet(charactersIn: ",)%"))
                let parts = w.split(separator: ".", omittingEmptySubsequences: false)
                if parts.count == 2, parts[0].allSatisfy(\.isNumber), parts[1].count == 2, parts[1].allSatisfy(\.isNumber), !parts[0].isEmpty,
                   !line.contains("art. \(w)") {
                    found.append(String(line))
                }
            }
        }
        return found
    }

    @Test("explain: summary first, Dutch amounts, no column names, parameters once, a persons table")
    func explainText() throws {
        let input = CLITests.fixtures.appendingPathComponent("hand10/input").path
        let csv = try String(contentsOf: CLITests.fixtures.appendingPathComponent("hand10/expected/employers.csv"), encoding: .utf8)
        let ids = csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        for id in ids {
            let r = try CLITests.run(["explain", "--year", "2024", "--in", input, "--employer", id] + CLITests.hand10Percent)
            #expect(r.status == 0, "\(r.stderr)")
            let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.count > 4 && lines[3] == "Samenvatting", "\(id)")
            #expect(lines[4].contains("verloonde uren"), "\(id)")
            for column in ["hours_total", "prior_year_hours", "hours_a", "shortfall_jobs", "seed 00", "spec "] {
                #expect(!r.stdout.contains(column), "\(id): \(column)")
            }
            #expect(Self.contractNumbers(r.stdout).isEmpty, "\(id): \(Self.contractNumbers(r.stdout))")
            // Each parameter is defined once, and every reference points at a definition.
            let definitions = lines.filter { $0.hasPrefix("  [P") }
            #expect(Set(definitions).count == definitions.count)
            let ids = definitions.map { $0.split(separator: "]")[0] + "]" }
            #expect(Set(ids).count == ids.count)
            #expect(r.stdout.contains("€ "))
        }
        // An employer with target-group persons gets the table with months.
        let all = try ids.map { try CLITests.run(["explain", "--year", "2024", "--in", input, "--employer", $0] + CLITests.hand10Percent).stdout }
        let withPersons = try #require(all.first { $0.contains("Personen: uren per maand") })
        #expect(withPersons.contains("Persoon") && withPersons.contains("jan") && withPersons.contains("dec"))
    }

    @Test("explain on a larger employer: one row per person, the parameter block not repeated per person")
    func explainCompact() throws {
        let data = CLITests.tempDir().appendingPathComponent("d")
        _ = try CLITests.run(["generate", "--scale", "tiny", "--year", "2024", "--seed", "5", "--out", data.path])
        let out = CLITests.tempDir()
        _ = try CLITests.run(["quota", "--year", "2024", "--in", data.path, "--out", out.path])
        let rows = try String(contentsOf: out.appendingPathComponent("employers.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map(String.init) }
        let biggest = try #require(rows.max { Decimal(string: $0[11])! < Decimal(string: $1[11])! })  // largest LKV: most persons
        let r = try CLITests.run(["explain", "--year", "2024", "--in", data.path, "--employer", biggest[0]])
        #expect(r.status == 0)
        let json = try CLITests.run(["explain", "--year", "2024", "--in", data.path, "--employer", biggest[0], "--format", "json"])
        let persons = Set(json.stdout.components(separatedBy: "\"label\": \"LKV voor ").dropFirst().map { $0.prefix(while: { $0 != "\"" }) })
        #expect(persons.count >= 2)
        for p in persons {
            // The person appears in the table once (and nowhere else in the text).
            #expect(r.stdout.components(separatedBy: String(p)).count - 1 == 1, "\(p)")
        }
        #expect(r.stdout.components(separatedBy: "LKV banenafspraak per verloond uur").count - 1 == 1)
    }

    @Test("calc --format text: Dutch result keys and Dutch amounts")
    func calcText() throws {
        let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BanenafspraakCalculatorTests/Scenarios/liv/13_2024_at_lower_bound.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: scenario)) as! [String: Any]
        let caseText = String(decoding: try JSONSerialization.data(withJSONObject: object["case"]!), as: UTF8.self)
        let r = try CLITests.run(["calc", "--case", "-", "--format", "text"], stdin: caseText)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("Bedrag: € 611,52"))
        #expect(r.stdout.contains("peildatum 1-1-2024"))
        for english in ["amount:", "eligible:", "hourly_rate", "EUR", "seed 00"] { #expect(!r.stdout.contains(english), "\(english)") }
        #expect(Self.contractNumbers(r.stdout).isEmpty, "\(Self.contractNumbers(r.stdout))")
    }
}
