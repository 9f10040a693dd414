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
}

/// A route's path template split once, when the table is made (not per request).
struct RouteTemplate: Sendable {
    /// A literal segment, or the name of a captured one (`{name}`).
    enum Segment: Sendable { case literal(Substring), capture(String) }
    let segments: [Segment]

    init(_ template: String) {
        segments = template.split(separator: "/", omittingEmptySubsequences: true).map { w in
            w.hasPrefix("{") && w.hasSuffix("}") ? .capture(String(w.dropFirst().dropLast())) : .literal(w)
        }
    }

    /// A request path's segments; nil for a path with a trailing slash (other than `/`), which matches no route.
    static func split(_ requestPath: String) -> [Substring]? {
        if requestPath.hasSuffix("/") && requestPath != "/" { return nil }
        return requestPath.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// The captured path parameters when the request's segments match this template.
    func match(_ have: [Substring]?) -> [String: String]? {
        guard let have, segments.count == have.count else { return nil }
        for (w, h) in zip(segments, have) { if case .literal(let l) = w, l != h { return nil } }
        var captured: [String: String] = [:]
        for (w, h) in zip(segments, have) {
            guard case .capture(let name) = w else { continue }
            guard let decoded = PercentDecoding.decode(h), !decoded.isEmpty else { return nil }
            captured[name] = decoded
        }
        return captured
    }
}

/// The routes of a server, matched in order.
public struct RouteTable: Sendable {
    public let routes: [Route]
    /// The templates of `routes`, split once.
    private let templates: [RouteTemplate]

    public init(_ routes: [Route]) {
        self.routes = routes
        templates = routes.map { RouteTemplate($0.path) }
    }

    public enum Resolution {
        case found(Route, [String: String])
        /// The path exists, but not for this method.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    public func resolve(method: String, path: String) -> Resolution {
        var allowed: [String] = []
        let have = RouteTemplate.split(path)
        for (route, template) in zip(routes, templates) {
            guard let captured = template.match(have) else { continue }
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
        await respond(to: request, resolved: resolve(method: request.method, path: request.path), notFound: notFound)
    }

    /// ``respond(to:notFound:)`` with the route already resolved (the server resolves each request once).
    func respond(to request: APIRequest, resolved: Resolution, notFound: (String) -> APIResponse) async -> APIResponse {
        switch resolved {
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
