#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// A run finishes whole or leaves nothing behind: the probes of the issue, run against the built binary.
/// Full disks, kills at a chosen byte and stalls mid-write use the binary's test seams (FileIO.swift), so no
/// mount is needed.
@Suite("A run finishes whole or leaves nothing behind")
struct RunSafetyTests {
    struct Run {
        var status: Int32
        var signalled: Bool
        var stdout: String
        var stderr: String
    }

    static let input = CLITests.fixtures.appendingPathComponent("hand10/input").path
    static let percent = CLITests.hand10Percent

    /// A scratch area: `parent/out` is the output folder, `tmp` the run's TMPDIR.
    struct Scratch {
        let root = CLITests.tempDir()
        var parent: URL { root.appendingPathComponent("results") }
        var out: URL { parent.appendingPathComponent("out") }
        var tmp: URL { root.appendingPathComponent("tmp") }
        init() {
            try! FileManager.default.createDirectory(at: root.appendingPathComponent("results"), withIntermediateDirectories: true)
            try! FileManager.default.createDirectory(at: root.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        }
        func quota(_ extra: [String] = [], input: String = RunSafetyTests.input) -> [String] {
            ["quota", "--year", "2024", "--in", input, "--out", out.path] + RunSafetyTests.percent + extra
        }
        /// Everything beside `out` in its parent, and everything in TMPDIR.
        func leftovers() -> [String] {
            let beside = ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []).filter { $0 != "out" }
            let temp = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
            return beside.sorted() + temp.sorted().map { "TMPDIR/" + $0 }
        }
        /// File name → contents of `out`.
        func snapshot() -> [String: Data] {
            var s: [String: Data] = [:]
            for f in (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? [] {
                s[f] = FileManager.default.contents(atPath: out.appendingPathComponent(f).path)
            }
            return s
        }
    }

    static func start(_ args: [String], env: [String: String], stderrFile: URL? = nil) throws -> (Process, Pipe, Pipe?) {
        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = args
        var e = ProcessInfo.processInfo.environment
        for (k, v) in env { e[k] = v }
        p.environment = e
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        var err: Pipe?
        if let stderrFile {
            FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
            p.standardError = try FileHandle(forWritingTo: stderrFile)
        } else {
            err = Pipe()
            p.standardError = err
        }
        try p.run()
        return (p, out, err)
    }

