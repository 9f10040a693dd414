import BanenafspraakCore
@testable import BanenafspraakIngest
import Testing

/// The optional `subsector` column of employers.csv: one of the overheidssectoren, for overheid employers only.
@Suite("employers.csv subsector column")
struct SubsectorColumnTests {
    func read(_ text: String) throws -> (EmployerRegistry, RowCounts, [Rejection]) {
        var c = RowCounts(), rej: [Rejection] = []
        let reg = try EmployersFile.read(path: tempFile(text), counts: &c, rejections: &rej)
        return (reg, c, rej)
    }

    @Test("a valid subsector is kept; blank is none; without the column there is none at all")
    func accepted() throws {
        let (reg, c, rej) = try read("""
            employer_id,sector,region,staffing_agency,subsector
            G1,overheid,AMR01,false,gemeenten
            G2,overheid,AMR02,false,
            M1,markt,AMR03,false,
            U1,overheid,AMR04,false,umc

            """)
        #expect(rej.isEmpty && c.accepted == 4)
        #expect(reg.hasSubsectorColumn)
        #expect(reg.subsector == [.gemeenten, nil, nil, .umc])
        let (plain, _, _) = try read("employer_id,sector,region,staffing_agency\nG1,overheid,AMR01,false\n")
        #expect(!plain.hasSubsectorColumn && plain.subsectorOf(0) == nil)
    }

    @Test("a bad value and a subsector on a markt employer are rejections naming file, line and column")
    func rejected() throws {
        let (reg, c, rej) = try read("""
            employer_id,sector,region,staffing_agency,subsector
            G1,overheid,AMR01,false,Gemeenten
            M1,markt,AMR03,false,rijk
            G2,overheid,AMR01,false,onderwijs
            G3,overheid,AMR01,false,politie

            """)
        #expect(c.read == 4 && c.accepted == 1 && c.rejected == 3)
        #expect(reg.subsector == [.politie])
        #expect(rej.map(\.file) == [.employers, .employers, .employers])
        #expect(rej.map(\.line) == [2, 3, 4])
        #expect(rej.allSatisfy { $0.column == "subsector" && $0.code == .malformed })
        #expect(rej[0].message.contains("\"Gemeenten\" is not one of the overheidssectoren"))
        #expect(rej[1].message.contains("overheid employers only"))
    }

    @Test("twelve overheidssectoren, each with its Dutch name")
    func closedSet() {
        #expect(OverheidSubsector.allCases.count == 12)
        #expect(Set(OverheidSubsector.allCases.map(\.dutchName)).count == 12)
        #expect(OverheidSubsector.parse(Array("primair_onderwijs".utf8)) == .primair_onderwijs)
        #expect(OverheidSubsector.parse(Array("PO".utf8)) == nil)
    }
}
