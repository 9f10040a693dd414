import BanenafspraakCore
import BanenafspraakPresentation
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// How `banenafspraak serve` listens (server: docs/contracts-internal.md).
public struct ServeOptions: Sendable {
    public var host: String
    public var port: Int
    /// Closes a connection that sends nothing for this long: the read timeout for a slow request and the
    /// idle timeout for a kept-alive connection.
    public var idleTimeoutSeconds: Int64
    /// The whole request body must arrive within this time.
    public var readTimeoutSeconds: Int64
    /// How many connections are held, in total and per client address.
    public var connections: ConnectionLimitOptions

    public init(host: String = "127.0.0.1", port: Int = 8080, idleTimeoutSeconds: Int64 = 15, readTimeoutSeconds: Int64 = 30,
                connections: ConnectionLimitOptions = ConnectionLimitOptions()) {
        self.host = host
        self.port = port
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.readTimeoutSeconds = readTimeoutSeconds
        self.connections = connections
    }
}

/// Hummingbird's request context with the client's address (for `Secure` cookies behind a loopback proxy).
struct ServerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// Dispatches Hummingbird requests to the route table: collects the body up to the limit, adds the
/// engine-version and parameter-hash headers, and turns every failure into a JSON error (never a 5xx
/// for bad input).
struct TableResponder: HTTPResponder {
    typealias Context = ServerRequestContext
    let table: RouteTable
    let env: ServerEnvironment
    let renderer: PageRenderer
    let logger: Logger
    /// The whole body must arrive within this time (the read timeout); a slow sender gets 408.
    let readTimeoutSeconds: Int64

    struct ReadTimeout: Error {}

