import BanenafspraakCore
import BanenafspraakParameters
@testable import BanenafspraakServer
import Foundation

/// One server's routes in process, called through the same dispatch as the HTTP server.
struct TestServer {
    let env: ServerEnvironment
    let routes: RouteTable
    let renderer: PageRenderer

    init() throws {
        env = ServerEnvironment(parameters: try ParameterFiles.loadDefault())
        renderer = try PageRenderer()
        routes = ServerRoutes.make(environment: env, renderer: renderer, store: nil)
    }

    func send(_ method: String, _ target: String, body: String = "", headers: [String: String] = [:]) async -> APIResponse {
        let parts = target.split(separator: "?", maxSplits: 1)
        let query = parts.count > 1 ? PercentDecoding.form(String(parts[1])) : []
        let request = APIRequest(method: method, path: String(parts[0]), queryItems: query, headers: headers, body: Array(body.utf8))
        return await routes.respond(to: request) { path in .error(404, "page \(path)") }
    }

    func json(_ r: APIResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.body)) as! [String: Any]
    }

    func errorField(_ r: APIResponse) throws -> String? {
        let error = try json(r)["error"] as? [String: Any]
        return error?["field"] as? String
    }
}
