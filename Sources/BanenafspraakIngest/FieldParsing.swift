import BanenafspraakCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Value checks on raw field bytes (input contract: docs/contracts-internal.md; readings R2, R3 in docs/readings.md). No trimming: `" 5"` is malformed.
public enum FieldParsing {
    /// 1…`maxLength` characters of `[A-Za-z0-9]`.
    @inlinable
    public static func isId(_ b: UnsafeBufferPointer<UInt8>, maxLength: Int) -> Bool {
        guard !b.isEmpty, b.count <= maxLength, let p = b.baseAddress else { return false }
        // A digit, or a letter of either case (`c | 0x20` folds A-Z onto a-z and leaves no other byte in a-z).
        var bad = false
        for k in 0..<b.count {
            let c = p[k]
            bad = bad || !((c &- 48) < 10 || ((c | 0x20) &- 97) < 26)
        }
        return !bad
    }

    /// Byte equality with a literal; short literals (as the payroll enums) are compared a word at a time.
    @inlinable
    public static func equals(_ b: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard b.count == n else { return false }
        guard n > 0, let base = b.baseAddress else { return true }
        let l = UnsafeRawPointer(literal.utf8Start), r = UnsafeRawPointer(base)
        if n >= 8 && n <= 16 {
            return l.loadUnaligned(as: UInt64.self) == r.loadUnaligned(as: UInt64.self)
                && l.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == r.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        if n >= 4 && n < 8 {
            return l.loadUnaligned(as: UInt32.self) == r.loadUnaligned(as: UInt32.self)
                && l.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == r.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        }
        let p = literal.utf8Start
        for i in 0..<n where base[i] != p[i] { return false }
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
    /// The same as ``FixedPoint/parse(bytes:scale:allowSign:)`` with scale 2; fields of at most 16 bytes (every
    /// hours and wage field in practice) take a short path that cannot overflow.
    @inlinable
    public static func decimal2(_ b: UnsafeBufferPointer<UInt8>, allowSign: Bool = true) -> Int64? {
        guard b.count <= 16, let p = b.baseAddress else { return FixedPoint.parse(bytes: b, scale: 2, allowSign: allowSign) }
        let n = b.count
        var i = 0
        var negative = false
        if allowSign && p[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        let digitsStart = i
        var value: Int64 = 0
        while i < n {
            let d = p[i] &- 48
            if d >= 10 { break }
            value = value * 10 + Int64(d)
            i += 1
        }
        guard i > digitsStart else { return nil }
        var after = 0
        if i < n {
            guard p[i] == UInt8(ascii: ".") else { return nil }
            i += 1
            while i < n {
                let d = p[i] &- 48
                if d >= 10 { return nil }
                value = value * 10 + Int64(d)
                after += 1
                i += 1
            }
            guard after == 1 || after == 2 else { return nil }
        }
        // At most 16 digits: times 100 stays far below Int64.max.
        if after == 0 { value *= 100 } else if after == 1 { value *= 10 }
        return negative ? -value : value
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

    /// Free text (`name`): valid UTF-8 with no control character other than the CR and LF of a line break: no
    /// TAB, no C0 or C1 control, DEL, and no bidirectional formatting character (U+061C, U+200E, U+200F,
    /// U+202A–U+202E, U+2066–U+2069), which would make a name read in another order than it is stored.
    public static func isText(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b where c < 0x20 || c >= 0x7F {
            if c == 10 || c == 13 { continue }
            if c < 0x20 || c == 0x7F { return false }
            // A non-ASCII byte: check the whole field as UTF-8 (rare).
            return UTF8Text.isValid(b) && !String(decoding: b, as: UTF8.self).unicodeScalars.contains { isControl($0) }
        }
        return true
    }

    /// A control or bidirectional formatting character, other than CR and LF.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 10, 13: return false
        case 0..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Field text for messages, shortened.
    public static func text(_ b: UnsafeBufferPointer<UInt8>) -> String {
        let s = UTF8Text.escaped(b.prefix(40))
        return b.count > 40 ? s + "…" : s
    }
}

/// UTF-8 checks and a lossless, always-valid rendering of arbitrary bytes.
public enum UTF8Text {
    /// `true` when `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
    public static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// `bytes` as text, with each byte of an invalid sequence written `\xHH` and a NUL as `\x00`, so the result is
    /// valid UTF-8 and shows what was there. Valid text without NUL comes back unchanged.
    public static func escapedBytes(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let a = Array(bytes)
        if !a.contains(where: { $0 >= 0x80 || $0 == 0 }) { return a }
        var out: [UInt8] = []
        out.reserveCapacity(a.count + 16)
        var i = 0
        func hex(_ b: UInt8) { out.append(contentsOf: Array("\\x".utf8)); let d = Array("0123456789ABCDEF".utf8); out.append(d[Int(b >> 4)]); out.append(d[Int(b & 15)]) }
        while i < a.count {
            let b = a[i]
            if b == 0 { hex(b); i += 1; continue }
            if b < 0x80 { out.append(b); i += 1; continue }
            let n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0
            if n > 0 && i + n <= a.count && isValid(a[i..<i + n]) {
                out.append(contentsOf: a[i..<i + n]); i += n
            } else {
                hex(b); i += 1
            }
        }
        return out
    }

    /// ``escapedBytes(_:)`` as a `String`.
    public static func escaped(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: escapedBytes(bytes), as: UTF8.self)
    }
}
