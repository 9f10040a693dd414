import BanenafspraakCore

/// An HTTP request as the routes see it: independent of the HTTP library, so that the routes, their
/// OpenAPI description and the tests share one definition.
public struct APIRequest: Sendable {
    public var method: String
    /// The path without query, percent-decoded per segment by the router.
    public var path: String
    /// Query parameters in order; a repeated name keeps its first value in ``query(_:)``.
    public var queryItems: [(String, String)]
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: [UInt8]
    /// The request reached the server over TLS (through a reverse proxy on this machine): cookies get `Secure`.
    public var secure = false

    public init(method: String, path: String, queryItems: [(String, String)] = [], headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
    }

    public func query(_ name: String) -> String? { queryItems.first { $0.0 == name }?.1 }
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// An HTTP response produced by a route.
public struct APIResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, contentType: String, headers: [(String, String)] = [], body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    public static func json(_ value: JSONValue, status: Int = 200) -> APIResponse {
        APIResponse(status: status, contentType: "application/json", body: JSONBytes.render(value))
    }

    public static func html(_ text: String, status: Int = 200) -> APIResponse {
        APIResponse(status: status, contentType: "text/html; charset=utf-8", body: Array(text.utf8))
    }

    /// `{"error": {"message": …, "field": …}}` (server: docs/contracts-internal.md); `field` is a JSON Pointer or null.
    public static func error(_ status: Int, _ message: String, field: String? = nil) -> APIResponse {
        .json(APIError(status: status, message: message, field: field).jsonValue, status: status)
    }

    public static func redirect(to location: String) -> APIResponse {
        APIResponse(status: 303, contentType: "text/plain; charset=utf-8", headers: [("Location", location)], body: Array("See \(location)\n".utf8))
    }
}

/// An error a route reports to the client; `field` names the offending input as a JSON Pointer (RFC 6901).
public struct APIError: Error, Sendable, Equatable {
    public var status: Int
    public var message: String
    public var field: String?

    public init(status: Int, message: String, field: String? = nil) {
        self.status = status
        self.message = message
        self.field = field
    }

    public var jsonValue: JSONValue {
        .object([("error", .object([("message", .string(message)), ("field", field.map(JSONValue.string) ?? .null)]))])
    }

    public var response: APIResponse { .json(jsonValue, status: status) }
}

/// JSON Pointers (RFC 6901) for the fields that errors name.
public enum JSONPointer {
    /// A pointer from reference tokens: `["input", "a/b"]` → `/input/a~1b`.
    public static func from(_ tokens: [String]) -> String {
        tokens.map { "/" + $0.replacingAll("~", with: "~0").replacingAll("/", with: "~1") }.joined()
    }

    /// The calculators name a field by a dotted path (`input.hours_by_month.2024-13`); keys in a case never
    /// contain dots except inside a month key, which has none, so a split on dots recovers the tokens.
    /// Array indices are written `name[3]` in that path and become their own token.
    public static func fromDottedPath(_ path: String) -> String {
        if path.isEmpty { return "" }
        var tokens: [String] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var name = Substring(part)
            var indices: [String] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                indices.insert(String(name[name.index(after: open)..<name.index(before: name.endIndex)]), at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { tokens.append(String(name)) }
            tokens.append(contentsOf: indices)
        }
        return from(tokens)
    }
}

extension JSONPointer {
    /// A JSONPath as the reform loader writes it (`$.parameters[0].values[1].value`) → `/parameters/0/values/1/value`.
    public static func fromJSONPath(_ path: String) -> String {
        var p = Substring(path)
        if p.hasPrefix("$") { p = p.dropFirst() }
        if p.hasPrefix(".") { p = p.dropFirst() }
        return fromDottedPath(String(p))
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}

/// A guard run before any JSON body is parsed: the case parser is recursive, so a body nested thousands of
/// levels deep would exhaust a worker thread's stack. Bodies nested deeper than ``limit`` are refused (400).
public enum JSONNesting {
    public static let limit = 64

    /// Whether arrays and objects nest deeper than `limit` (brackets inside strings do not count).
    public static func tooDeep(_ bytes: [UInt8], limit: Int = JSONNesting.limit) -> Bool {
        var depth = 0, inString = false, escaped = false
        for b in bytes {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return false
    }

    static let error = APIError(status: 400, message: "the body nests arrays or objects deeper than \(limit) levels")
}
