import BanenafspraakCore
@testable import BanenafspraakIngest
import Foundation
import Testing

/// One bad byte damages one record (issue: "one stray quote eats the file"): an unbalanced quote rejects
/// its own physical line and reading goes on at the next; only `name` may span lines, within a bound;
/// invalid UTF-8 is malformed.
@Suite("Damage from a bad byte stays local")
struct DamageStaysLocalTests {
    static let payrollHeader = "employer_id,person_id,period,hours,wage,contract,scheme,hirer_id\n"

    func payroll(_ rows: String, bufferSize: Int? = nil) throws -> (lines: [ParsedPayrollLine], rejections: [Rejection], read: Int) {
        var c = RowCounts(), rej: [Rejection] = []
        let reg = try EmployersFile.read(path: tempFile(RejectionTests.employersHeader + "E1,,markt,AMR01,false,\nE2,,markt,AMR01,false,\n"),
                                         counts: &c, rejections: &rej)
        let parser = try PayrollParser(path: tempFile(Self.payrollHeader + rows), employers: reg)
        var lines: [ParsedPayrollLine] = [], rejections: [Rejection] = [], read = 0
        while let b = try parser.nextBatch(maxLines: 7) {
            read += b.rowsRead; lines += b.lines; rejections += b.rejections
        }
        return (lines, rejections, read)
    }

    @Test("payroll: a quote left open on line 100 rejects line 100 only; the other 199 lines are read and accepted")
    func payrollStrayQuote() throws {
        var rows = ""
        for i in 2...201 {
            rows += i == 100 ? "E1,P\(i),2024-03,1.00,\"73.67,permanent,regular,\n" : "E\(i % 2 + 1),P\(i),2024-03,1.00,73.67,permanent,regular,\n"
        }
        let r = try payroll(rows)
        #expect(r.read == 200)
        #expect(r.lines.count == 199)
        let bad = try #require(r.rejections.first)
        #expect(r.rejections.count == 1)
        #expect(bad.line == 100)
        #expect(bad.code == .malformed)
        #expect(bad.reason == "malformed: unbalanced quote")
        #expect(bad.column == "wage")
        #expect(String(decoding: bad.raw, as: UTF8.self) == "E1,P100,2024-03,1.00,\"73.67,permanent,regular,")
        #expect(r.lines.first { $0.line == 101 } != nil)
    }

    @Test("payroll: the same with CRLF line ends and tiny read buffers", arguments: [16, 23, 64])
    func payrollStrayQuoteCRLF(_ size: Int) throws {
        let text = Self.payrollHeader.replacingOccurrences(of: "\n", with: "\r\n")
            + "E1,P1,2024-03,1.00,\"73.67,permanent,regular,\r\nE1,P2,2024-03,1.00,1.00,permanent,regular,\r\nE1,\"P3\r\n"
        var c = RowCounts(), rej: [Rejection] = []
        let reg = try EmployersFile.read(path: tempFile(RejectionTests.employersHeader + "E1,,markt,AMR01,false,\n"), counts: &c, rejections: &rej)
        let reader = try CSVReader(path: tempFile(text), bufferSize: size)
        _ = reg
        var seen: [(Int, Bool, String)] = []
        while try reader.next() {
            seen.append((reader.recordLine, reader.hasUnbalancedQuote, String(decoding: reader.rawRecord(), as: UTF8.self)))
        }
        #expect(seen.map(\.0) == [1, 2, 3, 4])
        #expect(seen.map(\.1) == [false, true, false, true])
        #expect(seen[1].2 == "E1,P1,2024-03,1.00,\"73.67,permanent,regular,")
        #expect(seen[3].2 == "E1,\"P3")
    }

