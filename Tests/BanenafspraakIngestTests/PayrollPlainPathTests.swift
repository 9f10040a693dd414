import BanenafspraakCore
@testable import BanenafspraakIngest
import Foundation
import Testing

/// The payroll hot path splits and checks a plain line in one pass; every other line goes the plain way
/// (CSV record, then field checks). Both ways must give the same accepted lines, with the same values, line
/// numbers and offsets, and the same rejections, on every line: valid lines and thousands of damaged ones.
@Suite("Payroll: the one-pass path for plain lines agrees with the plain way")
struct PayrollPlainPathTests {
    static let employers = "E1,,markt,AMR01,false,\nE2,,markt,AMR01,false,\nABCDEFGHIJKLMNOPQRSTUVWXYZ012345,,overheid,AMR02,true,\n"

    /// Valid lines of the 8-column header, with lent-out lines and the edges of every field.
    static let valid = [
        "E1,P1,2024-03,1.00,73.67,permanent,regular,",
        "E2,P00000001,2024-12,173.33,7227.86,temporary,wsw,E1",
        "E1,p1,2023-12,0,0,permanent,beschut,ABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345,\(String(repeating: "x", count: 64)),2024-01,744.00,1.5,temporary,regular,",
        "E1,P2,2024-02,744,999999999999.99,permanent,wsw,E2",
    ]

    /// Each valid line with one byte replaced, deleted or doubled, and lines that only the plain way can judge.
    static var lines: [String] {
        var out = valid
        let replacements: [UInt8] = Array(",\".-0aZ \t\r".utf8) + [0xC3, 0x00]
        for line in valid {
            let bytes = Array(line.utf8)
            for k in bytes.indices {
                for r in replacements where r != bytes[k] {
                    var b = bytes; b[k] = r; out.append(String(decoding: b, as: UTF8.self))
                }
                var d = bytes; d.remove(at: k); out.append(String(decoding: d, as: UTF8.self))
                var t = bytes; t.insert(bytes[k], at: k); out.append(String(decoding: t, as: UTF8.self))
            }
        }
        out += [
            "", "\r", "E1,P1,2024-03,1.00,73.67,permanent,regular,\r", "E1,P1,2024-03,1.00,73.67,permanent,regular,E1",
            "E1,P1,2024-03,1.00,73.67,permanent,regular,E9", "E9,P1,2024-03,1.00,73.67,permanent,regular,",
            "E1,P1,2024-13,1.00,73.67,permanent,regular,", "E1,P1,2024-00,1.00,73.67,permanent,regular,",
            "E1,P1,2024-03,744.01,73.67,permanent,regular,", "E1,P1,2024-03,-0,73.67,permanent,regular,",
            "E1,P1,2024-03,1.,73.67,permanent,regular,", "E1,P1,2024-03,.5,73.67,permanent,regular,",
            "E1,P1,2024-03,1.001,73.67,permanent,regular,", "E1,P1,2024-03,1.00,-73.67,permanent,regular,",
            "\"E1\",P1,2024-03,1.00,73.67,permanent,regular,", "E1,P1,2024-03,1.00,73.67,\"permanent\",regular,",
            "E1,P1,2024-03,1.00,73.67,permanent,regular", "E1,P1,2024-03,1.00,73.67,permanent,regular,,",
            "E1,P1,2024-03,1.00,73.67,Permanent,regular,", "E1,P1,2024-03,1.00,73.67,permanent,regulars,",
            "E1,,2024-03,1.00,73.67,permanent,regular,", ",P1,2024-03,1.00,73.67,permanent,regular,",
            "E1,P1,2024-03,,73.67,permanent,regular,", "E1,P1,2024-03,1.00,,permanent,regular,",
            "E1,P1,2024-03,1.00,73.67,permanent,,", "E1,P1,2024-03,1.00,73.67,,regular,",
            "E1,P1,2024-03,12345678901234567,73.67,permanent,regular,", "E1,P1,2024-03,1.00,12345678901234567.89,permanent,regular,",
            "E1,P1,2024-3,1.00,73.67,permanent,regular,", "E1,P1,2024-033,1.00,73.67,permanent,regular,",
            "E1,P1,0000-03,1.00,73.67,permanent,regular,", "E1,P1,9999-12,1.00,73.67,permanent,regular,",
            "E1,P1,2024-03,1.00,1234567890123.45,permanent,regular,", "E1,P1,2024-03,1.00,12345678901234.56,permanent,regular,",
            "E1,P1,2024-03,1.00,1234567890123456789012345,permanent,regular,", "E1,P1,2024-03,0000000000000744,73.67,permanent,regular,",
            "E1,P1,2024-03,1.00,99999999999999999999.99,permanent,regular,", "E1,P1,2024-03,1.5,73.6,permanent,regular,",
        ]
        return out
    }

