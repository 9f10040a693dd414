import BanenafspraakCore
@testable import BanenafspraakIngest
import Foundation
import Testing

/// Writes `text` to a fresh temporary file and returns its path.
func tempFile(_ text: String, name: String = "f.csv") -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try! text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

@Suite("Byte-level CSV reader (RFC 4180, spec 8.2, 8.5)")
struct CSVReaderTests {
    func records(_ text: String, bufferSize: Int = 1 << 20, multilineField: Int = 0) throws -> [(line: Int, fields: [String], raw: String)] {
        let r = try CSVReader(path: tempFile(text), bufferSize: bufferSize)
        r.multilineField = multilineField
        var out: [(Int, [String], String)] = []
        while try r.next() {
            out.append((r.recordLine, (0..<r.fieldCount).map { String(decoding: r.field($0), as: UTF8.self) }, String(decoding: r.rawRecord(), as: UTF8.self)))
        }
        return out
    }

    @Test("quoting, escaped quotes, embedded commas and line breaks, CRLF, blank lines")
    func quoting() throws {
        let text = "a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",3\n\n\"multi\nline\",2,\"\"\nlast,row,\"q\""
        let rs = try records(text)
        #expect(rs.count == 4)
        #expect(rs[0].fields == ["a", "b", "c"])
        #expect(rs[1].fields == ["x, y", "he said \"hi\"", "3"])
        #expect(rs[1].raw == "\"x, y\",\"he said \"\"hi\"\"\",3")
        #expect(rs[2].line == 4) // after a blank line 3
        #expect(rs[2].fields == ["multi\nline", "2", ""])
        #expect(rs[3].line == 6) // the quoted line break moved the physical line
        #expect(rs[3].fields == ["last", "row", "q"])
    }

    @Test("records straddling the read buffer are reassembled", arguments: [16, 17, 64, 1024])
    func smallBuffers(_ size: Int) throws {
        var text = "h1,h2\n"
        for i in 0..<200 { text += "\"id\(i), quoted\",\(i)\n" }
        let rs = try records(text, bufferSize: size)
        #expect(rs.count == 201)
        #expect(rs[200].fields == ["id199, quoted", "199"])
        #expect(rs[200].line == 201)
    }

    @Test("broken quoting is flagged, not guessed")
    func badQuotes() throws {
        let r = try CSVReader(path: tempFile("a,b\nx\"y,2\n\"ab\"c,3\n"))
        _ = try r.next()
        _ = try r.next()
        #expect(r.fieldFlags(0).contains(.badQuoting))
        _ = try r.next()
        #expect(r.fieldFlags(0).contains(.badQuoting))
    }
}

@Suite("Headers are fatal when wrong (spec section 4, 8.1)")
struct HeaderTests {
    func employers(_ text: String) throws {
        var c = RowCounts(), rej: [Rejection] = []
        _ = try EmployersFile.read(path: tempFile(text), counts: &c, rejections: &rej)
    }

    @Test("unknown, missing, duplicate column, BOM and empty file", arguments: [
        "employer_id,sector,region,staffing_agency,extra\n",
        "employer_id,sector,region\n",
        "employer_id,sector,region,staffing_agency,sector\n",
        "\u{FEFF}employer_id,sector,region,staffing_agency\n",
        "Employer_id,sector,region,staffing_agency\n",
        "",
    ])
    func fatal(_ text: String) {
        #expect(throws: IngestFileError.self) { try employers(text) }
    }

    @Test("optional columns may be left out; columns in any order")
    func optionalColumns() throws {
        var c = RowCounts(), rej: [Rejection] = []
        let reg = try EmployersFile.read(path: tempFile("staffing_agency,region,sector,employer_id\nfalse,AMR35,overheid,X1\n"), counts: &c, rejections: &rej)
        #expect(reg.count == 1)
        #expect(reg.sector[0] == .overheid)
        #expect(reg.priorYearHours[0] == nil)
    }
}

@Suite("Every rejection reason (spec section 4, docs/contracts-internal.md)")
struct RejectionTests {
    static let employersHeader = "employer_id,name,sector,region,staffing_agency,prior_year_hours\n"

