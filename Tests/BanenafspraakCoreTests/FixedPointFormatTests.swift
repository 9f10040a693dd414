import BanenafspraakCore
import Testing

/// `FixedPoint.format` writes every amount in the outputs; it must give the text of its definition:
/// `[-]` integer part `.` exactly `scale` digits (no point for scale 0), for every Int64.
@Suite("FixedPoint.format")
struct FixedPointFormatTests {
    /// The definition, written plainly.
    static func reference(_ units: Int64, scale: Int) -> String {
        let negative = units < 0
        var magnitude = units.magnitude
        if scale == 0 { return (negative ? "-" : "") + String(magnitude) }
        var fraction = ""
        for _ in 0..<scale {
            fraction = String(magnitude % 10) + fraction
            magnitude /= 10
        }
        return (negative ? "-" : "") + String(magnitude) + "." + fraction
    }

    @Test("equals the definition at the edges and on a spread of values", arguments: [0, 1, 2, 3])
    func format(scale: Int) {
        var values: [Int64] = [0, 1, -1, 5, -5, 9, 10, 99, 100, 101, -100, 12345, -12345, Int64.max, Int64.min, Int64.min + 1]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            values.append(Int64(bitPattern: x) >> Int64(x % 60))
        }
        for v in values { #expect(FixedPoint.format(v, scale: scale) == Self.reference(v, scale: scale), "\(v)") }
        #expect(FixedPoint.format(-5, scale: 2) == "-0.05")
        #expect(FixedPoint.format(123456, scale: 2) == "1234.56")
        #expect(FixedPoint.format(7, scale: 0) == "7")
    }
}