    /// Everything the parser gives for `text`: accepted lines (all fields) and rejections, batch by batch.
    func parse(_ text: String, plainPath: Bool, maxLines: Int) throws -> (lines: [String], rejections: [Rejection], read: Int) {
        var c = RowCounts(), rej: [Rejection] = []
        let reg = try EmployersFile.read(path: tempFile(RejectionTests.employersHeader + Self.employers, name: "employers.csv"),
                                         counts: &c, rejections: &rej)
        let parser = try PayrollParser(path: tempFile(text, name: "payroll.csv"), employers: reg)
        parser.usesPlainPath = plainPath
        var lines: [String] = [], rejections: [Rejection] = [], read = 0
        var batch = PayrollBatch()
        while try parser.fill(&batch, maxLines: maxLines) {
            read += batch.rowsRead
            rejections += batch.rejections
            for l in batch.lines {
                let person = String(decoding: batch.personBytes[Int(l.personStart)..<Int(l.personStart + l.personLength)], as: UTF8.self)
                lines.append("\(l.employer) \(l.hirer) \(l.period) \(l.hours.rawValue) \(l.wage.rawValue) \(l.scheme) \(l.permanent) \(person) line \(l.line) at \(l.fileOffset) length \(l.rawLength) received \(l.received)")
            }
        }
        return (lines, rejections, read)
    }

    @Test("same lines, values, line numbers, offsets and rejections, with and without hirer_id, LF and CR LF, across batch edges",
          arguments: [(8, "\n"), (7, "\n"), (8, "\r\n"), (7, "\r\n")])
    func bothWaysAgree(columns: Int, lineEnd: String) throws {
        let header = "employer_id,person_id,period,hours,wage,contract,scheme" + (columns == 8 ? ",hirer_id" : "") + "\n"
        let body = Self.lines.map { line in
            // The 7-column header: the same lines without their last field.
            columns == 8 ? line : String(line.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ","))
        }
        let text = header + body.joined(separator: lineEnd) + lineEnd
        for maxLines in [7, 65_536] {
            let plain = try parse(text, plainPath: false, maxLines: maxLines)
            let fast = try parse(text, plainPath: true, maxLines: maxLines)
            #expect(plain.read == fast.read)
            #expect(plain.lines == fast.lines)
            #expect(plain.rejections == fast.rejections)
            // The corpus holds both kinds in number, so both ways were exercised.
            #expect(plain.lines.count > 100 && plain.rejections.count > 1_000, "\(plain.lines.count) accepted, \(plain.rejections.count) rejected")
            #expect(plain.read == plain.lines.count + plain.rejections.count)
        }
    }

    /// `received` values for the calendar column (spec section 13): blank, valid, and every kind of bad date.
    static let receivedValues = ["", "2025-01-31", "2024-02-29", "2023-02-29", "2025-13-01", "2025-00-10", "2025-04-31",
                                 "2025-4-01", "2025-04-011", "20250401", "\"2025-04-01\"", "2025-04-0x", "0000-01-01", "9999-12-31"]

    @Test("with a received column: both ways agree on every line and every received value", arguments: [8, 7])
    func bothWaysAgreeWithReceived(columns: Int) throws {
        let header = "employer_id,person_id,period,hours,wage,contract,scheme" + (columns == 8 ? ",hirer_id" : "") + ",received\n"
        var body: [String] = []
        for (i, line) in Self.lines.enumerated() {
            let base = columns == 8 ? line : String(line.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ","))
            body.append(base + "," + Self.receivedValues[i % Self.receivedValues.count])
        }
        let text = header + body.joined(separator: "\n") + "\n"
        for maxLines in [7, 65_536] {
            let plain = try parse(text, plainPath: false, maxLines: maxLines)
            let fast = try parse(text, plainPath: true, maxLines: maxLines)
            #expect(plain.read == fast.read)
            #expect(plain.lines == fast.lines)
            #expect(plain.rejections == fast.rejections)
            #expect(plain.rejections.contains { $0.column == "received" })
            #expect(plain.lines.contains { !$0.hasSuffix("received 0") })
        }
    }
}
