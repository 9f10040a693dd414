@testable import BanenafspraakBatch
import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakGenerate
import BanenafspraakIngest
import BanenafspraakParameters
import Foundation
import Testing

/// Duplicates are checked per person run in memory, with a whole-file check only for persons met in more than one
/// run (reading R6 in docs/readings.md: the first valid row by line number wins). Each test copies one accepted line
/// of the generated files somewhere else: the copy must be rejected as a duplicate at its own line, every figure must
/// stay as it was, and every other rejection must stay (at its shifted line).
@Suite("Duplicate check per person run")
struct PersonRunDuplicateTests {
    final class StatsBox: @unchecked Sendable { var stats: DuplicateCheckStats? }

    struct Outcome {
        var files: [String: String]
        var stats: DuplicateCheckStats
        var payroll: RowCounts?
        var duplicates: Int
    }

    /// The generated tiny files, their payroll data lines (without the header) and the header.
    struct Input {
        let dir: URL
        let header: String
        let lines: [String]
        let rejectedLines: Set<Int>

        func person(_ k: Int) -> Substring { lines[k].split(separator: ",", omittingEmptySubsequences: false)[1] }

        /// A data line that the base run accepted and that is no duplicate itself, at or after `k`.
        func acceptedLine(from k: Int) -> Int {
            var i = k
            while rejectedLines.contains(i + 2) { i += 1 }
            return i
        }
    }

    static func run(_ dir: URL, _ name: String, split: Bool = true,
                    personHash: (@Sendable (UnsafeBufferPointer<UInt8>) -> UInt64)? = nil) throws -> Outcome {
        let out = dir.appendingPathComponent(name)
        var o = QuotaOptions(year: 2024, inputDirectory: dir.path, outputDirectory: out.path, parameters: try ParameterFiles.loadDefault())
        o.quotaPercentOverrides = [.markt: BasisPoints(300), .overheid: BasisPoints(300), .combined: BasisPoints(300)]
        o.splitPayroll = split
        if let personHash { o.personHash = personHash }
        let box = StatsBox()
        o.duplicateCheckObserver = { box.stats = $0 }
        let r = try QuotaRun.run(o)
        try QuotaOutputs.write(r, to: out.path)
        var files: [String: String] = [:]
        for f in ["employers.csv", "rejected.csv", "national.json"] {
            files[f] = try String(contentsOf: out.appendingPathComponent(f), encoding: .utf8)
        }
        return Outcome(files: files, stats: try #require(box.stats), payroll: r.counts[.payroll],
                       duplicates: r.rejectionsByCode[.payroll]?[.duplicate] ?? 0)
    }

