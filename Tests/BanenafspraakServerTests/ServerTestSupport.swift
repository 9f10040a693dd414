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