    func employers(_ rows: String) throws -> (EmployerRegistry, RowCounts, [Rejection]) {
        var c = RowCounts(), rej: [Rejection] = []
        let reg = try EmployersFile.read(path: tempFile(Self.employersHeader + rows), counts: &c, rejections: &rej)
        return (reg, c, rej)
    }

    @Test("employers.csv", arguments: [
        ("E1,n,markt,AMR01,false\n", RejectionCode.fieldCount, ""),
        (",n,markt,AMR01,false,\n", .requiredEmpty, "employer_id"),
        ("E-1,n,markt,AMR01,false,\n", .malformed, "employer_id"),
        ("E1,n,Markt,AMR01,false,\n", .malformed, "sector"),
        ("E1,n,markt,AMR36,false,\n", .malformed, "region"),
        ("E1,n,markt,AMR01,yes,\n", .malformed, "staffing_agency"),
        ("E1,n,markt,AMR01,false,-1\n", .malformed, "prior_year_hours"),
        ("E1,n,markt,AMR01,false, 5\n", .malformed, "prior_year_hours"),
        ("E1,\"a\nb\",markt,AMR01,false,\nE1,n,markt,AMR01,false,\n", .duplicate, "employer_id"),
    ])
    func employerRejections(_ rows: String, _ code: RejectionCode, _ column: String) throws {
        let (_, c, rej) = try employers(rows)
        let r = try #require(rej.first)
        #expect(r.code == code)
        #expect(r.column == column)
        #expect(r.file == .employers)
        #expect(c.reconciles)
    }

    @Test("the first valid row wins a duplicate employer id; line numbers are physical")
    func firstValidWins() throws {
        let (reg, c, rej) = try employers("E1,n,markt,AMR99,false,\n\nE1,\"two\nlines\",overheid,AMR01,false,\nE1,n,markt,AMR01,false,\n")
        #expect(reg.count == 1)
        #expect(reg.sector[0] == .overheid)
        #expect(rej.map(\.line) == [2, 6])
        #expect(rej.map(\.code) == [.malformed, .duplicate])
        #expect(c.read == 3 && c.accepted == 1 && c.rejected == 2)
    }

    @Test("register.csv", arguments: [
        ("P1,wajong\n", RejectionCode.fieldCount, ""),
        ("P_1,wajong,2024-01-01,\n", .malformed, "person_id"),
        ("P1,unknown_route,2024-01-01,\n", .malformed, "route"),
        ("P1,wajong,2023-02-29,\n", .malformed, "registered_from"),
        ("P1,wajong,,\n", .requiredEmpty, "registered_from"),
        ("P1,wajong,2024-05-02,2024-05-01\n", .fromAfterUntil, "registered_until"),
    ])
    func registerRejections(_ row: String, _ code: RejectionCode, _ column: String) throws {
        var c = RowCounts(), rej: [Rejection] = []
        let regs = try RegisterFile.read(path: tempFile("person_id,route,registered_from,registered_until\n" + row), counts: &c, rejections: &rej)
        #expect(regs.isEmpty)
        #expect(rej.first?.code == code)
        #expect(rej.first?.column == column)
        #expect(c.reconciles)
    }

    @Test("a registration with until = from is valid (spec 8.19)")
    func sameDay() throws {
        var c = RowCounts(), rej: [Rejection] = []
        let regs = try RegisterFile.read(path: tempFile("person_id,route,registered_from,registered_until\nP1,wsw,2024-05-01,2024-05-01\n"), counts: &c, rejections: &rej)
        #expect(regs.count == 1 && rej.isEmpty)
    }

