import BanenafspraakCore
import BanenafspraakParameters
import BanenafspraakStore
@testable import BanenafspraakServer
import Foundation

/// One server's routes in process, called through the same dispatch as the HTTP server.
struct TestServer {
    let env: ServerEnvironment
    let routes: RouteTable
    let renderer: PageRenderer

    init(store: (any ResultsStore)? = nil) throws {
        let env = ServerEnvironment(parameters: try ParameterFiles.loadDefault())
        let renderer = try PageRenderer()
        self.env = env
        self.renderer = renderer
        routes = ServerRoutes.make(environment: env, renderer: renderer, store: store.map { StoreAccess(store: $0, environment: env) })
    }

    func send(_ method: String, _ target: String, body: String = "", headers: [String: String] = [:], secure: Bool = false) async -> APIResponse {
        let parts = target.split(separator: "?", maxSplits: 1)
        let query = parts.count > 1 ? PercentDecoding.form(String(parts[1])) : []
        var request = APIRequest(method: method, path: String(parts[0]), queryItems: query, headers: headers, body: Array(body.utf8))
        request.secure = secure
        return await routes.respond(to: request) { path in .error(404, "page \(path)") }
    }

    /// The value of the cookie `name` set by a response, or nil.
    static func setCookie(_ r: APIResponse, _ name: String) -> (value: String, attributes: String)? {
        for (k, v) in r.headers where k == "Set-Cookie" && v.hasPrefix(name + "=") {
            let pair = v.split(separator: ";", maxSplits: 1)
            return (String(pair[0].dropFirst(name.count + 1)), pair.count > 1 ? String(pair[1]) : "")
        }
        return nil
    }

    /// The hidden CSRF value of a page's form.
    static func csrfField(_ html: String) -> String? {
        guard let r = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    /// Signs in as a browser does: the form (with its CSRF cookie and field), then the post.
    /// Returns the answer to the post and the cookie header the browser would send from then on.
    func signIn(token: String, secure: Bool = false) async -> (response: APIResponse, cookies: String) {
        let form = await send("GET", "/inloggen", secure: secure)
        let csrf = Self.setCookie(form, "banenafspraak_csrf")?.value ?? ""
        let field = Self.csrfField(form.bodyText) ?? ""
        let post = await send("POST", "/inloggen", body: "csrf=\(field)&token=\(token)",
                              headers: ["cookie": "banenafspraak_csrf=\(csrf)", "content-type": "application/x-www-form-urlencoded"], secure: secure)
        var cookies = "banenafspraak_csrf=\(csrf)"
        if let session = Self.setCookie(post, "banenafspraak_session") { cookies += "; banenafspraak_session=\(session.value)" }
        return (post, cookies)
    }

    func json(_ r: APIResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.body)) as! [String: Any]
    }

    func errorField(_ r: APIResponse) throws -> String? {
        let error = try json(r)["error"] as? [String: Any]
        return error?["field"] as? String
    }
}

/// Runs the built `banenafspraak` executable (for setting up stores and tokens as a user would).
enum CLI {
    static let binary: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("banenafspraak").path) && dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("banenafspraak")
    }()

    @discardableResult
    static func run(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
