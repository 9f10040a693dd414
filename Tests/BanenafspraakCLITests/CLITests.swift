import Foundation
import Testing

/// Runs the built `banenafspraak` executable as a user would (spec section 6): flags, exit statuses,
/// messages and files. `swift build --build-tests` builds the executable beside the test bundle.
@Suite("Command line (spec section 6)")
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // swift test runs `<build>/debug/<package>PackageTests.xctest`; the executable sits beside it.
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("banenafspraak").path) && dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("banenafspraak")
    }()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BanenafspraakEndToEndTests/Fixtures")

    static func run(_ args: [String], stdin: String? = nil) throws -> Run {
        #expect(FileManager.default.isExecutableFile(atPath: binary.path), "build the executable first: swift build --build-tests")
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func tempDir() -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    static let hand10Percent = ["--quota-percent", "markt=11.17", "--quota-percent", "overheid=5.97", "--quota-percent", "total=3.33"]

    @Test("quota writes the four outputs and the counts; employers.csv matches the hand-computed file")
    func quota() throws {
        let out = Self.tempDir()
        let r = try Self.run(["quota", "--year", "2024", "--in", Self.fixtures.appendingPathComponent("hand10/input").path, "--out", out.path] + Self.hand10Percent)
        #expect(r.status == 0, "\(r.stderr)")
        for f in ["employers.csv", "national.json", "rejected.csv", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), "\(f)")
        }
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("hand10/expected/employers.csv"), encoding: .utf8)
        #expect(try String(contentsOf: out.appendingPathComponent("employers.csv"), encoding: .utf8) == expected)
        #expect(r.stderr.contains("payroll.csv: read"))
        #expect(r.stdout.contains("report.html"))
        // Not a terminal: no progress line.
        #expect(!r.stderr.contains("\r"))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Groeipad") && html.contains("Inclusiviteitsopslag"))
    }

    @Test("--strict exits 3 when rows are rejected")
    func strict() throws {
        let r = try Self.run(["quota", "--year", "2024", "--in", Self.fixtures.appendingPathComponent("rejections/input").path,
                              "--out", Self.tempDir().path, "--strict", "--surcharge-percent", "0.500"] + Self.hand10Percent)
        #expect(r.status == 3)
        #expect(r.stderr.contains("rejected"))
    }

    @Test("a missing file or a bad header is fatal: exit 1, naming the file and columns")
    func fatal() throws {
        let dir = Self.tempDir()
        for f in ["employers.csv", "register.csv"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("hand10/input/\(f)"), to: dir.appendingPathComponent(f))
        }
        var r = try Self.run(["quota", "--year", "2024", "--in", dir.path, "--out", Self.tempDir().path] + Self.hand10Percent)
        #expect(r.status == 1)
        #expect(r.stderr.contains("payroll.csv"))
        try "employer_id,person_id,period,hours,wage,contract,schema\n".write(to: dir.appendingPathComponent("payroll.csv"), atomically: true, encoding: .utf8)
        r = try Self.run(["quota", "--year", "2024", "--in", dir.path, "--out", Self.tempDir().path] + Self.hand10Percent)
        #expect(r.status == 1)
        #expect(r.stderr.contains("payroll.csv") && r.stderr.contains("schema") && r.stderr.contains("scheme"))
    }

    @Test("a year without B needs an override: exit 1 naming the parameter")
    func noJobsDue() throws {
        let r = try Self.run(["quota", "--year", "2016", "--in", Self.fixtures.appendingPathComponent("hand10/input").path, "--out", Self.tempDir().path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("quota.jobs_due"))
        let beyond = try Self.run(["quota", "--year", "2031", "--in", Self.fixtures.appendingPathComponent("hand10/input").path, "--out", Self.tempDir().path])
        #expect(beyond.status == 1)
        #expect(beyond.stderr.contains("2031"))
    }

    @Test("--params overrides a value: a levy of 7,500 per job instead of 5,000")
    func paramsOverride() throws {
        let dir = Self.tempDir()
        let reform = dir.appendingPathComponent("reform.json")
        try """
        {"parameters": [{"id": "quota.levy_per_job", "unit": "money", "values": [
          {"value": "7500.00", "valid_from": "2024-01-01", "valid_until": "2024-12-31", "source": "hervorming (test)", "status": "proposal"}]}]}
        """.write(to: reform, atomically: true, encoding: .utf8)
        let input = Self.fixtures.appendingPathComponent("hand10/input").path
        let base = try Self.run(["quota", "--year", "2024", "--in", input, "--out", dir.appendingPathComponent("base").path] + Self.hand10Percent)
        let alt = try Self.run(["quota", "--year", "2024", "--in", input, "--out", dir.appendingPathComponent("alt").path, "--params", reform.path] + Self.hand10Percent)
        #expect(base.status == 0 && alt.status == 0)
        func levies(_ sub: String) throws -> [String: Int] {
            let rows = try String(contentsOf: dir.appendingPathComponent("\(sub)/employers.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            return Dictionary(uniqueKeysWithValues: rows.map { r in
                let f = r.split(separator: ",", omittingEmptySubsequences: false)
                return (String(f[0]), Int(f[8].replacingOccurrences(of: ".", with: ""))!)
            })
        }
        let b = try levies("base"), a = try levies("alt")
        #expect(b.values.contains { $0 > 0 })
        for (id, cents) in b { #expect(a[id]! * 2 == cents * 3, "\(id)") }
        let bad = try Self.run(["quota", "--year", "2024", "--in", input, "--out", dir.path, "--params", "/nonexistent.json"] + Self.hand10Percent)
        #expect(bad.status == 1 && bad.stderr.contains("/nonexistent.json"))
    }

    @Test("explain --format json carries the employer's figures and the path down to person-months")
    func explainJSON() throws {
        let r = try Self.run(["explain", "--year", "2024", "--in", Self.fixtures.appendingPathComponent("hand10/input").path,
                              "--employer", "E5", "--format", "json"] + Self.hand10Percent)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let figures = json["figures"] as! [String: Any]
        let row = try String(contentsOf: Self.fixtures.appendingPathComponent("hand10/expected/employers.csv"), encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("E5,") }!.split(separator: ",", omittingEmptySubsequences: false)
        #expect(figures["levy"] as? String == String(row[8]))
        #expect(figures["net"] as? String == String(row[15]))
        #expect(r.stdout.contains("person_months"))
        let text = try Self.run(["explain", "--year", "2024", "--in", Self.fixtures.appendingPathComponent("hand10/input").path, "--employer", "E5"] + Self.hand10Percent)
        #expect(text.stdout.contains("Regel:") && text.stdout.contains("Wfsv art. 38h lid 4"))
        let unknown = try Self.run(["explain", "--year", "2024", "--in", Self.fixtures.appendingPathComponent("hand10/input").path, "--employer", "NOPE"] + Self.hand10Percent)
        #expect(unknown.status == 1 && unknown.stderr.contains("NOPE"))
    }

    @Test("calc: a valid case gives a result; an unknown field gives a JSON error naming it and exit 2")
    func calc() throws {
        let ok = try Self.run(["calc", "--case", "-"], stdin: """
        {"calculator": "jobcoach", "date": "2024-05-01", "input": {"coach_hours": "10.00", "coached_hours": "100.00", "coach_hourly_wage": "30.00"}}
        """)
        #expect(ok.status == 0, "\(ok.stdout) \(ok.stderr)")
        let result = try JSONSerialization.jsonObject(with: Data(ok.stdout.utf8)) as! [String: Any]
        // min(10.00, 6 % of 100.00 = 6.00) x 30.00 = 180.00
        #expect((result["result"] as? [String: Any])?["compensation"] as? String == "180.00")
        let bad = try Self.run(["calc", "--case", "-"], stdin: """
        {"calculator": "jobcoach", "date": "2024-05-01", "input": {"coach_hours": "10.00", "coached_hours": "100.00", "coach_hourly_wage": "30.00", "colour": "blue"}}
        """)
        #expect(bad.status == 2)
        #expect(bad.stdout.contains("colour"))
        let unknown = try Self.run(["calc", "--case", "-"], stdin: #"{"calculator": "nope", "date": "2024-05-01", "input": {}}"#)
        #expect(unknown.status == 2)
        #expect(unknown.stdout.contains("calculator"))
    }

    @Test("generate is deterministic and quota on it reconciles with the manifest")
    func generateAndRun() throws {
        let a = Self.tempDir(), b = Self.tempDir()
        #expect(try Self.run(["generate", "--scale", "tiny", "--year", "2024", "--seed", "7", "--out", a.path]).status == 0)
        #expect(try Self.run(["generate", "--scale", "tiny", "--year", "2024", "--seed", "7", "--out", b.path]).status == 0)
        for f in ["employers.csv", "register.csv", "payroll.csv", "collaborations.csv"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(f)) == Data(contentsOf: b.appendingPathComponent(f)), "\(f)")
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: a.appendingPathComponent("manifest.json"))) as! [String: Any]
        let q = manifest["quota_percent"] as! [String: String]
        let out = Self.tempDir()
        let r = try Self.run(["quota", "--year", "2024", "--in", a.path, "--out", out.path,
                              "--quota-percent", "markt=\(q["markt"]!)", "--quota-percent", "overheid=\(q["overheid"]!)", "--quota-percent", "total=\(q["total"]!)"])
        #expect(r.status == 0, "\(r.stderr)")
        let national = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("national.json"))) as! [String: Any]
        let rows = national["rows"] as! [String: [String: Int]]
        let expected = manifest["expected_counts"] as! [String: [String: Int]]
        for (file, counts) in expected {
            let key = String(file.dropLast(4))
            for (k, v) in counts { #expect(rows[key]?[k] == v, "\(file) \(k)") }
        }
    }
}
