import Foundation
import Testing

/// Every output whole, no value able to make the arithmetic trap, no store silently made or damaged (issue 24).
@Suite("hardening on the command line (issue 24)")
struct HardeningCLITests {
    static let hand10 = StoreCLITests.hand10
    static let reforms = SimulateCLITests.reforms

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let hugeBonus = #"{"name": "groot", "parameters": [{"id": "simplified.bonus_hourly", "values": [{"value": "9999999999999999.99", "valid_from": "2024-01-01"}]}]}"#

    @Test("a value beyond its unit's bound: simulate and quota --params refuse it, naming it, and never trap")
    func boundedValues() throws {
        let dir = CLITests.tempDir()
        let reform = try Self.write(Self.hugeBonus, "groot.json", in: dir)
        let s = try CLITests.run(["simulate", "--year", "2024", "--in", Self.hand10, "--reform", reform, "--out", dir.appendingPathComponent("sim").path] + CLITests.hand10Percent)
        #expect(s.status == 2, "\(s.stderr)")
        #expect(s.stderr.contains("$.parameters[0].values[0].value: \"9999999999999999.99\" is above the bound of unit money"))
        let params = try Self.write(#"{"parameters": [{"id": "simplified.bonus_hourly", "unit": "money", "values": [{"value": "9999999999999999.99", "valid_from": "2024-01-01", "source": "t"}]}]}"#, "p.json", in: dir)
        let q = try CLITests.run(["quota", "--year", "2024", "--in", Self.hand10, "--out", dir.appendingPathComponent("q").path, "--params", params] + CLITests.hand10Percent)
        #expect(q.status == 1, "\(q.stderr)")
        #expect(q.stderr.contains("parameter simplified.bonus_hourly: value #1: value \"9999999999999999.99\" is beyond the bound of unit money"))
        for flag in [["--sweep", "simplified.bonus_hourly=1.00:9999999999999999.99:1000000000000000.00"],
                     ["--solve", "simplified.bonus_hourly=0:9999999999999999.99", "--target", "bonus=0"]] {
            let r = try CLITests.run(["simulate", "--year", "2024", "--in", Self.hand10, "--out", dir.appendingPathComponent("sweep").path] + flag + CLITests.hand10Percent)
            #expect(r.status == 2, "\(flag) \(r.stderr)")
            #expect(r.stderr.contains("goes up to at most 1000000000.00"), "\(r.stderr)")
        }
    }

    @Test("a reform file is read up to 1 MiB: /dev/zero is refused, not read until memory runs out")
    func reformSize() throws {
        let r = try CLITests.run(["simulate", "--year", "2024", "--in", Self.hand10, "--reform", "/dev/zero", "--out", CLITests.tempDir().appendingPathComponent("z").path] + CLITests.hand10Percent)
        #expect(r.status == 2)
        #expect(r.stderr.contains("/dev/zero: $: the file is larger than 1048576 bytes; a reform is at most 1 MiB"))
    }

    @Test("--solve on a goal the total never crosses: no solution in the range, exit 1")
    func solveWithoutSolution() throws {
        let out = CLITests.tempDir().appendingPathComponent("solve")
        let r = try CLITests.run(["simulate", "--year", "2024", "--in", Self.hand10, "--out", out.path,
                                  "--solve", "quota.levy_per_job=0:10000", "--target", "bonus=0"] + CLITests.hand10Percent)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("no solution in this range"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("solve.json").path))
    }

