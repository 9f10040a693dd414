import BanenafspraakTestSupport
import Foundation
import Testing

/// The results store from the command line (spec 9): `quota --store`, `runs`, `diff`, `explain --store`, letters,
/// a killed run, and the errors a user sees.
@Suite("Results store on the command line (spec 9)")
struct StoreCLITests {
    struct Run {
        var status: Int32
        var killedBySignal: Bool
        var stdout: String
        var stderr: String
    }

    static func run(_ args: [String], environment: [String: String] = [:], executable: String? = nil) throws -> Run {
        let p = Process()
        p.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? CLITests.binary
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, killedBySignal: p.terminationReason == .uncaughtSignal,
                   stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static let hand10 = CLITests.fixtures.appendingPathComponent("hand10/input").path

    /// `quota --store` on hand10 with the fixture's percentages (or `percent`), into `store`.
    static func quota(store: String, percent: [String] = CLITests.hand10Percent, environment: [String: String] = [:]) throws -> Run {
        try run(["quota", "--year", "2024", "--in", hand10, "--out", CLITests.tempDir().path, "--store", store] + percent,
                environment: environment)
    }

    @Test("quota --store writes a run; runs lists it with its receipt, as text and JSON")
    func quotaAndRuns() throws {
        let store = CLITests.tempDir().appendingPathComponent("runs.sqlite").path
        let q = try Self.quota(store: store)
        #expect(q.status == 0, "\(q.stderr)")
        #expect(q.stdout.contains("stored as run 1 in \(store)"))
        let text = try Self.run(["runs", "--store", store])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("1\t2024\t") == true)
        let json = try Self.run(["runs", "--store", store, "--format", "json"])
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs[0]["id"] as? Int == 1)
        #expect(runs[0]["year"] as? Int == 2024)
        #expect(runs[0]["created_at"] is String)
        let receipt = try #require(runs[0]["receipt"] as? [String: Any])
        let files = try #require(receipt["input_files"] as? [[String: Any]])
        #expect(files.map { $0["name"] as? String } == ["employers.csv", "register.csv", "payroll.csv", "collaborations.csv"])
        // The receipt's hash is the payroll file's SHA-256 (64 hex digits) and changes with the file.
        #expect((files[2]["sha256"] as? String)?.count == 64)
        #expect((receipt["parameters_sha256"] as? String)?.count == 64)
        #expect((receipt["flags"] as? [String])?.contains("--store") == true)
    }

    /// The inputs are hashed beside the store write, and the receipt is completed at its end (SQLite writes the
    /// `runs` row last, PostgreSQL updates it): the stored hashes must still be those of the files.
    @Test("the stored receipt holds each input file's SHA-256 and size, on every back-end", arguments: StoreBackend.configured)
    func receiptHashes(_ backend: StoreBackend) throws {
        let store = try backend.freshAddress("receipt")
        let q = try Self.quota(store: store)
        #expect(q.status == 0, "\(q.stderr)")
        let json = try Self.run(["runs", "--store", store, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let receipt = try #require(runs.first?["receipt"] as? [String: Any])
        let files = try #require(receipt["input_files"] as? [[String: Any]])
        #expect(files.count == 4)
        for file in files {
            let name = try #require(file["name"] as? String)
            let path = URL(fileURLWithPath: Self.hand10).appendingPathComponent(name).path
            let sum = try Self.run([path], executable: "/usr/bin/sha256sum")
            #expect(file["sha256"] as? String == String(sum.stdout.prefix(64)), "\(name)")
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
            #expect(file["bytes"] as? Int == size, "\(name)")
        }
    }

    @Test("explain --store gives exactly the rescanning explain, text and JSON", arguments: ["E2", "E4", "E6", "E10"])
    func explainEqual(_ employer: String) throws {
        let store = CLITests.tempDir().appendingPathComponent("explain.sqlite").path
        #expect(try Self.quota(store: store).status == 0)
        for format in ["text", "json"] {
            let stored = try Self.run(["explain", "--store", store, "--run", "1", "--employer", employer, "--format", format])
            let scanned = try Self.run(["explain", "--year", "2024", "--in", Self.hand10, "--employer", employer, "--format", format,
                                        "--pseudonyms-of", store] + CLITests.hand10Percent)
            #expect(stored.status == 0, "\(stored.stderr)")
            #expect(scanned.status == 0, "\(scanned.stderr)")
            #expect(!stored.stdout.isEmpty)
            #expect(stored.stdout == scanned.stdout, "\(employer) \(format)")
        }
    }

    @Test("a run killed while it is being written leaves no trace in the store", arguments: ["employers", "lines"])
    func killed(_ stage: String) throws {
        let store = CLITests.tempDir().appendingPathComponent("killed.sqlite").path
        let killed = try Self.quota(store: store, environment: ["BANENAFSPRAAK_TEST_STORE_KILL_AT": stage])
        #expect(killed.killedBySignal)
        #expect(!killed.stdout.contains("stored as run"))
        let runs = try Self.run(["runs", "--store", store, "--format", "json"])
        #expect(runs.status == 0, "\(runs.stderr)")
        #expect(runs.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let again = try Self.quota(store: store)
        #expect(again.status == 0)
        #expect(again.stdout.contains("stored as run 1 "))
    }

    @Test("diff lists the employers a correction touched, column by column")
    func diff() throws {
        let store = CLITests.tempDir().appendingPathComponent("diff.sqlite").path
        #expect(try Self.quota(store: store).status == 0)
        #expect(try Self.quota(store: store, percent: ["--quota-percent", "markt=11.17", "--quota-percent", "overheid=5.97",
                                                       "--quota-percent", "total=3.33", "--surcharge-percent", "0.500"]).status == 0)
        let same = try Self.run(["diff", "--store", store, "1", "1"])
        #expect(same.status == 0)
        #expect(same.stdout.isEmpty)
        let d = try Self.run(["diff", "--store", store, "1", "2", "--format", "json"])
        #expect(d.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(d.stdout.utf8)) as? [String: Any])
        let employers = try #require(object["employers"] as? [[String: Any]])
        #expect(!employers.isEmpty)
        // Only the surcharge (and so net) changed; the law of 2015 did not.
        for e in employers {
            let columns = Set((e["columns"] as? [[String: Any]] ?? []).compactMap { $0["column"] as? String })
            #expect(columns.isSubset(of: ["surcharge", "net"]), "\(e)")
            #expect(columns.contains("surcharge"))
        }
    }

    @Test("letters: one Dutch HTML letter per employer with a levy, summary first, persons in a table")
    func letters() throws {
        let store = CLITests.tempDir().appendingPathComponent("letters.sqlite").path
        let out = CLITests.tempDir()
        let q = try Self.run(["quota", "--year", "2024", "--in", Self.hand10, "--out", out.path, "--store", store] + CLITests.hand10Percent)
        #expect(q.status == 0)
        let csv = try String(contentsOf: out.appendingPathComponent("employers.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        let withLevy = csv.map { $0.split(separator: ",", omittingEmptySubsequences: false) }.filter { $0[8] != "0.00" }.map { String($0[0]) }
        #expect(!withLevy.isEmpty)
        let dir = CLITests.tempDir().appendingPathComponent("letters")
        let r = try Self.run(["explain", "--store", store, "--run", "1", "--all", "--with-levy", "--out", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == withLevy.map { "\($0).html" }.sorted())
        let letter = try String(contentsOf: dir.appendingPathComponent("E4.html"), encoding: .utf8)
        let summary = try #require(letter.range(of: "had u "))
        let explanation = try #require(letter.range(of: "Uitleg: quotumheffing"))
        #expect(summary.lowerBound < explanation.lowerBound)
        // The summary every output shares, addressed to the employer, in Dutch notation with the levy's article.
        #expect(letter.contains("tekort; de quotumheffing is € 18.500,00 (Wfsv art. 38h lid 4)."), "\(letter.prefix(3000))")
        #expect(letter.contains("<table class=\"data\">"))
        #expect(letter.contains("lang=\"nl\""))
        let all = try Self.run(["explain", "--store", store, "--run", "1", "--all", "--out", dir.appendingPathComponent("all").path])
        #expect(all.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("all").path).count == csv.count)
    }

    @Test("store errors name the store, the run or the employer, with exit status 1")
    func errors() throws {
        let dir = CLITests.tempDir()
        let notAStore = dir.appendingPathComponent("notes.txt").path
        try "hello\n".write(toFile: notAStore, atomically: true, encoding: .utf8)
        let a = try Self.run(["runs", "--store", notAStore])
        #expect(a.status == 1)
        #expect(a.stderr.contains("\(notAStore) is not a results store"))
        let q = try Self.quota(store: notAStore)
        #expect(q.status == 1)
        #expect(try String(contentsOfFile: notAStore, encoding: .utf8) == "hello\n")
        let missing = dir.appendingPathComponent("missing.sqlite").path
        let b = try Self.run(["runs", "--store", missing])
        #expect(b.status == 1)
        #expect(b.stderr.contains("no results store at \(missing)"))
        let store = dir.appendingPathComponent("s.sqlite").path
        #expect(try Self.quota(store: store).status == 0)
        let c = try Self.run(["explain", "--store", store, "--run", "9", "--employer", "E4"])
        #expect(c.status == 1)
        #expect(c.stderr.contains("there is no run 9 in \(store)"))
        let d = try Self.run(["explain", "--store", store, "--run", "1", "--employer", "NOPE"])
        #expect(d.status == 1)
        #expect(d.stderr.contains("employer NOPE is not in run 1"))
        let e = try Self.run(["diff", "--store", store, "1", "3"])
        #expect(e.status == 1)
        #expect(e.stderr.contains("there is no run 3"))
    }
}
