import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakParameters
import Foundation
import Testing

/// No input can exhaust memory or hang a run, and every file meant for a spreadsheet is safe to open (issue 24).
@Suite("hardened inputs and spreadsheet outputs")
struct HardeningTests {
    static let hand10 = FixtureTests.fixtureURL("hand10").appendingPathComponent("input")

    /// A copy of hand10's inputs in a fresh folder, to change.
    static func copyOfHand10() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for f in ["employers.csv", "register.csv", "payroll.csv", "collaborations.csv"] {
            try FileManager.default.copyItem(at: hand10.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        return dir
    }

    static func options(_ dir: URL, out: URL? = nil) throws -> QuotaOptions {
        var o = QuotaOptions(year: 2024, inputDirectory: dir.path, outputDirectory: out?.path, parameters: try ParameterFiles.loadDefault())
        o.quotaPercentOverrides = [.markt: BasisPoints("11.17")!, .overheid: BasisPoints("5.97")!, .combined: BasisPoints("3.33")!]
        return o
    }

    static func append(_ text: String, to url: URL) throws {
        let h = try FileHandle(forWritingTo: url)
        try h.seekToEnd()
        try h.write(contentsOf: Data(text.utf8))
        try h.close()
    }

    @Test("payroll.csv growing while the run reads it is refused, naming the file")
    func growingPayroll() throws {
        let dir = try Self.copyOfHand10()
        let payroll = dir.appendingPathComponent("payroll.csv")
        var o = try Self.options(dir)
        let once = Once()
        o.progress = { _, _, _ in
            if once.first() { try? Self.append("F1a,E1,2024-02,,744.00,6500.00,permanent,regular\n", to: payroll) }
        }
        let error = #expect(throws: IngestFileError.self) { try QuotaRun.run(o) }
        #expect(error?.file == payroll.path)
        #expect(error?.message.contains("the file changed while the run read it") == true)
    }

    @Test("a line longer than 64 KiB is one malformed rejection with its raw text cut to 1 KiB; reading goes on",
          arguments: ["payroll.csv", "register.csv", "collaborations.csv"])
    func longLine(_ file: String) throws {
        let dir = try Self.copyOfHand10()
        let clean = try QuotaRun.run(Self.options(dir))
        let url = dir.appendingPathComponent(file)
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert("X" + String(repeating: "y", count: 200_000) + ",1", at: 2)   // 200,003 bytes: in the 4 MiB buffer, past the 64 KiB bound
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-out-\(UUID().uuidString)")
        let result = try QuotaRun.run(Self.options(dir, out: out))
        let key = try #require(InputFile(rawValue: file))
        #expect(result.counts[key]!.rejected == clean.counts[key]!.rejected + 1)
        #expect(result.counts[key]!.accepted == clean.counts[key]!.accepted)
        #expect(result.figures == clean.figures)
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected.csv"), encoding: .utf8)
        let row = try #require(rejected.split(separator: "\n").first { $0.hasPrefix("\(file),3,") })
        #expect(row.contains("the line is 200003 bytes long; a line may hold at most 65536 bytes"))
        #expect(row.utf8.count < 1300)
    }

    @Test("a line longer than the reader's buffer is skipped without growing it")
    func longerThanBuffer() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-buffer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("x.csv").path
        try ("a,b\n1,2\n" + String(repeating: "z", count: 300_000) + "\r\n3,4\n").write(toFile: path, atomically: true, encoding: .utf8)
        let reader = try CSVReader(path: path, bufferSize: 1024)
        var seen: [(Int, Int?, Int)] = []
        while try reader.next() { seen.append((reader.recordLine, reader.overlongLength, reader.rawRecord().count)) }
        #expect(seen.map(\.0) == [1, 2, 3, 4])
        #expect(seen.map(\.1) == [nil, nil, 300_000, nil])
        #expect(seen[2].2 == CSVReader.overlongRawBytes)
    }

    @Test("an input that is not a regular file (a FIFO, a device) is refused at once, naming it")
    func notARegularFile() throws {
        let dir = try Self.copyOfHand10()
        let payroll = dir.appendingPathComponent("payroll.csv")
        try FileManager.default.removeItem(at: payroll)
        #expect(mkfifo(payroll.path, 0o600) == 0)
        let fifo = #expect(throws: IngestFileError.self) { try QuotaRun.run(Self.options(dir)) }
        #expect(fifo?.message.contains("it is a FIFO (named pipe); an input must be a regular file") == true)
        try FileManager.default.removeItem(at: payroll)
        try FileManager.default.createSymbolicLink(atPath: payroll.path, withDestinationPath: "/dev/zero")
        let device = #expect(throws: IngestFileError.self) { try QuotaRun.run(Self.options(dir)) }
        #expect(device?.message.contains("it is a device") == true)
    }

