import BanenafspraakCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Value checks on raw field bytes (spec section 4 and 8.2–8.3). No trimming: `" 5"` is malformed.
public enum FieldParsing {
    /// 1…`maxLength` characters of `[A-Za-z0-9]`.
    @inlinable
    public static func isId(_ b: UnsafeBufferPointer<UInt8>, maxLength: Int) -> Bool {
        guard !b.isEmpty, b.count <= maxLength else { return false }
        for c in b {
            let ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
            if !ok { return false }
        }
        return true
    }

    @inlinable
    public static func equals(_ b: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard b.count == literal.utf8CodeUnitCount else { return false }
        let p = literal.utf8Start
        for i in 0..<b.count where b[i] != p[i] { return false }
        return true
    }

    /// Byte equality of a field and stored bytes (memcmp; the generic `elementsEqual` is slow here).
    @inline(__always)
    public static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return b.withUnsafeBufferPointer { memcmp(a.baseAddress!, $0.baseAddress!, a.count) == 0 }
    }

    /// Byte equality of two fields.
    @inline(__always)
    public static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }

    /// A decimal `[-][0-9]+(\.[0-9]{1,2})?` in hundredths (centi-hours or cents).
    @inlinable
    public static func decimal2(_ b: UnsafeBufferPointer<UInt8>, allowSign: Bool = true) -> Int64? {
        FixedPoint.parse(bytes: b, scale: 2, allowSign: allowSign)
    }

    /// A `YYYY-MM-DD` date.
    public static func date(_ b: UnsafeBufferPointer<UInt8>) -> LocalDate? { LocalDate(bytes: b) }

    /// A `YYYY-MM` period.
    @inlinable
    public static func period(_ b: UnsafeBufferPointer<UInt8>) -> YearMonth? {
        guard b.count == 7, b[4] == UInt8(ascii: "-") else { return nil }
        var y = 0
        for k in 0..<4 { let c = b[k]; guard c >= 48 && c <= 57 else { return nil }; y = y * 10 + Int(c - 48) }
        let m1 = b[5], m2 = b[6]
        guard m1 >= 48 && m1 <= 57 && m2 >= 48 && m2 <= 57 else { return nil }
        return YearMonth(year: y, month: Int(m1 - 48) * 10 + Int(m2 - 48))
    }

    /// Field text for messages, shortened.
    public static func text(_ b: UnsafeBufferPointer<UInt8>) -> String {
        let s = String(decoding: b.prefix(40), as: UTF8.self)
        return b.count > 40 ? s + "…" : s
    }
}
