import BanenafspraakCore

/// Who may call a route (server: docs/contracts-internal.md, "Access").
public enum RouteAccess: Sendable, Equatable {
    /// No token needed: health, OpenAPI, parameters, calc, estimate and the public pages.
    case open
    /// A bearer token is required; the handler decides what the token may read.
    case bearer
}

/// A documented parameter in the path or the query.
public struct RouteParameter: Sendable {
    public enum Location: String, Sendable { case path, query }
    public var name: String
    public var location: Location
    public var required: Bool
    public var description: String
    public var schema: JSONValue

    public init(_ name: String, in location: Location, required: Bool, description: String, schema: JSONValue = Schema.string()) {
        self.name = name
        self.location = location
        self.required = required
        self.description = description
        self.schema = schema
    }
}

/// A documented response of a route.
public struct RouteResponse: Sendable {
    public var status: Int
    public var description: String
    public var contentType: String
    public var schema: JSONValue
    /// Headers of this response besides the common ones: name and description.
    public var headers: [(String, String)]

    public init(_ status: Int, _ description: String, contentType: String = "application/json", schema: JSONValue, headers: [(String, String)] = []) {
        self.status = status
        self.description = description
        self.contentType = contentType
        self.schema = schema
        self.headers = headers
    }

    /// An error response `{"error": {"message", "field"}}`.
    public static func error(_ status: Int, _ description: String) -> RouteResponse {
        RouteResponse(status, description, schema: Schema.ref("Error"))
    }

    public static func page(_ status: Int = 200, _ description: String) -> RouteResponse {
        RouteResponse(status, description, contentType: "text/html; charset=utf-8", schema: Schema.string())
    }
}

/// A request body: its media type and schema.
public struct RouteBody: Sendable {
    public var contentType: String
    public var schema: JSONValue
    public var required: Bool

    public init(contentType: String = "application/json", schema: JSONValue, required: Bool = true) {
        self.contentType = contentType
        self.schema = schema
        self.required = required
    }
}

/// One route: what the router dispatches on and what `/openapi.json` documents, in one definition.
public struct Route: Sendable {
    public typealias Handler = @Sendable (APIRequest, _ pathParameters: [String: String]) async -> APIResponse

    public var method: String
    /// An OpenAPI path template such as `/api/v1/runs/{run}`.
    public var path: String
    public var operationId: String
    public var summary: String
    public var tag: String
    public var access: RouteAccess
    public var parameters: [RouteParameter]
    public var body: RouteBody?
    public var responses: [RouteResponse]
    public var handler: Handler

    public init(
        _ method: String, _ path: String, operationId: String, summary: String, tag: String,
        access: RouteAccess = .open, parameters: [RouteParameter] = [], body: RouteBody? = nil,
        responses: [RouteResponse], handler: @escaping Handler
    ) {
        self.method = method
        self.path = path
        self.operationId = operationId
        self.summary = summary
        self.tag = tag
        self.access = access
        self.parameters = parameters
        self.body = body
        self.responses = responses
        self.handler = handler
    }

    /// The path template split into segments; `{name}` segments capture.
    var segments: [Substring] { path.split(separator: "/", omittingEmptySubsequences: true) }

    /// The captured path parameters when `path` matches this route's template.
    func match(path requestPath: String) -> [String: String]? {
        Self.match(segments, path: requestPath, have: requestPath.split(separator: "/", omittingEmptySubsequences: true))
    }

    /// ``match(path:)`` with the template's segments and the request's split once, not once per route tried.
    static func match(_ want: [Substring], path requestPath: String, have: [Substring]) -> [String: String]? {
        guard want.count == have.count else { return nil }
        if requestPath.hasSuffix("/") && requestPath != "/" { return nil }
        var captured: [String: String] = [:]
        for (w, h) in zip(want, have) {
            if w.hasPrefix("{") && w.hasSuffix("}") {
                guard let decoded = PercentDecoding.decode(h), !decoded.isEmpty else { return nil }
                captured[String(w.dropFirst().dropLast())] = decoded
            } else if w != h {
                return nil
            }
        }
        return captured
    }
}

/// The routes of a server, matched in order.
public struct RouteTable: Sendable {
    public var routes: [Route] {
        didSet { templates = routes.map(\.segments) }
    }
    /// Each route's template split into segments, once (splitting them on every request was 14 % of a loaded
    /// server's time: perf, docs/performance.md).
    private var templates: [[Substring]]

    public init(_ routes: [Route]) {
        self.routes = routes
        templates = routes.map(\.segments)
    }

    public enum Resolution {
        case found(Route, [String: String])
        /// The path exists, but not for this method.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    public func resolve(method: String, path: String) -> Resolution {
        var allowed: [String] = []
        let have = path.split(separator: "/", omittingEmptySubsequences: true)
        for (route, want) in zip(routes, templates) {
            guard let captured = Route.match(want, path: path, have: have) else { continue }
            if route.method == method || (method == "HEAD" && route.method == "GET") {
                return .found(route, captured)
            }
            allowed.append(route.method)
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
    }
}

/// Percent-decoding of path segments and query strings (RFC 3986; `+` is a space in forms).
public enum PercentDecoding {
    public static func decode<S: StringProtocol>(_ text: S, plusAsSpace: Bool = false) -> String? {
        var bytes: [UInt8] = []
        var it = Array(text.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%") {
                guard let h = it.popFirst(), let l = it.popFirst(), let hv = hex(h), let lv = hex(l) else { return nil }
                bytes.append(hv << 4 | lv)
            } else if plusAsSpace && b == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// `a=1&b=x+y` → `[("a","1"), ("b","x y")]`; pairs that do not decode are dropped.
    public static func form(_ text: String) -> [(String, String)] {
        var out: [(String, String)] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let k = decode(parts[0], plusAsSpace: true) else { continue }
            let v = parts.count > 1 ? decode(parts[1], plusAsSpace: true) : ""
            guard let v else { continue }
            out.append((k, v))
        }
        return out
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension RouteTable {
    /// Dispatches a request whose body has been read: 404 and 405 as JSON for the API, the route otherwise.
    /// The HTTP server and the tests both go through here.
    public func respond(to request: APIRequest, notFound: (String) -> APIResponse) async -> APIResponse {
        switch resolve(method: request.method, path: request.path) {
        case .notFound:
            return request.path.hasPrefix("/api/") ? .error(404, "no such endpoint: \(request.path)") : notFound(request.path)
        case .methodNotAllowed(let allowed):
            var r = APIResponse.error(405, "\(request.method) is not allowed here; use \(allowed.joined(separator: " or "))")
            r.headers.append(("Allow", allowed.joined(separator: ", ")))
            return r
        case .found(let route, let captured):
            return await route.handler(request, captured)
        }
    }

    /// Whether the route for this method and path reads a body (only those are read, up to the limit).
    public func readsBody(method: String, path: String) -> Bool {
        if case .found(let route, _) = resolve(method: method, path: path) { return route.body != nil }
        return false
    }
}