    @Test("a name: at most 4096 bytes quoted or not; TAB, C1 controls and bidi overrides are malformed")
    func names() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("employers.csv").path
        let rows = [
            "E1,Bakkerij de Vries,markt,AMR01,false",
            "E2,\(String(repeating: "n", count: 4097)),markt,AMR01,false",
            "E3,Tab\there,markt,AMR01,false",
            "E4,evil\u{202E}gnp.exe,markt,AMR01,false",
            "E5,c1\u{85}control,markt,AMR01,false",
            "E6,\(String(repeating: "m", count: 4096)),markt,AMR01,false",
            "E7,\"quoted \u{2066}isolate\",markt,AMR01,false",
        ]
        try ("employer_id,name,sector,region,staffing_agency\n" + rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var counts = RowCounts()
        var rejections: [Rejection] = []
        let registry = try EmployersFile.read(path: path, counts: &counts, rejections: &rejections)
        #expect((0..<registry.count).map { registry.ids.string(Int32($0)) } == ["E1", "E6"])
        #expect(rejections.map(\.line) == [3, 4, 5, 6, 8])
        #expect(rejections.allSatisfy { $0.code == .malformed && $0.column == "name" })
        #expect(rejections[0].message == "the name is 4097 bytes long; a name may hold at most 4096 bytes")
    }

    @Test("a header of 100,000 unknown columns gives a short message")
    func hugeHeader() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-header-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("employers.csv").path
        for columns in [5_000, 100_000] {
            try ((0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            var counts = RowCounts()
            var rejections: [Rejection] = []
            let error = #expect(throws: IngestFileError.self) { try EmployersFile.read(path: path, counts: &counts, rejections: &rejections) }
            #expect((error?.description.utf8.count ?? .max) < 400, "\(columns)")
        }
    }

    @Test("cells a spreadsheet would run as a formula are neutralised in rejected.csv and employers-nl.csv; numbers stay numbers")
    func formulas() throws {
        let dir = try Self.copyOfHand10()
        try Self.append("=HYPERLINK(\"http://x\"),E1,2024-01,,1.00,1.00,permanent,regular\n@SUM(A1),E1,2024-01,,1.00,1.00,permanent,regular\n",
                        to: dir.appendingPathComponent("payroll.csv"))
        let employers = dir.appendingPathComponent("employers.csv")
        let text = try String(contentsOf: employers, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        lines[0] += ",name"
        for i in 1..<lines.count { lines[i] += i == 1 ? ",\"=1+2;x\"" : i == 2 ? ",-cmd|' /C calc'!A0" : i == 3 ? ",+31 20 123" : ",Gewoon BV" }
        try (lines.joined(separator: "\n") + "\n").write(to: employers, atomically: true, encoding: .utf8)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("hardening-formula-\(UUID().uuidString)")
        let result = try QuotaRun.run(Self.options(dir, out: out))
        let rejected = try String(contentsOf: out.appendingPathComponent("rejected.csv"), encoding: .utf8)
        #expect(rejected.contains(",\"'=HYPERLINK(\"\"http://x\"\"),E1,2024-01,,1.00,1.00,permanent,regular\"\n"))
        #expect(rejected.contains(",\"'@SUM(A1),E1,2024-01,,1.00,1.00,permanent,regular\"\n"))
        let nl = DutchCSVExport.text(result)
        #expect(nl.contains(";\"'=1+2;x\";"))
        #expect(nl.contains(";'-cmd|' /C calc'!A0;"))
        #expect(nl.contains(";'+31 20 123;"))
        #expect(nl.contains(";Gewoon BV;"))
        #expect(SpreadsheetCell.neutralised("-62235.70") == "-62235.70")
        #expect(SpreadsheetCell.neutralised("-1,5") == "-1,5")
        #expect(SpreadsheetCell.neutralised("\tx") == "'\tx")
        #expect(SpreadsheetCell.csvField("€ 8.700,00") == "\"€ 8.700,00\"")
    }
}

/// True the first time only (the progress callback runs on a worker thread).
final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    func first() -> Bool { lock.withLock { defer { done = true }; return !done } }
}
