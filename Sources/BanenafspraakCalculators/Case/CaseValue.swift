import BanenafspraakCore

/// A JSON value as read from a calculator case (calculator cases: docs/contracts-internal.md).
///
/// Numbers keep their text: integers are read exactly, and any other number (`1.5`, `1e2`) stays
/// ``number(_:)`` so that the field that holds it can be reported as malformed. Object keys keep
/// their order. This reader is pure Swift (no Foundation), like the rules it feeds.
public indirect enum CaseValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    /// A number that is not a plain integer, kept as written.
    case number(String)
    case bool(Bool)
    case null
    case array([CaseValue])
    case object([(String, CaseValue)])

    public static func == (a: CaseValue, b: CaseValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y
        case let (.integer(x), .integer(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value of `key` in an object.
    public subscript(key: String) -> CaseValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// Short name of the JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .integer, .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The same value as a ``JSONValue`` (for echoing inputs); non-integer numbers become strings.
    public var jsonValue: JSONValue {
        switch self {
        case .string(let s): return .string(s)
        case .integer(let i): return .integer(i)
        case .number(let t): return .string(t)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .array(let a): return .array(a.map(\.jsonValue))
        case .object(let o): return .object(o.map { ($0.0, $0.1.jsonValue) })
        }
    }
}
