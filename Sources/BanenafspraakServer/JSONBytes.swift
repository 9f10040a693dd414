import BanenafspraakCore

/// Compact JSON of a ``JSONValue`` written straight into bytes: the same text as `rendered(pretty: false)`
/// (the calc test compares them byte for byte), without building a String scalar by scalar, which was the
/// largest cost of an estimate response under load (perf). The bytes go into one growable buffer with plain
/// copies (an array's `append` checks uniqueness and capacity on every call, a cost that showed in the profile of
/// the 25–80 KB hire answers).
enum JSONBytes {
    static func render(_ value: JSONValue) -> [UInt8] {
        var out = Buffer(capacity: 32 * 1024)
        defer { out.free() }
        write(value, into: &out)
        return out.bytes
    }

    /// A growable byte buffer, freed by its owner.
    struct Buffer {
        private var base: UnsafeMutablePointer<UInt8>
        private var count = 0
        private var capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        func free() { base.deallocate() }

        var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

        private mutating func reserve(_ n: Int) {
            guard count + n > capacity else { return }
            var c = capacity * 2
            while count + n > c { c *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            grown.update(from: base, count: count)
            base.deallocate()
            base = grown
            capacity = c
        }

        mutating func append(_ b: UInt8) {
            reserve(1)
            base[count] = b
            count += 1
        }

        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let from = bytes.baseAddress, bytes.count > 0 else { return }
            reserve(bytes.count)
            (base + count).update(from: from, count: bytes.count)
            count += bytes.count
        }

        mutating func append(_ bytes: [UInt8]) {
            bytes.withUnsafeBufferPointer { append($0) }
        }

        mutating func append(_ s: StaticString) {
            append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func write(_ value: JSONValue, into out: inout Buffer) {
        switch value {
        case .string(let s): string(s, into: &out)
        case .integer(let i): integer(i, into: &out)
        case .bool(let b): out.append(b ? "true" : "false")
        case .null: out.append("null")
        case .array(let items):
            out.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (k, v) in pairs {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                string(k, into: &out)
                out.append(UInt8(ascii: ":"))
                write(v, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Decimal digits, as `String(i)` writes them.
    static func integer(_ i: Int64, into out: inout Buffer) {
        if i < 0 { out.append(UInt8(ascii: "-")) }
        var m = i.magnitude
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // 32 bytes, room for 20 digits
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[n] = UInt8(ascii: "0") + UInt8(m % 10); m /= 10; n += 1 } while m > 0
            for k in stride(from: n - 1, through: 0, by: -1) { out.append(d[k]) }
        }
    }

    /// A string with its escapes; the runs between escapes are copied whole.
    static func string(_ s: String, into out: inout Buffer) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") { continue }
                if start < i { out.append(UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                start = i + 1
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(b)
                case 0x0A: out.append("\\n")
                case 0x0D: out.append("\\r")
                case 0x09: out.append("\\t")
                default:
                    out.append("\\u00")
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 15)])
                }
            }
            if start < bytes.count { out.append(UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
