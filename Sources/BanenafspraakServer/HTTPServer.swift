import BanenafspraakCore
import Foundation
import HTTPTypes
import Hummingbird
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

    public init(host: String = "127.0.0.1", port: Int = 8080, idleTimeoutSeconds: Int64 = 15, readTimeoutSeconds: Int64 = 30) {
        self.host = host
        self.port = port
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.readTimeoutSeconds = readTimeoutSeconds
    }
}

/// Dispatches Hummingbird requests to the route table: collects the body up to the limit, adds the
/// engine-version and parameter-hash headers, and turns every failure into a JSON error (never a 5xx
/// for bad input).
struct TableResponder: HTTPResponder {
    typealias Context = BasicRequestContext
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

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        var req = request
        let api = await dispatch(&req)
        var headers = HTTPFields()
        headers[.contentType] = api.contentType
        headers[Self.engineHeader] = ServerEnvironment.engineVersion
        headers[Self.parameterHeader] = env.parameterSetHash
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        if api.contentType.hasPrefix("text/html") {
            headers[HTTPField.Name("Content-Security-Policy")!] =
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
            headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        }
        for (name, value) in api.headers {
            if let n = HTTPField.Name(name) { headers.append(HTTPField(name: n, value: value)) }
        }
        let body = ResponseBody(byteBuffer: ByteBuffer(bytes: api.body))
        let response = Response(status: HTTPResponse.Status(code: api.status), headers: headers, body: body)
        return request.method == .head ? response.createHeadResponse() : response
    }

    private func notFoundPage(_ path: String) -> APIResponse {
        var page = renderer.render("notfound", title: "Pagina niet gevonden", path: path, [:])
        page.status = 404
        return page
    }

    private func dispatch(_ request: inout Request) async -> APIResponse {
        let method = request.method.rawValue
        let path = request.uri.path
        var body: [UInt8] = []
        if table.readsBody(method: method, path: path) {
            if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > env.maxBodyBytes {
                return .error(413, "the body is larger than \(env.maxBodyBytes) bytes")
            }
            do {
                let buffer = try await Self.collect(request.body, upTo: env.maxBodyBytes, within: readTimeoutSeconds)
                body = Array(buffer.readableBytesView)
            } catch is ReadTimeout {
                return .error(408, "the body did not arrive within \(readTimeoutSeconds) s")
            } catch is NIOTooManyBytesError {
                return .error(413, "the body is larger than \(env.maxBodyBytes) bytes")
            } catch let error as HTTPError where error.status == .contentTooLarge {
                return .error(413, "the body is larger than \(env.maxBodyBytes) bytes")
            } catch {
                return .error(400, "the body could not be read")
            }
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let query = request.uri.query.map { PercentDecoding.form($0) } ?? []
        let api = APIRequest(method: method, path: path, queryItems: query, headers: headers, body: body)
        return await table.respond(to: api, notFound: notFoundPage)
    }
}

/// Runs the server until SIGTERM or SIGINT, then drains the open requests and returns.
public enum BanenafspraakHTTPServer {
    public static func run(
        routes: RouteTable, environment: ServerEnvironment, renderer: PageRenderer, options: ServeOptions, logger: Logger,
        onRunning: @escaping @Sendable (String) -> Void
    ) async throws {
        let responder = TableResponder(table: routes, env: environment, renderer: renderer, logger: logger, readTimeoutSeconds: options.readTimeoutSeconds)
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: .seconds(options.idleTimeoutSeconds))),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "banenafspraak"),
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