    @Test("more than 100 --reform flags are refused; a long command is repeated in each receipt only up to 4096 bytes")
    func reformCap() throws {
        let dir = CLITests.tempDir()
        let reform = Self.reforms.appendingPathComponent("levy-6000.json").path
        let many = (0..<101).flatMap { _ in ["--reform", reform] }
        let r = try CLITests.run(["simulate", "--year", "2024", "--in", Self.hand10, "--out", dir.appendingPathComponent("a").path] + many + CLITests.hand10Percent)
        #expect(r.status != 0)
        #expect(r.stderr.contains("at most 100 --reform flags, not 101"))
        // Two reforms in a deep folder: a command of more than 5,000 bytes, repeated in each receipt only in part.
        var deep = dir
        for _ in 0..<12 { deep = deep.appendingPathComponent(String(repeating: "d", count: 200)) }
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        let text = try Data(contentsOf: URL(fileURLWithPath: reform))
        for name in ["a.json", "b.json"] { try text.write(to: deep.appendingPathComponent(name)) }
        let out = dir.appendingPathComponent("b")
        let s = try CLITests.run(["simulate", "--year", "2024", "--in", Self.hand10, "--reform", deep.appendingPathComponent("a.json").path,
                                  "--reform", deep.appendingPathComponent("b.json").path, "--out", out.path] + CLITests.hand10Percent)
        #expect(s.status == 0, "\(s.stderr)")
        for sub in try FileManager.default.contentsOfDirectory(atPath: out.path) where !sub.hasSuffix(".html") && !sub.hasSuffix(".json") && !sub.hasSuffix(".csv") {
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(sub).appendingPathComponent("summary.json"))) as! [String: Any]
            let command = (summary["receipt"] as! [String: Any])["command"] as! String
            #expect(command.utf8.count < 4300, "\(command.utf8.count)")
            #expect(command.contains("bytes, SHA-256 "))
        }
    }

    @Test("quota --store killed after the store's commit: the run stays hidden, --out is as before, and the next run removes it")
    func killedAfterStore() throws {
        let dir = CLITests.tempDir()
        let store = dir.appendingPathComponent("s.sqlite").path
        let out = dir.appendingPathComponent("out")
        let args = ["quota", "--year", "2024", "--in", Self.hand10, "--out", out.path, "--store", store]
        let first = try StoreCLITests.run(args + CLITests.hand10Percent)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Data(contentsOf: out.appendingPathComponent("employers.csv"))
        let changed = ["--quota-percent", "markt=12.00", "--quota-percent", "overheid=5.97", "--quota-percent", "total=3.33"]
        let killed = try StoreCLITests.run(args + changed, environment: ["BANENAFSPRAAK_TEST_STORE_KILL_AT": "stored"])
        #expect(killed.killedBySignal)
        #expect(try Data(contentsOf: out.appendingPathComponent("employers.csv")) == before)
        let runs = try StoreCLITests.run(["runs", "--store", store])
        #expect(runs.stdout.split(separator: "\n").map { $0.prefix(2) } == ["1\t"])
        let next = try StoreCLITests.run(args + changed)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("store: run 2 of "))
        #expect(next.stderr.contains("which ended before its outputs were in place; it never finished, and is removed"))
        #expect(next.stdout.contains("stored as run 3 in \(store)"))
        let after = try StoreCLITests.run(["runs", "--store", store])
        #expect(after.stdout.split(separator: "\n").map { $0.prefix(2) } == ["1\t", "3\t"])
    }

    @Test("a second writer waits for the store's lock, says so, and keeps its run")
    func waitsForLock() throws {
        let dir = CLITests.tempDir()
        let store = dir.appendingPathComponent("s.sqlite").path
        #expect(try StoreCLITests.quota(store: store).status == 0)
        // Another process holds the write lock until told to let go.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('BEGIN IMMEDIATE')\nprint('locked', flush=True)\nsys.stdin.readline()\nc.execute('COMMIT')\n", store]
        let holderIn = Pipe(), holderOut = Pipe()
        holder.standardInput = holderIn
        holder.standardOutput = holderOut
        try holder.run()
        #expect(String(decoding: holderOut.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("locked"))
        let writer = Process()
        writer.executableURL = CLITests.binary
        writer.arguments = ["quota", "--year", "2024", "--in", Self.hand10, "--out", dir.appendingPathComponent("out").path, "--store", store] + CLITests.hand10Percent
        let err = Pipe(), out = Pipe()
        writer.standardError = err
        writer.standardOutput = out
        try writer.run()
        var stderr = ""
        while !stderr.contains("waiting for it to finish") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            stderr += String(decoding: chunk, as: UTF8.self)
        }
        #expect(stderr.contains("is being written by another process; waiting for it to finish (this run is kept and written next)"))
        holderIn.fileHandleForWriting.write(Data("go\n".utf8))
        holder.waitUntilExit()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = err.fileHandleForReading.readDataToEndOfFile()
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        #expect(stdout.contains("stored as run 2 in \(store)"))
    }

    @Test("a new store is readable by its owner only (0600)")
    func storeMode() throws {
        let store = CLITests.tempDir().appendingPathComponent("s.sqlite").path
        #expect(try StoreCLITests.quota(store: store).status == 0)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: store)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }

    @Test("a damaged store: quota --store and serve refuse it, naming the file and what to do, and leave it as it is")
    func damagedStore() throws {
        let dir = CLITests.tempDir()
        let store = dir.appendingPathComponent("s.sqlite").path
        #expect(try StoreCLITests.quota(store: store).status == 0)
        // Checkpoint the WAL into the file, then overwrite a page in the middle.
        #expect(try StoreCLITests.run(["runs", "--store", store]).status == 0)
        let fix = Process()
        fix.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        fix.arguments = ["-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute('PRAGMA wal_checkpoint(TRUNCATE)')\nc.close()\n", store]
        try fix.run(); fix.waitUntilExit()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        #expect(bytes.count > 5 * 4096)
        for i in (3 * 4096)..<(3 * 4096 + 2000) { bytes[i] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: store))
        let q = try StoreCLITests.quota(store: store)
        #expect(q.status == 1, "\(q.stderr)")
        #expect(q.stderr.contains("the store \(store) is damaged"))
        #expect(q.stderr.contains("Restore it from a backup, or move it aside"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == bytes)
        let serve = try StoreCLITests.run(["serve", "--store", store, "--port", "0"])
        #expect(serve.status == 1)
        #expect(serve.stderr.contains("the store \(store) is damaged"))
    }

    @Test("token issue on a path without a store: an error, and no store is made")
    func tokenOnMissingStore() throws {
        let missing = CLITests.tempDir().appendingPathComponent("typo.sqlite").path
        let r = try CLITests.run(["token", "issue", "--store", missing, "--role", "analyst"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("there is no results store at \(missing); token commands work on an existing store"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test("a store in a folder this user cannot write: a message that says so (as root: checked as the user nobody)",
          .enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser")))
    func readOnlyFolder() throws {
        let dir = CLITests.tempDir()
        let store = dir.appendingPathComponent("s.sqlite").path
        #expect(try StoreCLITests.quota(store: store).status == 0)
        #expect(try StoreCLITests.run(["runs", "--store", store]).status == 0)
        try? FileManager.default.removeItem(atPath: store + "-wal")
        try? FileManager.default.removeItem(atPath: store + "-shm")
        let r: StoreCLITests.Run
        if getuid() == 0 {
            // The folder stays root's (0755) and the store is made readable: nobody can read it, not write beside it.
            chmod(store, 0o644)
            r = try StoreCLITests.run(["-u", "nobody", "--", CLITests.binary.path, "runs", "--store", store], executable: "/usr/sbin/runuser")
        } else {
            chmod(dir.path, 0o555)
            defer { chmod(dir.path, 0o755) }
            r = try StoreCLITests.run(["runs", "--store", store])
        }
        #expect(r.status == 1)
        #expect(r.stderr.contains("its folder \(dir.path) cannot be written"), "\(r.stderr)")
    }

    @Test("a symbolic link as --out is followed and stays a link; a link to nothing is refused", arguments: ["quota", "simulate"])
    func symlinkedOut(_ command: String) throws {
        let dir = CLITests.tempDir()
        let real = dir.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let link = dir.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: real.path)
        let extra = command == "simulate" ? ["--reform", Self.reforms.appendingPathComponent("levy-6000.json").path] : []
        let r = try CLITests.run([command, "--year", "2024", "--in", Self.hand10, "--out", link.path] + extra + CLITests.hand10Percent)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("employers.csv").path))
        // With a final slash, the same.
        let again = try CLITests.run([command, "--year", "2024", "--in", Self.hand10, "--out", link.path + "/"] + extra + CLITests.hand10Percent)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("employers.csv").path))
        let dangling = dir.appendingPathComponent("dangling")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: dir.appendingPathComponent("nothing").path)
        let d = try CLITests.run([command, "--year", "2024", "--in", Self.hand10, "--out", dangling.path] + extra + CLITests.hand10Percent)
        #expect(d.status == 1)
        #expect(d.stderr.contains("is a symbolic link to something that does not exist"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dangling.path) == dir.appendingPathComponent("nothing").path)
    }

    @Test("explain --all --out is all or nothing: the letters replace the folder whole, a folder with other files is refused, a link is followed")
    func lettersWhole() throws {
        let dir = CLITests.tempDir()
        let store = dir.appendingPathComponent("s.sqlite").path
        #expect(try StoreCLITests.quota(store: store).status == 0)
        let letters = dir.appendingPathComponent("letters")
        let all = try CLITests.run(["explain", "--store", store, "--run", "1", "--all", "--out", letters.path])
        #expect(all.status == 0, "\(all.stderr)")
        let everyone = try FileManager.default.contentsOfDirectory(atPath: letters.path).sorted()
        #expect(everyone.count == 10)
        let levy = try CLITests.run(["explain", "--store", store, "--run", "1", "--all", "--with-levy", "--out", letters.path])
        #expect(levy.status == 0, "\(levy.stderr)")
        let withLevy = try FileManager.default.contentsOfDirectory(atPath: letters.path).sorted()
        #expect(withLevy.count < everyone.count && !withLevy.isEmpty)   // not the letters of two runs mixed
        try "mine\n".write(to: letters.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let refused = try CLITests.run(["explain", "--store", store, "--run", "1", "--all", "--out", letters.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("holds files that a run does not write (notes.txt)"))
        #expect(FileManager.default.fileExists(atPath: letters.appendingPathComponent("notes.txt").path))
        let real = dir.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let link = dir.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: real.path)
        #expect(try CLITests.run(["explain", "--store", store, "--run", "1", "--all", "--out", link.path]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: real.path).count == 10)
    }
}