    static func input() throws -> (Input, Outcome) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID().uuidString)")
        _ = try SyntheticDataGenerator.generate(GeneratorOptions(scale: .tiny, year: 2024, seed: 11, outputDirectory: dir.path))
        let text = try String(contentsOf: dir.appendingPathComponent("payroll.csv"), encoding: .utf8)
        var all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if all.last == "" { all.removeLast() }
        let base = try run(dir, "base")
        var rejected = Set<Int>()
        for row in (base.files["rejected.csv"] ?? "").split(separator: "\n") where row.hasPrefix("payroll.csv,") {
            rejected.insert(Int(row.split(separator: ",")[1])!)
        }
        return (Input(dir: dir, header: all[0], lines: Array(all.dropFirst()), rejectedLines: rejected), base)
    }

    /// Writes `lines` as payroll.csv into a copy of the input folder.
    static func variant(_ input: Input, _ name: String, lines: [String]) throws -> URL {
        let dir = input.dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for f in try FileManager.default.contentsOfDirectory(atPath: input.dir.path) where f.hasSuffix(".csv") || f.hasSuffix(".json") {
            if f == "payroll.csv" { continue }
            try FileManager.default.copyItem(at: input.dir.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        try (([input.header] + lines).joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("payroll.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    /// The base run's payroll rejections with their line numbers moved past an inserted line at `inserted`.
    static func shifted(_ rejected: String, insertedAt inserted: Int) -> [String] {
        rejected.split(separator: "\n").map { row in
            guard row.hasPrefix("payroll.csv,") else { return String(row) }
            var parts = row.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            let n = Int(parts[1])!
            if n >= inserted { parts[1] = String(n + 1) }
            return parts.joined(separator: ",")
        }
    }

    /// The copy at physical line `copyLine` is the one new rejection (a duplicate); all else is as in `base`.
    static func expectOnlyTheCopyRejected(_ outcome: Outcome, base: Outcome, copyLine: Int) {
        #expect(outcome.files["employers.csv"] == base.files["employers.csv"])
        let rows = (outcome.files["rejected.csv"] ?? "").split(separator: "\n").map(String.init)
        let copyRows = rows.filter { $0.hasPrefix("payroll.csv,\(copyLine),") }
        #expect(copyRows.count == 1)
        #expect(copyRows.first?.contains(",period,\"duplicate:") == true)
        #expect(rows.filter { !$0.hasPrefix("payroll.csv,\(copyLine),") } == shifted(base.files["rejected.csv"] ?? "", insertedAt: copyLine))
        #expect(outcome.payroll?.read == (base.payroll?.read ?? 0) + 1)
        #expect(outcome.payroll?.rejected == (base.payroll?.rejected ?? 0) + 1)
        #expect(outcome.payroll?.accepted == base.payroll?.accepted)
    }

    @Test("the generated files list each person's lines together: no suspects, and the run straddling the split is joined")
    func generatedShape() throws {
        let (input, base) = try Self.input()
        defer { try? FileManager.default.removeItem(at: input.dir) }
        #expect(base.stats.suspectFingerprints == 0)
        #expect(base.stats.rescannedLines == 0)
        // The generator injects duplicates next to their originals, so there were candidate groups to verify.
        #expect(base.stats.candidateGroups > 0)
        let persons = Set(input.lines.indices.map { input.person($0) })
        #expect(base.stats.personRuns <= persons.count)
        let one = try Self.run(input.dir, "one", split: false)
        #expect(one.files["rejected.csv"] == base.files["rejected.csv"])
        #expect(one.files["employers.csv"] == base.files["employers.csv"])
        #expect(one.stats.personRuns == base.stats.personRuns)
    }

    @Test("a duplicate within a person run is rejected without a whole-file check", arguments: [false, true])
    func withinRun(split: Bool) throws {
        let (input, base) = try Self.input()
        defer { try? FileManager.default.removeItem(at: input.dir) }
        // A line in the first quarter whose person has a next line: the copy goes right after that next line.
        var k = input.acceptedLine(from: input.lines.count / 4)
        while input.person(k) != input.person(k + 1) { k = input.acceptedLine(from: k + 1) }
        var lines = input.lines
        lines.insert(input.lines[k], at: k + 2)
        let outcome = try Self.run(try Self.variant(input, "within", lines: lines), "out", split: split)
        Self.expectOnlyTheCopyRejected(outcome, base: base, copyLine: k + 4)
        #expect(outcome.stats.suspectFingerprints == 0)
        #expect(outcome.stats.personRuns == base.stats.personRuns)
    }

    @Test("a person seen again in a later run is checked over the whole file", arguments: [false, true])
    func seenAgain(split: Bool) throws {
        let (input, base) = try Self.input()
        defer { try? FileManager.default.removeItem(at: input.dir) }
        let k = input.acceptedLine(from: input.lines.count / 8)
        // Between two lines of other persons, well after k's run but before the middle (both in the first part).
        var p = input.lines.count * 3 / 8
        while input.person(p - 1) == input.person(k) || input.person(p) == input.person(k) || input.person(p) == input.person(p - 1)
                || input.rejectedLines.contains(p + 1) || input.rejectedLines.contains(p + 2) { p += 1 }
        var lines = input.lines
        lines.insert(input.lines[k], at: p)
        let outcome = try Self.run(try Self.variant(input, "again", lines: lines), "out", split: split)
        Self.expectOnlyTheCopyRejected(outcome, base: base, copyLine: p + 2)
        #expect(outcome.stats.suspectFingerprints == 1)
        #expect(outcome.stats.rescannedLines >= 2)
        #expect(outcome.stats.personRuns == base.stats.personRuns + 1)
    }

    @Test("a duplicate across the split between the two workers is found")
    func acrossSplit() throws {
        let (input, base) = try Self.input()
        defer { try? FileManager.default.removeItem(at: input.dir) }
        let k = input.acceptedLine(from: input.lines.count / 8)
        var lines = input.lines
        lines.append(input.lines[k])
        let dir = try Self.variant(input, "across", lines: lines)
        // The original is in the first part, the copy (the last line) in the second.
        let payroll = dir.appendingPathComponent("payroll.csv").path
        let size = Int64(try FileManager.default.attributesOfItem(atPath: payroll)[.size] as! Int)
        let split = try #require(try PayrollSplit.middle(path: payroll, from: Int64(input.header.utf8.count + 1), size: size))
        let offsetOfK = Int64(([input.header] + input.lines[..<k]).map { $0.utf8.count + 1 }.reduce(0, +))
        #expect(offsetOfK < split)
        let outcome = try Self.run(dir, "out", split: true)
        Self.expectOnlyTheCopyRejected(outcome, base: base, copyLine: lines.count + 1)
        #expect(outcome.stats.suspectFingerprints == 1)
        #expect(outcome.stats.rescannedLines >= 2)
    }

    @Test("a person run straddling the split is checked as one run: a duplicate on its two sides is found in memory")
    func straddlingRun() throws {
        let (input, base) = try Self.input()
        defer { try? FileManager.default.removeItem(at: input.dir) }
        // Copy line k right after itself, choosing k so that the split falls exactly between line k and its copy.
        let headerBytes = input.header.utf8.count + 1
        var starts: [Int] = []
        var at = headerBytes
        for l in input.lines { starts.append(at); at += l.utf8.count + 1 }
        var chosen: Int?
        for k in input.lines.count / 2 - 200..<input.lines.count / 2 + 200 where !input.rejectedLines.contains(k + 2) && k > 0 && input.person(k - 1) == input.person(k) {
            let size = at + input.lines[k].utf8.count + 1
            let middle = headerBytes + (size - headerBytes) / 2
            let endOfK = starts[k] + input.lines[k].utf8.count // the newline ending line k
            if starts[k] <= middle && middle <= endOfK { chosen = k; break }
        }
        let k = try #require(chosen)
        var lines = input.lines
        lines.insert(input.lines[k], at: k + 1)
        let dir = try Self.variant(input, "straddle", lines: lines)
        let payroll = dir.appendingPathComponent("payroll.csv").path
        let size = Int64(try FileManager.default.attributesOfItem(atPath: payroll)[.size] as! Int)
        let split = try #require(try PayrollSplit.middle(path: payroll, from: Int64(headerBytes), size: size))
        #expect(split == Int64(starts[k] + input.lines[k].utf8.count + 1)) // the copy is the second part's first line
        let outcome = try Self.run(dir, "out", split: true)
        Self.expectOnlyTheCopyRejected(outcome, base: base, copyLine: k + 3)
        // Joined across the split, in memory: no whole-file check, and one run fewer than two parts would count.
        #expect(outcome.stats.suspectFingerprints == 0)
        #expect(outcome.stats.personRuns == base.stats.personRuns)
        let one = try Self.run(dir, "one", split: false)
        #expect(one.files["rejected.csv"] == outcome.files["rejected.csv"])
        #expect(one.stats.personRuns == outcome.stats.personRuns)
    }

    @Test("colliding person fingerprints go through the exact check and change nothing", arguments: [UInt64(0x7), 0x3F])
    func fingerprintCollisions(mask: UInt64) throws {
        let (input, base) = try Self.input()
        defer { try? FileManager.default.removeItem(at: input.dir) }
        // With a non-contiguous duplicate across the split too, so the exact path has something to find.
        let k = input.acceptedLine(from: input.lines.count / 8)
        var lines = input.lines
        lines.append(input.lines[k])
        let dir = try Self.variant(input, "collide", lines: lines)
        let normal = try Self.run(dir, "normal")
        let collided = try Self.run(dir, "collided", personHash: { ByteStringTable.hash($0) & mask })
        #expect(collided.files["employers.csv"] == normal.files["employers.csv"])
        #expect(collided.files["rejected.csv"] == normal.files["rejected.csv"])
        #expect(collided.payroll == normal.payroll)
        Self.expectOnlyTheCopyRejected(collided, base: base, copyLine: lines.count + 1)
        // Far more persons than fingerprints: every fingerprint is met again, so every valid line is checked again.
        // Fingerprints are `hash & mask | 1`: (mask + 1) / 2 odd values.
        #expect(collided.stats.suspectFingerprints == Int(mask / 2) + 1)
        let valid = normal.payroll.map { $0.accepted + $0.outsideYear + normal.duplicates }
        #expect(collided.stats.rescannedLines == valid)
        #expect(collided.stats.rescannedLines > 0)
        #expect(normal.stats.suspectFingerprints == 1)
    }
}

/// The per-run bookkeeping on its own, with hand-made records.
@Suite("Person runs across parts")
struct PersonRunBookkeepingTests {
    typealias Record = DuplicateSpill.Record

    static func record(_ employer: Int32, _ month: Int, line: Int, fingerprint: UInt64) -> Record {
        Record(personHash: fingerprint, employer: employer, period: YearMonth(year: 2024, month: month)!, line: line, fileOffset: Int64(line * 10))
    }

    static func feed(_ runs: PersonRunDuplicates, _ person: String, fingerprint: UInt64, _ keys: [(Int32, Int, Int)]) {
        Array(person.utf8).withUnsafeBufferPointer { runs.startRun(person: $0, fingerprint: fingerprint) }
        for (e, m, line) in keys { runs.add(record(e, m, line: line, fingerprint: fingerprint)) }
    }

    @Test("a later part whose only run continues the earlier part's last run: one run, one group, no suspect")
    func onlyRunStraddles() {
        let a = PersonRunDuplicates(holdsFirstRun: false), b = PersonRunDuplicates(holdsFirstRun: true)
        Self.feed(a, "Q", fingerprint: 3, [(1, 1, 2)])
        Self.feed(a, "P", fingerprint: 5, [(1, 1, 3), (1, 2, 4)])
        Self.feed(b, "P", fingerprint: 5, [(1, 1, 5), (2, 1, 6)])
        a.absorb(b)
        a.finish()
        #expect(a.runCount == 2)
        #expect(a.suspects.isEmpty)
        #expect(a.groups.map { $0.map(\.line) } == [[3, 5]])
    }

    @Test("the same fingerprint for two different persons on both sides of the split is a suspect")
    func collisionAcrossParts() {
        let a = PersonRunDuplicates(holdsFirstRun: false), b = PersonRunDuplicates(holdsFirstRun: true)
        Self.feed(a, "P", fingerprint: 5, [(1, 1, 2)])
        Self.feed(a, "Q", fingerprint: 7, [(1, 1, 3)])
        Self.feed(b, "R", fingerprint: 5, [(1, 1, 4)])
        Self.feed(b, "S", fingerprint: 9, [(1, 1, 5)])
        a.absorb(b)
        a.finish()
        #expect(a.suspects == [5])
        #expect(a.groups.isEmpty)
        #expect(a.runCount == 4)
    }

    @Test("a straddling person met again in the later part stays a suspect")
    func straddlingPersonSeenAgain() {
        let a = PersonRunDuplicates(holdsFirstRun: false), b = PersonRunDuplicates(holdsFirstRun: true)
        Self.feed(a, "P", fingerprint: 5, [(1, 1, 2)])
        Self.feed(b, "P", fingerprint: 5, [(1, 2, 3)])
        Self.feed(b, "Q", fingerprint: 7, [(1, 1, 4)])
        Self.feed(b, "P", fingerprint: 5, [(1, 1, 5)])
        a.absorb(b)
        a.finish()
        #expect(a.suspects == [5])
        #expect(a.runCount == 3)
    }

    @Test("a long run switches to a set and still finds its repeated keys")
    func longRun() {
        let a = PersonRunDuplicates(holdsFirstRun: false)
        var keys: [(Int32, Int, Int)] = []
        for e in 0..<10 { for m in 1...12 { keys.append((Int32(e), m, keys.count + 2)) } }
        keys.append((9, 12, keys.count + 2)) // repeats the last key, after the switch
        Self.feed(a, "P", fingerprint: 5, keys)
        a.finish()
        #expect(a.groups.map { $0.map(\.line) } == [[keys.count, keys.count + 1]])
    }
}

@Suite("Run fingerprints sort")
struct FingerprintSortTests {
    @Test("the radix sort gives the same order as sort()", arguments: [0, 1, 2, 1000, 70_000])
    func radix(count: Int) {
        var state: UInt64 = 0x1234_5678
        var values: [UInt64] = (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
        if count > 10 { values[3] = values[7]; values[5] = 1; values[6] = UInt64.max } // repeats and extremes
        let sorted = values.withUnsafeBufferPointer { PersonRunDuplicates.radixSorted($0.baseAddress!, count: count) }
        #expect(sorted == values.sorted())
    }
}
