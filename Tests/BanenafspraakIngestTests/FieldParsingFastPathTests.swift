import BanenafspraakCore
@testable import BanenafspraakIngest
import Testing

/// The payroll hot path checks fields with word-at-a-time and short-path code; it must accept and reject exactly
/// what the plain definitions do (input contract: docs/contracts-internal.md).
@Suite("Field checks: fast paths agree with the plain definitions")
struct FieldParsingFastPathTests {
    /// Every string of up to 4 bytes over an alphabet with the interesting bytes, and longer edge cases.
    static var decimals: [String] {
        let alphabet = ["0", "1", "9", ".", "-", "+", " ", "a"]
        var out = [""]
        var level = [""]
        for _ in 1...4 {
            level = level.flatMap { p in alphabet.map { p + $0 } }
            out += level
        }
        out += ["744.00", "744.01", "-0", "-0.00", "00012.5", "1234567890123.45", "12345678901234.5", "123456789012345.6",
                "9999999999999999", "99999999999999999", "9223372036854775807", "92233720368547758.07", "1.2.3", "1..2", "-.5",
                "5.", "3500.00", "1e5", "\u{00e9}1", "12\u{0000}"]
        return out
    }

    @Test("decimal2 equals FixedPoint.parse with scale 2, with and without a sign allowed")
    func decimal2() {
        for text in Self.decimals {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                for sign in [true, false] {
                    #expect(FieldParsing.decimal2(b, allowSign: sign) == FixedPoint.parse(bytes: bytes, scale: 2, allowSign: sign), "\(text) sign \(sign)")
                }
            }
        }
    }

    @Test("isId accepts exactly [A-Za-z0-9]{1,max}")
    func isId() {
        for byte in 0...255 {
            let plain = (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
            for bytes in [[UInt8(byte)], [65, UInt8(byte), 66]] {
                bytes.withUnsafeBufferPointer { #expect(FieldParsing.isId($0, maxLength: 32) == plain, "byte \(byte)") }
            }
        }
        [UInt8](repeating: 65, count: 33).withUnsafeBufferPointer { #expect(!FieldParsing.isId($0, maxLength: 32)) }
        [UInt8](repeating: 65, count: 32).withUnsafeBufferPointer { #expect(FieldParsing.isId($0, maxLength: 32)) }
        [UInt8]().withUnsafeBufferPointer { #expect(!FieldParsing.isId($0, maxLength: 32)) }
    }

    @Test("equals compares whole words and the tail of every length")
    func equals() {
        let words = ["permanent", "temporary", "regular", "wsw", "beschut", "permanenT", "permanen", "permanentt", "regulaR",
                     "Regular", "wsW", "", "beschuT", "xeschut"]
        for w in words {
            Array(w.utf8).withUnsafeBufferPointer { b in
                #expect(FieldParsing.equals(b, "permanent") == (w == "permanent"))
                #expect(FieldParsing.equals(b, "temporary") == (w == "temporary"))
                #expect(FieldParsing.equals(b, "regular") == (w == "regular"))
                #expect(FieldParsing.equals(b, "wsw") == (w == "wsw"))
                #expect(FieldParsing.equals(b, "beschut") == (w == "beschut"))
            }
        }
    }
}