    @Test("a line break inside a quoted field is never allowed in payroll")
    func payrollNoLineBreak() throws {
        let r = try payroll("E1,\"P1\nP2\",2024-03,1.00,1.00,permanent,regular,\nE1,P3,2024-03,1.00,1.00,permanent,regular,\n")
        #expect(r.read == 3)
        #expect(r.rejections.map(\.line) == [2, 3])
        #expect(r.rejections[0].reason == "malformed: unbalanced quote")
        #expect(r.lines.map(\.line) == [4])
    }

    @Test("register: a stray quote rejects one line")
    func registerStrayQuote() throws {
        var c = RowCounts(), rej: [Rejection] = []
        let regs = try RegisterFile.read(path: tempFile("person_id,route,registered_from,registered_until\nP1,\"wajong,2024-01-01,\nP2,wajong,2024-01-01,\nP3,wajong,2024-01-01,\n"),
                                         counts: &c, rejections: &rej)
        #expect(c.read == 3 && c.accepted == 2 && c.rejected == 1)
        #expect(regs.map { String(decoding: $0.personId, as: UTF8.self) } == ["P2", "P3"])
        #expect(rej.first?.reason == "malformed: unbalanced quote")
        #expect(rej.first?.column == "route")
    }

    @Test("collaborations: a stray quote rejects one line")
    func collaborationsStrayQuote() throws {
        var c = RowCounts(), rej: [Rejection] = []
        let reg = try EmployersFile.read(path: tempFile(RejectionTests.employersHeader + "E1,,markt,AMR01,false,\nE2,,markt,AMR01,false,\n"), counts: &c, rejections: &rej)
        var cc = RowCounts()
        rej = []
        let rows = try CollaborationsFile.read(path: tempFile("from_employer,to_employer,year,percent\nE1,E2,2024,\"10.00\nE1,E2,2024,20.00\nE2,E1,2024,30.00\n"),
                                               employers: reg, counts: &cc, rejections: &rej)
        #expect(cc.read == 3 && cc.accepted == 2 && cc.rejected == 1)
        #expect(rows.map(\.percent.rawValue) == [2000, 3000])
        #expect(rej.map(\.line) == [2])
        #expect(rej.first?.reason == "malformed: unbalanced quote")
    }

    func employers(_ rows: String) throws -> (EmployerRegistry, RowCounts, [Rejection]) {
        var c = RowCounts(), rej: [Rejection] = []
        let reg = try EmployersFile.read(path: tempFile(RejectionTests.employersHeader + rows), counts: &c, rejections: &rej)
        return (reg, c, rej)
    }

    @Test("employers: a stray quote outside name rejects one line; the next employers are accepted")
    func employersStrayQuote() throws {
        let (reg, c, rej) = try employers("E1,n,\"markt,AMR01,false,\nE2,n,markt,AMR01,false,\nE3,\"a \"\"b\"\"\",overheid,AMR02,true,\n")
        #expect(c.read == 3 && c.accepted == 2 && c.rejected == 1)
        #expect(reg.count == 2 && reg.names == ["n", "a \"b\""])
        #expect(rej.first?.line == 2)
        #expect(rej.first?.column == "sector")
        #expect(rej.first?.reason == "malformed: unbalanced quote")
    }

    @Test("employers: name may span up to the stated number of lines")
    func nameWithinBound() throws {
        let name = (1...EmployersFile.nameMaxLines).map { "regel \($0)" }.joined(separator: "\n")
        let (reg, c, rej) = try employers("E1,\"\(name)\",markt,AMR01,false,\nE2,n,markt,AMR01,false,\n")
        #expect(rej.isEmpty)
        #expect(c.accepted == 2)
        #expect(reg.names[0] == name)
    }

