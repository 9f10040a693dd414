import BanenafspraakCore
@testable import BanenafspraakIngest
import Foundation
import Testing

/// Replays the CSV fuzzer's seed corpus and every input it ever found a problem with (fuzz/csv/seeds,
/// fuzz/csv/regressions) through the same file readers, with the harness's invariants: no crash, counts
/// reconcile, rejections in line order with `raw` escaping to valid UTF-8.
@Suite("CSV fuzz corpus replay")
struct FuzzCorpusReplayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz/csv")

    static func inputs() -> [String] {
        ["seeds", "regressions"].flatMap { dir in
            ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(dir).path)) ?? []).sorted().map { dir + "/" + $0 }
        }
    }

    @Test("each corpus input reads without a crash and reconciles", arguments: inputs())
    func replay(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent(name)))
        guard let selector = bytes.first else { return }
        let path = tempFile("")
        try Data(bytes.dropFirst()).write(to: URL(fileURLWithPath: path))
        var c = RowCounts(), rej: [Rejection] = []
        let employers = try EmployersFile.read(path: tempFile(RejectionTests.employersHeader + "E1,,markt,AMR01,false,\nE2,,overheid,AMR02,true,10.00\n"), counts: &c, rejections: &rej)
        c = RowCounts(); rej = []
        do {
            switch selector & 3 {
            case 0: _ = try EmployersFile.read(path: path, counts: &c, rejections: &rej)
            case 1: _ = try RegisterFile.read(path: path, counts: &c, rejections: &rej)
            case 2:
                let parser = try PayrollParser(path: path, employers: employers)
                while let b = try parser.nextBatch(maxLines: 5) {
                    c.read += b.rowsRead; c.accepted += b.lines.count; c.rejected += b.rejections.count; rej += b.rejections
                }
            default: _ = try CollaborationsFile.read(path: path, employers: employers, counts: &c, rejections: &rej)
            }
        } catch is IngestFileError {
            return
        }
        #expect(c.reconciles, "\(name): \(c)")
        if selector & 3 != 3 { #expect(rej.map(\.line) == rej.map(\.line).sorted(), "\(name)") }
        for r in rej { #expect(UTF8Text.isValid(UTF8Text.escapedBytes(r.raw)), "\(name) line \(r.line)") }
    }
}