    func payroll(_ rows: String) throws -> (PayrollBatch, RowCounts) {
        let (reg, _, _) = try employers("E1,,markt,AMR01,false,\nE2,,markt,AMR01,true,\n")
        let parser = try PayrollParser(path: tempFile("employer_id,person_id,period,hours,wage,contract,scheme,hirer_id\n" + rows), employers: reg)
        var all = PayrollBatch()
        while let b = try parser.nextBatch(maxLines: 3) {
            all.rowsRead += b.rowsRead
            all.rejections += b.rejections
            all.lines += b.lines
        }
        var c = RowCounts()
        c.read = all.rowsRead
        c.rejected = all.rejections.count
        c.accepted = all.lines.count
        return (all, c)
    }

    @Test("payroll.csv field checks", arguments: [
        ("E1,P1,2024-01,1.00,1.00,permanent\n", RejectionCode.fieldCount, ""),
        ("E3,P1,2024-01,1.00,1.00,permanent,regular,\n", .unknownEmployer, "employer_id"),
        ("E1,P1,2024-01,1.00,1.00,permanent,regular,E3\n", .unknownEmployer, "hirer_id"),
        ("E1,P1,2024-01,1.00,1.00,permanent,regular,E1\n", .hirerIsEmployer, "hirer_id"),
        ("E1,P1,2024-13,1.00,1.00,permanent,regular,\n", .malformed, "period"),
        ("E1,P1,2024-01,744.01,1.00,permanent,regular,\n", .outOfRange, "hours"),
        ("E1,P1,2024-01,12.,1.00,permanent,regular,\n", .malformed, "hours"),
        ("E1,P1,2024-01,1e2,1.00,permanent,regular,\n", .malformed, "hours"),
        ("E1,P1,2024-01,1.00,-0.01,permanent,regular,\n", .negative, "wage"),
        ("E1,P1,2024-01,1.00,1.00,vast,regular,\n", .malformed, "contract"),
        ("E1,P1,2024-01,1.00,1.00,permanent,sw,\n", .malformed, "scheme"),
        ("E1,,2024-01,1.00,1.00,permanent,regular,\n", .requiredEmpty, "person_id"),
        ("E1,P1,2024-01,\"1\n.00\",1.00,permanent,regular,\n", .malformed, "hours"),
        ("E3,P1,2024-13,1.00,1.00,permanent,regular,\n", .unknownEmployer, "employer_id"),
    ])
    func payrollRejections(_ row: String, _ code: RejectionCode, _ column: String) throws {
        let (batch, c) = try payroll(row)
        #expect(batch.lines.isEmpty)
        #expect(batch.rejections.first?.code == code)
        #expect(batch.rejections.first?.column == column)
        #expect(c.reconciles)
    }

    @Test("-0 and -0.00 hours count as 0; 744.00 is accepted")
    func edgeValues() throws {
        let (batch, _) = try payroll("E1,P1,2024-01,-0.00,0,permanent,regular,\nE1,P1,2024-02,744.00,0.5,temporary,wsw,E2\n")
        #expect(batch.lines.count == 2)
        #expect(batch.lines[0].hours == .zero)
        #expect(batch.lines[1].hours == CentiHours(74_400))
        #expect(batch.lines[1].hirer == 1)
        #expect(batch.lines[1].wage == Cents(50))
    }

    @Test("collaborations.csv: malformed, out of range, unknown employer, sum over 100 rejects all that employer's rows")
    func collaborations() throws {
        let (reg, _, _) = try employers("E1,,markt,AMR01,false,\nE2,,markt,AMR01,false,\n")
        let text = """
        from_employer,to_employer,year,percent
        E1,E2,2024,60.00
        E1,E2,2024,50.00
        E1,E2,24,10
        E2,E9,2024,10
        E2,E1,2024,0.00
        E2,E1,2024,1.234
        E2,E1,2023,100
        E2,E2,2024,100

        """
        var c = RowCounts(), rej: [Rejection] = []
        let rows = try CollaborationsFile.read(path: tempFile(text), employers: reg, counts: &c, rejections: &rej)
        #expect(rej.map(\.code) == [.percentSumOver100, .percentSumOver100, .malformed, .unknownEmployer, .outOfRange, .malformed])
        #expect(rej.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(rows.count == 2)
        #expect(c.read == 8 && c.accepted == 2 && c.rejected == 6)
    }
}
