import BanenafspraakCore
@testable import BanenafspraakServer
import Foundation
import Testing
import BanenafspraakStoreSQLite

@Suite("OpenAPI document (spec 10)")
struct OpenAPITests {
    @Test("every route the server dispatches is documented, with its method, parameters, body and responses, and nothing else")
    func everyRouteDocumented() async throws {
        let s = try TestServer(store: try SQLiteResultsStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).sqlite").path, create: true))
        let r = await s.send("GET", "/openapi.json")
        #expect(r.status == 200)
        let doc = try s.json(r)
        #expect(doc["openapi"] as? String == "3.1.0")
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, ops) in paths { for method in ops.keys { documented.insert("\(method.uppercased()) \(path)") } }
        let routed = Set(s.routes.routes.map { "\($0.method) \($0.path)" })
        #expect(routed.contains("GET /api/v1/runs/{run}/employers/{id}/explanation"))
        #expect(documented == routed)
        var operationIds: Set<String> = []
        for route in s.routes.routes {
            let op = try #require(paths[route.path]?[route.method.lowercased()] as? [String: Any])
            let id = try #require(op["operationId"] as? String)
            #expect(operationIds.insert(id).inserted, "operationId \(id) is not unique")
            let responses = try #require(op["responses"] as? [String: Any])
            #expect(responses.keys.sorted() == route.responses.map { String($0.status) }.sorted())
            #expect(responses.keys.contains { $0.hasPrefix("2") || $0.hasPrefix("3") }, "\(id) documents no success")
            // A path parameter in the template is documented as one.
            for segment in route.path.split(separator: "/") where segment.hasPrefix("{") {
                let name = String(segment.dropFirst().dropLast())
                let params = (op["parameters"] as? [[String: Any]]) ?? []
                #expect(params.contains { $0["name"] as? String == name && $0["in"] as? String == "path" }, "\(id): \(name)")
            }
            #expect((op["requestBody"] != nil) == (route.body != nil), "\(id)")
            if route.access == .bearer { #expect(op["security"] != nil, "\(id)") }
        }
        // Every $ref resolves.
        let text = r.bodyText
        let schemas = try #require((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
        for name in Set(text.components(separatedBy: "#/components/schemas/").dropFirst().map { String($0.prefix { $0 != "\"" }) }) {
            #expect(schemas[name] != nil, "$ref \(name)")
        }
    }

    @Test("the documented routes answer: each GET without parameters returns a documented status")
    func documentedStatuses() async throws {
        let s = try TestServer(store: try SQLiteResultsStore(path: FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).sqlite").path, create: true))
        for route in s.routes.routes where route.method == "GET" && !route.path.contains("{") && route.parameters.allSatisfy({ !$0.required }) {
            let r = await s.send("GET", route.path)
            #expect(route.responses.contains { $0.status == r.status }, "\(route.path) gave \(r.status)")
        }
    }
}
