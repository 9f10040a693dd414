import BanenafspraakCore

extension CaseValue {
    /// A case is at most this many bytes of JSON ...
    public static let maximumBytes = 1 << 20
    /// ... nested at most this deep (objects and arrays), so no input can exhaust the stack.
    public static let maximumDepth = 64

    /// Parses a JSON text (RFC 8259). A duplicate key in one object is an error: a case must be unambiguous.
    /// Texts over ``maximumBytes`` or nested deeper than ``maximumDepth`` are errors too.
    public static func parse(_ text: String) throws(CaseError) -> CaseValue {
        guard text.utf8.count <= maximumBytes else {
            throw CaseError(field: "case", message: "the case is larger than \(maximumBytes) bytes")
        }
        var p = CaseJSONParser(bytes: Array(text.utf8))
        p.skipWhitespace()
        let v = try p.value(path: "")
        p.skipWhitespace()
        guard p.index == p.bytes.count else { throw p.fail("unexpected text after the JSON value", path: "") }
        return v
    }
}

/// A small recursive-descent JSON reader over UTF-8 bytes.
struct CaseJSONParser {
    let bytes: [UInt8]
    var index = 0
    var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ message: String, path: String) -> CaseError {
        CaseError(field: path.isEmpty ? "case" : path, message: "invalid JSON at byte \(index + 1): \(message)")
    }

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func value(path: String) throws(CaseError) -> CaseValue {
        guard index < bytes.count else { throw fail("unexpected end of input", path: path) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(path: path)
        case UInt8(ascii: "["): return try array(path: path)
        case UInt8(ascii: "\""): return .string(try string(path: path))
        case UInt8(ascii: "t"): try literal("true", path: path); return .bool(true)
        case UInt8(ascii: "f"): try literal("false", path: path); return .bool(false)
        case UInt8(ascii: "n"): try literal("null", path: path); return .null
        default: return try number(path: path)
        }
    }

    mutating func literal(_ word: String, path: String) throws(CaseError) {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
            throw fail("unexpected character", path: path)
        }
        index += w.count
    }

    mutating func enter(path: String) throws(CaseError) {
        depth += 1
        guard depth <= CaseValue.maximumDepth else {
            throw fail("nested deeper than \(CaseValue.maximumDepth) levels", path: "")
        }
    }

    mutating func object(path: String) throws(CaseError) -> CaseValue {
        try enter(path: path)
        defer { depth -= 1 }
        index += 1
        var pairs: [(String, CaseValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key", path: path) }
            let key = try string(path: path)
            let shownKey = key.isEmpty ? "\"\"" : key
            let childPath = path.isEmpty ? shownKey : path + "." + shownKey
            if pairs.contains(where: { $0.0 == key }) {
                throw CaseError(field: childPath, message: "the key \"\(key)\" appears twice")
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'", path: childPath) }
            index += 1
            skipWhitespace()
            pairs.append((key, try value(path: childPath)))
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input", path: path) }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
            throw fail("expected ',' or '}'", path: path)
        }
    }

    mutating func array(path: String) throws(CaseError) -> CaseValue {
        try enter(path: path)
        defer { depth -= 1 }
        index += 1
        var items: [CaseValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value(path: "\(path).\(items.count)"))
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input", path: path) }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw fail("expected ',' or ']'", path: path)
        }
    }

    mutating func string(path: String) throws(CaseError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() { if !raw.isEmpty { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw.removeAll() } }
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; flush(); return String(scalars) }
            if b < 0x20 { throw fail("control character in a string", path: path) }
            if b == UInt8(ascii: "\\") {
                flush()
                index += 1
                guard index < bytes.count else { break }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4(path: path)
                    if (0xD800..<0xDC00).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("unpaired surrogate", path: path)
                        }
                        index += 2
                        let low = try hex4(path: path)
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate", path: path) }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let s = Unicode.Scalar(code) else { throw fail("invalid \\u escape", path: path) }
                    scalars.append(s)
                default: throw fail("invalid escape", path: path)
                }
                continue
            }
            raw.append(b)
            index += 1
        }
        throw fail("unterminated string", path: path)
    }

    mutating func hex4(path: String) throws(CaseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("short \\u escape", path: path) }
        var v: UInt32 = 0
        for b in bytes[index..<index + 4] {
            v <<= 4
            switch b {
            case 48...57: v |= UInt32(b - 48)
            case 65...70: v |= UInt32(b - 55)
            case 97...102: v |= UInt32(b - 87)
            default: throw fail("invalid \\u escape", path: path)
            }
        }
        index += 4
        return v
    }

    mutating func number(path: String) throws(CaseError) -> CaseValue {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        var isInteger = true
        var digits = 0
        while index < bytes.count {
            let b = bytes[index]
            if b >= 48 && b <= 57 { digits += 1; index += 1; continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                isInteger = false; index += 1; continue
            }
            break
        }
        guard digits > 0 else { index = start; throw fail("unexpected character", path: path) }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let v = Int64(text) { return .integer(v) }
        return .number(text)
    }
}