    static func run(_ args: [String], env: [String: String] = [:], stdin: String? = nil) throws -> Run {
        let (p, out, err) = try start(args, env: env)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err!.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal,
                   stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Waits (up to 60 s) until `file` contains `text`.
    static func waitFor(_ text: String, in file: URL) -> Bool {
        for _ in 0..<600 {
            if let d = FileManager.default.contents(atPath: file.path), String(decoding: d, as: UTF8.self).contains(text) { return true }
            usleep(100_000)
        }
        return false
    }

    // MARK: 1. Stale or truncated outputs

    @Test("1a. a run that fails on a bad header leaves the previous outputs exactly as they were")
    func failedRunKeepsPrevious() throws {
        let s = Scratch()
        let good = try Self.run(s.quota(), env: ["TMPDIR": s.tmp.path])
        #expect(good.status == 0, "\(good.stderr)")
        let before = s.snapshot()
        #expect(before.keys.sorted() == ["employers.csv", "national.json", "quotumpercentage.json", "rejected.csv", "report.html"])
        let bad = s.root.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        for f in ["register.csv", "payroll.csv"] { try FileManager.default.copyItem(atPath: Self.input + "/" + f, toPath: bad.appendingPathComponent(f).path) }
        try "employer_idx,sector\n".write(to: bad.appendingPathComponent("employers.csv"), atomically: true, encoding: .utf8)
        let r = try Self.run(s.quota(input: bad.path), env: ["TMPDIR": s.tmp.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("employer_idx"))
        #expect(r.stderr.contains("the run failed; \(s.out.path) is as it was before the run"))
        #expect(s.snapshot() == before)
        #expect(s.leftovers() == [])
    }

    @Test("1b. kill -9 while employers.csv is being written leaves the previous outputs; the next run tidies up", arguments: [10, 400, 3000])
    func killAtByte(_ byte: Int) throws {
        let s = Scratch()
        #expect(try Self.run(s.quota(), env: ["TMPDIR": s.tmp.path]).status == 0)
        let before = s.snapshot()
        let killed = try Self.run(s.quota(["--surcharge-percent", "1.000"]),
                                  env: ["TMPDIR": s.tmp.path, "BANENAFSPRAAK_TEST_KILL_AT_BYTE": s.parent.path + "/:\(byte)"])
        #expect(killed.signalled && killed.status == SIGKILL)
        #expect(s.snapshot() == before)
        #expect(s.leftovers().contains { $0.hasPrefix(".out.partial-") }, "a killed run cannot clean up: \(s.leftovers())")
        let next = try Self.run(s.quota(["--surcharge-percent", "1.000"]), env: ["TMPDIR": s.tmp.path])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(s.leftovers() == [])
        #expect(s.snapshot()["employers.csv"] != before["employers.csv"])
        #expect(s.snapshot()["national.json"] != before["national.json"])
    }

    @Test("1c. a full disk at --out fails with the path and the reason; the previous outputs stay")
    func fullDiskAtOut() throws {
        let s = Scratch()
        #expect(try Self.run(s.quota(), env: ["TMPDIR": s.tmp.path]).status == 0)
        let before = s.snapshot()
        let r = try Self.run(s.quota(["--surcharge-percent", "1.000"]),
                             env: ["TMPDIR": s.tmp.path, "BANENAFSPRAAK_TEST_FULL_DISK": s.parent.path + "/:1000"])
        #expect(r.status == 1 && !r.signalled)
        #expect(r.stderr.contains("No space left on device"))
        #expect(r.stderr.contains(s.parent.path + "/.out.partial-"))
        #expect(s.snapshot() == before)
        #expect(s.leftovers() == [])
    }

    // MARK: 2. Concurrent runs

    @Test("2. a second run into a busy folder fails at once naming it; SIGTERM on the first leaves nothing behind")
    func concurrentRuns() throws {
        let s = Scratch()
        #expect(try Self.run(s.quota(), env: ["TMPDIR": s.tmp.path]).status == 0)
        let before = s.snapshot()
        let log = s.root.appendingPathComponent("first.stderr")
        let (first, _, _) = try Self.start(s.quota(["--surcharge-percent", "1.000"]),
                                           env: ["TMPDIR": s.tmp.path, "BANENAFSPRAAK_TEST_STALL_AT_BYTE": s.parent.path + "/:100"], stderrFile: log)
        #expect(Self.waitFor("test seam: stalled", in: log))
        let started = Date()
        let second = try Self.run(s.quota(), env: ["TMPDIR": s.tmp.path])
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(second.status == 1)
        #expect(second.stderr.contains(s.out.path) && second.stderr.contains("another run is writing into this output folder"))
        kill(first.processIdentifier, SIGTERM)
        first.waitUntilExit()
        #expect(first.terminationStatus == 128 + SIGTERM)
        #expect(s.snapshot() == before)
        #expect(s.leftovers() == [])
    }

    // MARK: 4. Crashes

    @Test("4a. a full TMPDIR is an error naming the temporary file, not a crash; nothing is left")
    func fullTmpdir() throws {
        let s = Scratch()
        let r = try Self.run(s.quota(), env: ["TMPDIR": s.tmp.path, "BANENAFSPRAAK_TEST_FULL_DISK": s.tmp.path + "/:100"])
        #expect(r.status == 1 && !r.signalled)
        #expect(r.stderr.contains("No space left on device") && r.stderr.contains(s.tmp.path + "/banenafspraak-run-"))
        #expect(!FileManager.default.fileExists(atPath: s.out.path))
        #expect(s.leftovers() == [])
    }

    @Test("4b. calc: values that would overflow are an error naming the field, exit 2")
    func calcOverflow() throws {
        let huge = "\"10000000000.00\""
        let c = try CLITests.run(["calc", "--case", "-"], stdin: "{\"calculator\":\"jobcoach\",\"date\":\"2024-05-01\",\"input\":{\"coach_hours\":\(huge),\"coached_hours\":\(huge),\"coach_hourly_wage\":\(huge)}}")
        #expect(c.status == 2)
        let json = try JSONSerialization.jsonObject(with: Data(c.stdout.utf8)) as? [String: [String: String]]
        #expect(json?["error"]?["field"] == "input.coach_hours")
    }

    @Test("4c. calc: JSON nested 100,000 deep or larger than 1 MiB is an error, exit 2")
    func calcDeepJSON() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        var c = try CLITests.run(["calc", "--case", "-"], stdin: deep)
        #expect(c.status == 2)
        #expect(c.stdout.contains("nested deeper than 64 levels"))
        let big = CLITests.tempDir().appendingPathComponent("big.json")
        try ("{\"calculator\":\"" + String(repeating: "x", count: 1 << 21) + "\"}").write(to: big, atomically: true, encoding: .utf8)
        c = try CLITests.run(["calc", "--case", big.path])
        #expect(c.status == 2)
        #expect(c.stdout.contains("larger than"))
    }

    // MARK: 5. Temporary files

    @Test("5. SIGINT and SIGTERM in the middle of the temporary writes remove every temporary file", arguments: [SIGINT, SIGTERM])
    func signalsRemoveTemporaryFiles(_ sig: Int32) throws {
        let s = Scratch()
        let log = s.root.appendingPathComponent("run.stderr")
        let (p, _, _) = try Self.start(s.quota(), env: ["TMPDIR": s.tmp.path, "BANENAFSPRAAK_TEST_STALL_AT_BYTE": s.tmp.path + "/:0"], stderrFile: log)
        #expect(Self.waitFor("test seam: stalled", in: log))
        let runs = try FileManager.default.contentsOfDirectory(atPath: s.tmp.path)
        #expect(runs.count == 1 && runs[0].hasPrefix("banenafspraak-run-\(p.processIdentifier)-"))
        let files = FileManager.default.enumerator(atPath: s.tmp.path)?.allObjects.count ?? 0
        #expect(files >= 64, "the 64 partition files exist while the run is stalled")
        kill(p.processIdentifier, sig)
        p.waitUntilExit()
        #expect(p.terminationStatus == 128 + sig)
        #expect(s.leftovers() == [])
        #expect(!FileManager.default.fileExists(atPath: s.out.path))
    }

    @Test("5. leftovers of a process that no longer lives are removed at the next start; a live one's are kept")
    func staleLeftovers() throws {
        let s = Scratch()
        let dead = s.tmp.appendingPathComponent("banenafspraak-run-2147483646-AbCdEf")
        let live = s.tmp.appendingPathComponent("banenafspraak-run-\(getpid())-AbCdEf")
        for d in [dead, live] {
            try FileManager.default.createDirectory(at: d.appendingPathComponent("dedup-1"), withIntermediateDirectories: true)
            try Data(count: 4096).write(to: d.appendingPathComponent("dedup-1/0"))
        }
        let r = try Self.run(s.quota(), env: ["TMPDIR": s.tmp.path])
        #expect(r.status == 0)
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
        #expect(s.leftovers() == ["TMPDIR/" + live.lastPathComponent])
    }

    @Test("5. an empty TMPDIR means /tmp, never /")
    func emptyTmpdir() throws {
        let s = Scratch()
        let r = try Self.run(s.quota(), env: ["TMPDIR": ""])
        #expect(r.status == 0, "\(r.stderr)")
        let root = (try? FileManager.default.contentsOfDirectory(atPath: "/")) ?? []
        #expect(!root.contains { $0.hasPrefix("banenafspraak") })
    }

    // MARK: 6. Rough edges

    @Test("6. a folder where a file should be, a file where the folder should be, a foreign file in --out: readable errors, exit 1")
    func readableErrors() throws {
        let s = Scratch()
        let input = s.root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input.appendingPathComponent("payroll.csv"), withIntermediateDirectories: true)
        for f in ["employers.csv", "register.csv"] { try FileManager.default.copyItem(atPath: Self.input + "/" + f, toPath: input.appendingPathComponent(f).path) }
        var r = try Self.run(s.quota(input: input.path), env: ["TMPDIR": s.tmp.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains(input.appendingPathComponent("payroll.csv").path + ": cannot read the file: it is a folder"))
        #expect(!r.stderr.contains("errno 21)") || r.stderr.contains("Is a directory"))

        try "x".write(to: s.out, atomically: true, encoding: .utf8)
        r = try Self.run(s.quota(), env: ["TMPDIR": s.tmp.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains(s.out.path + ": the output folder is a file"))
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
        try FileManager.default.removeItem(at: s.out)

        try FileManager.default.createDirectory(at: s.out, withIntermediateDirectories: true)
        try "keep me".write(to: s.out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        r = try Self.run(s.quota(), env: ["TMPDIR": s.tmp.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("notes.txt"))
        #expect(FileManager.default.fileExists(atPath: s.out.appendingPathComponent("notes.txt").path))
        #expect(s.leftovers() == [])
    }

    @Test("6. invalid UTF-8 and NUL in name are rejected; rejected.csv and report.html stay valid UTF-8 with the bytes escaped")
    func invalidBytes() throws {
        let s = Scratch()
        let input = s.root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for f in ["register.csv", "payroll.csv", "collaborations.csv"] { try FileManager.default.copyItem(atPath: Self.input + "/" + f, toPath: input.appendingPathComponent(f).path) }
        var employers = Array("employer_id,name,sector,region,staffing_agency,prior_year_hours\n".utf8)
        employers += Array("EX1,Bad".utf8) + [0xFF] + Array(",markt,AMR01,false,\n".utf8)
        employers += Array("EX2,Nul".utf8) + [0x00] + Array("l,markt,AMR01,false,\n".utf8)
        let original = try String(contentsOfFile: Self.input + "/employers.csv", encoding: .utf8).split(separator: "\n")
        // The fixture has no name column: add an empty one, in the header's order.
        let header = original[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for line in original.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let v = Dictionary(uniqueKeysWithValues: zip(header, f))
            employers += Array("\(v["employer_id"]!),,\(v["sector"]!),\(v["region"]!),\(v["staffing_agency"]!),\(v["prior_year_hours"] ?? "")\n".utf8)
        }
        try Data(employers).write(to: input.appendingPathComponent("employers.csv"))
        let r = try Self.run(s.quota(input: input.path), env: ["TMPDIR": s.tmp.path])
        #expect(r.status == 0, "\(r.stderr)")
        let rejected = try #require(FileManager.default.contents(atPath: s.out.appendingPathComponent("rejected.csv").path))
        let text = try #require(String(data: rejected, encoding: .utf8), "rejected.csv is valid UTF-8")
        #expect(text.contains("employers.csv,2,name,") && text.contains("EX1,Bad\\xFF,markt"))
        #expect(text.contains("employers.csv,3,name,") && text.contains("EX2,Nul\\x00l,markt"))
        let html = try #require(FileManager.default.contents(atPath: s.out.appendingPathComponent("report.html").path))
        #expect(String(data: html, encoding: .utf8) != nil)
        #expect(!html.contains(0))
    }

    @Test("6. explain shows a raw id escaped; --format json reports errors as JSON")
    func explainErrors() throws {
        var r = try Self.run(["explain", "--year", "2024", "--in", Self.input, "--employer", "E1\nX"] + Self.percent)
        #expect(r.status == 1)
        #expect(r.stderr.contains("employer \"E1\\u{a}X\" is not among"))
        r = try Self.run(["explain", "--year", "2024", "--in", Self.input, "--employer", "NOPE", "--format", "json"] + Self.percent)
        #expect(r.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: [String: String]]
        #expect(json?["error"]?["message"]?.contains("NOPE") == true)
    }

    // MARK: 3. One stray quote

    @Test("3. a stray quote on payroll line 100 rejects that line only: read stays 662, one employer's figures change")
    func strayQuoteEndToEnd() throws {
        let s = Scratch()
        #expect(try Self.run(s.quota(), env: ["TMPDIR": s.tmp.path]).status == 0)
        let before = s.snapshot()
        let input = s.root.appendingPathComponent("in")
        try FileManager.default.copyItem(atPath: Self.input, toPath: input.path)
        var lines = try String(contentsOfFile: input.appendingPathComponent("payroll.csv").path, encoding: .utf8).components(separatedBy: "\n")
        var f = lines[99].components(separatedBy: ",")
        f[5] = "\"" + f[5]
        lines[99] = f.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: input.appendingPathComponent("payroll.csv"), atomically: true, encoding: .utf8)
        let r = try Self.run(s.quota(input: input.path), env: ["TMPDIR": s.tmp.path])
        #expect(r.status == 0)
        #expect(r.stderr.contains("payroll.csv: read 662 = accepted 660 + rejected 1, outside year 1"))
        let rejected = String(decoding: s.snapshot()["rejected.csv"]!, as: UTF8.self)
        #expect(rejected.contains("payroll.csv,100,wage,malformed: unbalanced quote,"))
        let old = String(decoding: before["employers.csv"]!, as: UTF8.self).split(separator: "\n")
        let new = String(decoding: s.snapshot()["employers.csv"]!, as: UTF8.self).split(separator: "\n")
        let changed = zip(old, new).filter { $0 != $1 }.map { $0.0.split(separator: ",")[0] }
        #expect(changed.count <= 2, "only the employer of line 100 (and a hirer) may change: \(changed)")
        #expect(changed.contains(Substring(f[1])))
    }
}