    @Test("employers: a name past the line bound is an unbalanced quote on its first line; reading goes on at the next line")
    func namePastLineBound() throws {
        let name = (1...EmployersFile.nameMaxLines + 1).map { "regel \($0)" }.joined(separator: "\n")
        let (reg, c, rej) = try employers("E1,\"\(name)\",markt,AMR01,false,\nE2,n,markt,AMR01,false,\n")
        #expect(rej.first?.line == 2)
        #expect(rej.first?.reason == "malformed: unbalanced quote")
        #expect(rej.first?.column == "name")
        #expect(reg.count == 1)
        #expect(Array("E2".utf8).withUnsafeBufferPointer { reg.ids.find($0) } != nil)
        #expect(c.read == EmployersFile.nameMaxLines + 2) // the first line, then each later line is a row of its own
        #expect(c.reconciles)
    }

    @Test("employers: a name past the byte bound is rejected the same way")
    func namePastByteBound() throws {
        let long = String(repeating: "x", count: EmployersFile.nameMaxBytes + 1)
        let (reg, _, rej) = try employers("E1,\"\(long)\nmore\",markt,AMR01,false,\nE2,n,markt,AMR01,false,\n")
        #expect(rej.first?.line == 2)
        #expect(rej.first?.reason == "malformed: unbalanced quote")
        #expect(Array("E2".utf8).withUnsafeBufferPointer { reg.ids.find($0) } != nil)
    }

    @Test("employers: an unbalanced quote in the last line, with no line end, is rejected")
    func unbalancedAtEndOfFile() throws {
        let (reg, _, rej) = try employers("E2,n,markt,AMR01,false,\nE1,\"open,markt,AMR01,false,")
        #expect(reg.count == 1)
        #expect(rej.map(\.line) == [3])
        #expect(rej.first?.reason == "malformed: unbalanced quote")
    }

    @Test("invalid UTF-8 or a control character in name is malformed", arguments: [
        [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x00], [0x1B],
    ] as [[UInt8]])
    func invalidName(_ bad: [UInt8]) throws {
        let text = Array((RejectionTests.employersHeader + "E1,ab").utf8) + bad + Array("c,markt,AMR01,false,\nE2,Café,markt,AMR01,false,\n".utf8)
        let url = URL(fileURLWithPath: tempFile("")).deletingLastPathComponent().appendingPathComponent("bytes.csv")
        try Data(text).write(to: url)
        var c = RowCounts(), rej: [Rejection] = []
        let reg = try EmployersFile.read(path: url.path, counts: &c, rejections: &rej)
        #expect(rej.count == 1)
        #expect(rej.first?.code == .malformed)
        #expect(rej.first?.column == "name")
        #expect(reg.names == ["Café"])
    }

    @Test("escaped bytes: invalid sequences and NUL become \\xHH; valid UTF-8 is unchanged")
    func escaping() {
        #expect(UTF8Text.escaped(Array("Café €".utf8)) == "Café €")
        #expect(UTF8Text.escaped([0x61, 0xFF, 0x62]) == "a\\xFFb")
        #expect(UTF8Text.escaped([0xE2, 0x82, 0x61]) == "\\xE2\\x82a")
        #expect(UTF8Text.escaped([0x00, 0x41]) == "\\x00A")
        #expect(UTF8Text.isValid(UTF8Text.escapedBytes([0xF0, 0x9F, 0x98, 0x80, 0xF0, 0x9F, 0xFF, 0xED, 0xA0, 0x80])))
        #expect(UTF8Text.escaped([0xF0, 0x9F, 0x98, 0x80]) == "😀")
    }

    @Test("a folder where an input file should be is an error naming it, with a readable reason")
    func folderAsInput() throws {
        let dir = URL(fileURLWithPath: tempFile("")).deletingLastPathComponent().path
        #expect(throws: IngestFileError.self) { try CSVReader(path: dir) }
        do { _ = try CSVReader(path: dir) } catch let e as IngestFileError {
            #expect(e.description == "\(dir): cannot read the file: it is a folder")
        }
        do { _ = try CSVReader(path: dir + "/missing.csv") } catch let e as IngestFileError {
            #expect(e.message.contains("No such file or directory"))
        }
    }
}