    /// Collects the body up to `limit` bytes, racing a deadline.
    static func collect(_ body: RequestBody, upTo limit: Int, within seconds: Int64) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else { throw ReadTimeout() }
            return buffer
        }
    }

    static let engineHeader = HTTPField.Name("X-Engine-Version")!
    static let parameterHeader = HTTPField.Name("X-Parameter-Set-Hash")!
    static let forwardedProtoHeader = HTTPField.Name("X-Forwarded-Proto")!
    /// ``securityHeaders(contentType:)`` as fields, made once: for pages and for everything else.
    static let pageSecurityFields = fields(securityHeaders(contentType: "text/html"))
    static let otherSecurityFields = fields(securityHeaders(contentType: "application/json"))

    static func fields(_ pairs: [(String, String)]) -> [HTTPField] { pairs.map { HTTPField(name: HTTPField.Name($0.0)!, value: $0.1) } }

    func respond(to request: Request, context: ServerRequestContext) async throws -> Response {
        var req = request
        let secure = Self.cameOverTLS(forwardedProto: request.headers[Self.forwardedProtoHeader], peer: context.remoteAddress)
        let (api, readsBody) = await dispatch(&req, secure: secure, client: context.remoteAddress?.ipAddress ?? "unknown")
        var headers = HTTPFields()
        headers.reserveCapacity(12)
        headers[.contentType] = api.contentType
        headers[Self.engineHeader] = ServerEnvironment.engineVersion
        headers[Self.parameterHeader] = env.parameterSetHash
        headers.append(contentsOf: api.contentType.hasPrefix("text/html") ? Self.pageSecurityFields : Self.otherSecurityFields)
        for (name, value) in api.headers {
            if let n = HTTPField.Name(name) { headers.append(HTTPField(name: n, value: value)) }
        }
        // A body that was refused or not read ends the connection (after the response: ConnectionGuards.swift),
        // so that no client keeps a connection by trickling a body nobody reads.
        if api.status == 408 || api.status == 413 || (!readsBody && Self.hasBody(request)) {
            headers[.connection] = "close"
        }
        let body = ResponseBody(byteBuffer: ByteBuffer(bytes: api.body))
        let response = Response(status: HTTPResponse.Status(code: api.status), headers: headers, body: body)
        return request.method == .head ? response.createHeadResponse() : response
    }

    /// The headers of section 14 ("Web security") on every answer: nothing is cached (pages and answers hold an
    /// employer's figures), no sniffing, no referrer; pages also get a Content-Security-Policy without any script,
    /// and may not be framed (`frame-ancestors 'none'`, and `X-Frame-Options` for older browsers).
    static func securityHeaders(contentType: String) -> [(String, String)] {
        var out = [("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")]
        if contentType.hasPrefix("text/html") {
            out.append(("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
            out.append(("X-Frame-Options", "DENY"))
            out.append(("Cross-Origin-Opener-Policy", "same-origin"))
        }
        return out
    }

    private func notFoundPage(_ path: String) -> APIResponse {
        var page = renderer.render("notfound", title: "Pagina niet gevonden", path: path, page: MessagePage())
        page.status = 404
        return page
    }

    /// Whether the request declares a body (a length above 0, or chunks).
    static func hasBody(_ request: Request) -> Bool {
        if request.headers[.transferEncoding] != nil { return true }
        return request.headers[.contentLength].flatMap { Int($0) }.map { $0 > 0 } ?? false
    }

    /// The server speaks plain HTTP; a request came over TLS only when a reverse proxy on this machine (a
    /// loopback peer) says so with `X-Forwarded-Proto: https`. From any other peer the header is ignored.
    static func cameOverTLS(forwardedProto: String?, peer: SocketAddress?) -> Bool {
        guard forwardedProto?.lowercased() == "https", let ip = peer?.ipAddress else { return false }
        return ip == "::1" || ip.hasPrefix("127.") || ip == "::ffff:127.0.0.1"
    }

    /// The route's answer, and whether the route reads a body (the route is resolved once per request).
    private func dispatch(_ request: inout Request, secure: Bool, client: String) async -> (APIResponse, Bool) {
        let method = request.method.rawValue
        let path = request.uri.path
        let resolved = table.resolve(method: method, path: path)
        var readsBody = false
        if case .found(let route, _) = resolved { readsBody = route.body != nil }
        var body: [UInt8] = []
        if readsBody {
            if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > env.maxBodyBytes {
                return (.error(413, "the body is larger than \(env.maxBodyBytes) bytes"), true)
            }
            do {
                let buffer = try await Self.collect(request.body, upTo: env.maxBodyBytes, within: readTimeoutSeconds)
                body = Array(buffer.readableBytesView)
            } catch is ReadTimeout {
                logger.notice("the body from \(client) to \(method) \(path) did not arrive within \(readTimeoutSeconds) s: 408, connection closed")
                return (.error(408, "the body did not arrive within \(readTimeoutSeconds) s"), true)
            } catch is NIOTooManyBytesError {
                return (.error(413, "the body is larger than \(env.maxBodyBytes) bytes"), true)
            } catch let error as HTTPError where error.status == .contentTooLarge {
                return (.error(413, "the body is larger than \(env.maxBodyBytes) bytes"), true)
            } catch {
                return (.error(400, "the body could not be read"), true)
            }
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        // HTTP/1's Host arrives as the authority (the CSRF check compares `Origin` with it).
        if let authority = request.head.authority { headers["host"] = authority }
        let query = request.uri.query.map { PercentDecoding.form($0) } ?? []
        var api = APIRequest(method: method, path: path, queryItems: query, headers: headers, body: body)
        api.secure = secure
        return (await table.respond(to: api, resolved: resolved, notFound: notFoundPage), readsBody)
    }
}

/// Runs the server until SIGTERM or SIGINT, then drains the open requests and returns.
public enum BanenafspraakHTTPServer {
    public static func run(
        routes: RouteTable, environment: ServerEnvironment, renderer: PageRenderer, options: ServeOptions, logger: Logger,
        onRunning: @escaping @Sendable (String) -> Void
    ) async throws {
        let responder = TableResponder(table: routes, env: environment, renderer: renderer, logger: logger, readTimeoutSeconds: options.readTimeoutSeconds)
        let limits = options.connections
        let clients = ConnectionsPerClient(limit: limits.perClient)
        let http1 = HTTP1Channel.Configuration(idleTimeout: .seconds(options.idleTimeoutSeconds))
        let server = HTTPServerBuilder { responder in
            GuardedHTTP1Channel(base: HTTP1Channel(responder: responder, configuration: http1), clients: clients,
                                lingerSeconds: limits.lingerSeconds, logger: logger)
        }
        let app = Application(
            responder: responder,
            server: server,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "banenafspraak",
                                 availableConnectionsDelegate: LoggedConnectionCap(maximum: limits.total, logger: logger)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                let host = options.host.contains(":") ? "[\(options.host)]" : options.host
                onRunning("http://\(host):\(port)/")
            },
            logger: logger
        )
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
