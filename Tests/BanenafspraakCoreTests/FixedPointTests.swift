import BanenafspraakCore
import Testing

@Suite("Fixed-point arithmetic and formats (spec section 2, 8.3)")
struct FixedPointTests {
    @Test("floor rounds toward minus infinity", arguments: [(7, 2, 3), (-7, 2, -4), (-6, 2, -3), (0, 5, 0), (-1, 100, -1)])
    func floorDivide(_ n: Int, _ d: Int, _ expected: Int) {
        #expect(FixedPoint.floorDivide(Int128(n), Int128(d)) == Int128(expected))
    }

    @Test("round is half away from zero", arguments: [(5, 10, 1), (-5, 10, -1), (4, 10, 0), (-4, 10, 0), (15, 10, 2), (-15, 10, -2), (14, 10, 1)])
    func roundDivide(_ n: Int, _ d: Int, _ expected: Int) {
        #expect(FixedPoint.roundDivide(Int128(n), Int128(d)) == Int128(expected))
    }

    @Test("accepted decimals", arguments: [("1326.00", 132600), ("25.5", 2550), ("40575", 4057500), ("007.10", 710), ("-0", 0), ("-0.00", 0), ("-5.25", -525)])
    func parses(_ text: String, _ expected: Int64) {
        #expect(FixedPoint.parse(text, scale: 2) == expected)
    }

    @Test("malformed decimals (spec 8.3)", arguments: ["12.", ".5", "+5", "1e2", "1,5", "1.234", " 5", "5 ", "", "-", "--1", "1.2.3"])
    func rejects(_ text: String) {
        #expect(FixedPoint.parse(text, scale: 2) == nil)
    }

    @Test("formatting keeps exactly the scale's decimals")
    func formats() {
        #expect(FixedPoint.format(-6223570, scale: 2) == "-62235.70")
        #expect(FixedPoint.format(-5, scale: 2) == "-0.05")
        #expect(FixedPoint.format(176, scale: 1) == "17.6")
        #expect(FixedPoint.format(412, scale: 3) == "0.412")
        #expect(CentiHours(132600).description == "1326.00")
        #expect(Cents(0).description == "0.00")
    }

    @Test("dates are parsed by hand and validated")
    func dates() {
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("2023-02-29") == nil)
        #expect(LocalDate("2024-13-01") == nil)
        #expect(LocalDate("2024-1-01") == nil)
        #expect(LocalDate("2024-12-31")!.adding(days: 1) == LocalDate("2025-01-01"))
        #expect(LocalDate("2024-01-31")!.adding(months: 1) == LocalDate("2024-02-29"))
        #expect(YearMonth("2024-13") == nil)
        #expect(YearMonth("2024-12")!.index + 1 == YearMonth("2025-01")!.index)
    }
}
