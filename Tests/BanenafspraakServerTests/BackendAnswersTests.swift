import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakParameters
import BanenafspraakStore
import BanenafspraakStoreOpen
import BanenafspraakTestSupport
@testable import BanenafspraakServer
import Foundation
import Testing

/// The server on a PostgreSQL store answers as it does on SQLite, and lives through a PostgreSQL restart.
@Suite("Server on PostgreSQL against SQLite (spec 9, 10)", .serialized,
       .enabled(if: PostgresTestServer.url != nil, Comment(rawValue: PostgresTestServer.skipMessage)))
struct BackendAnswersTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Generated `tiny` input (seed 7) and its manifest's quota percentages.
    static func generated(_ label: String) throws -> (input: String, quotaPercent: [String: String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(label)-\(UUID().uuidString)/in")
        let g = try CLI.run(["generate", "--scale", "tiny", "--year", "2024", "--seed", "7", "--out", dir.path])
        #expect(g.status == 0, "\(g.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("manifest.json"))) as! [String: Any]
        return (dir.path, manifest["quota_percent"] as! [String: String])
    }

    @Test("the same run in both stores: every answer of the API and the employer page is the same, byte for byte")
    func sameAnswers() async throws {
        let (input, quotaPercent) = try Self.generated("answers")
        var options = QuotaOptions(year: 2024, inputDirectory: input, outputDirectory: nil, parameters: try ParameterFiles.loadDefault())
        for (k, v) in quotaPercent { options.quotaPercentOverrides[try #require(Quotum(rawValue: k))] = try #require(BasisPoints(v)) }
        options.keepLineDetail = true
        let result = try QuotaRun.run(options)
        let sqlite = try openResultsStore(url: try StoreBackend.sqlite.freshAddress("answers"), create: true)
        let postgres = try openResultsStore(url: try StoreBackend.postgres.freshAddress("answers"), create: true)
        // One record (same pseudonyms, same receipt) written into both stores.
        let receipt = RunReceipt(inputFiles: [], parametersSHA256: ParameterSetText.sha256(options.parameters),
                                 flags: ["--year", "2024"], engineVersion: EngineVersion.current, createdAt: "2026-11-26T03:00:00Z")
        let record = try RunRecord.make(result: result, receipt: receipt, parameters: options.parameters,
                                        quotaPercentOverrides: options.quotaPercentOverrides, surchargeOverride: nil,
                                        rejectedCSV: Array("file,line,column,reason,raw\n".utf8), pseudonymizer: try sqlite.pseudonymizer())
        let run = try sqlite.write(record)
        #expect(try postgres.write(record) == run)
        let ids = (0..<result.figures.count).map { result.employers.ids.string(Int32($0)) }
        #expect(ids.count > 10)
        for store in [sqlite, postgres] {
            try store.insertToken(hash: Digest.sha256(text: "analyst-token"), access: .analyst, createdAt: "2026-11-26T03:00:00Z")
            try store.insertToken(hash: Digest.sha256(text: "employer-token"), access: .employer(ids[3]), createdAt: "2026-11-26T03:00:00Z")
        }
        let servers = [try TestServer(store: sqlite), try TestServer(store: postgres)]

        let analyst = ["authorization": "Bearer analyst-token"], employer = ["authorization": "Bearer employer-token"]
        let reform = try String(contentsOf: Self.repository.appendingPathComponent("reforms/levy-6000.json"), encoding: .utf8)
        var requests: [(String, String, String, [String: String])] = [
            ("GET", "/api/v1/runs", "", analyst),
            ("GET", "/api/v1/runs/\(run)", "", analyst),
            ("GET", "/api/v1/runs/\(run)", "", employer),
            ("GET", "/api/v1/runs/\(run)/national", "", analyst),
            ("GET", "/api/v1/runs/\(run)/national", "", employer),
            ("GET", "/api/v1/runs/\(run + 1)/national", "", analyst),
            ("POST", "/api/v1/runs/\(run)/simulations", reform, analyst),
            ("POST", "/api/v1/estimate", #"{"year":2024,"sector":"markt","hours_total":"50000.00","hours_a":"50000.00","hours_c":"0.00","premium_base":"2000000.00"}"#, [:]),
            ("GET", "/api/v1/runs/\(run)/employers/\(ids[3])", "", employer),
            ("GET", "/api/v1/runs/\(run)/employers/\(ids[4])", "", employer),
            ("GET", "/api/v1/runs/\(run)/employers/NOSUCH", "", analyst),
        ]
        for id in ids {
            requests.append(("GET", "/api/v1/runs/\(run)/employers/\(id)", "", analyst))
            requests.append(("GET", "/api/v1/runs/\(run)/employers/\(id)/explanation", "", analyst))
        }
        var statuses: [Int: Int] = [:]
        for (method, path, body, headers) in requests {
            let a = await servers[0].send(method, path, body: body, headers: headers)
            let b = await servers[1].send(method, path, body: body, headers: headers)
            #expect(a.status == b.status, "\(method) \(path)")
            // A simulation's receipt names the store it read (never with a password); all else is equal.
            #expect(a.bodyText.replacingOccurrences(of: sqlite.location, with: "STORE")
                    == b.bodyText.replacingOccurrences(of: postgres.location, with: "STORE"), "\(method) \(path)")
            #expect(!a.bodyText.contains(sqlite.location) || path.hasSuffix("/simulations"), "\(method) \(path)")
            statuses[a.status, default: 0] += 1
        }
        // The employer page, each server with its own session (and CSRF value, the one difference on the page).
        var pages: [String] = []
        for server in servers {
            let (signedIn, cookies) = await server.signIn(token: "employer-token")
            #expect(signedIn.status == 303)
            let page = await server.send("GET", "/werkgever", headers: ["cookie": cookies])
            #expect(page.status == 200)
            let csrf = TestServer.csrfField(page.bodyText) ?? ""
            pages.append(page.bodyText.replacingOccurrences(of: csrf, with: "CSRF"))
        }
        #expect(pages[0] == pages[1])
        // Real answers, not two identical errors: every employer and explanation was found.
        #expect(statuses[200, default: 0] == 2 * ids.count + 7)
        #expect(statuses[404] == 3)
        #expect(statuses[403] == 1)
    }

    @Test("stopping PostgreSQL under the running server: 503 with Retry-After for store requests, the calculators go on, and the server recovers without a restart")
    func serverRestart() async throws {
        let cluster = "restart-server"
        try await PostgresTestServer.withPrivateCluster(cluster) { url in
            let password = try #require(PostgresTestServer.password(of: url))
            let (input, quotaPercent) = try Self.generated("restart")
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("server-restart-out-\(UUID().uuidString)").path
            let q = try CLI.run(["quota", "--year", "2024", "--in", input, "--out", out, "--store", url]
                                + quotaPercent.flatMap { ["--quota-percent", "\($0.key)=\($0.value)"] })
            #expect(q.status == 0, "\(q.stderr)")
            let issued = try CLI.run(["token", "issue", "--store", url, "--role", "analyst"])
            #expect(issued.status == 0, "\(issued.stderr)")
            let token = String(issued.stdout.split(separator: "\n").last ?? "")
            let server = try LiveServerTests.Server(store: url, extra: ["--store-wait", "2"])
            let auth = ["Authorization": "Bearer \(token)"]
            let (before, national, _) = try await server.request("GET", "/api/v1/runs/1/national", headers: auth)
            #expect(before == 200)

            try PostgresTestServer.server("down", cluster: cluster)
            var upAgain = false
            defer { if !upAgain { _ = try? PostgresTestServer.server("up", cluster: cluster) } }
            let (down, body, response) = try await server.request("GET", "/api/v1/runs/1/national", headers: auth)
            #expect(down == 503)
            #expect(response.value(forHTTPHeaderField: "Retry-After") == "5")
            let text = String(decoding: body, as: UTF8.self)
            #expect(text.contains("results store cannot be reached"))
            #expect(!text.contains(password))
            // What needs no store still answers.
            #expect(try await server.request("GET", "/api/v1/health").0 == 200)
            let calc = #"{"calculator":"lks","date":"2024-05-01","input":{"loonwaarde_percent":"50","contract_hours_per_week":"36","fulltime_hours_per_week":"38","forfaitair":false,"months_since_start":3}}"#
            #expect(try await server.request("POST", "/api/v1/calc", body: Data(calc.utf8), headers: ["Content-Type": "application/json"]).0 == 200)
            let (_, form, formResponse) = try await server.request("GET", "/inloggen")
            let csrfCookie = String((formResponse.value(forHTTPHeaderField: "Set-Cookie") ?? "").split(separator: ";").first ?? "")
            let csrf = TestServer.csrfField(String(decoding: form, as: UTF8.self)) ?? ""
            let (signIn, page, _) = try await server.request("POST", "/inloggen", body: Data("csrf=\(csrf)&token=\(token)".utf8),
                                                                headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": csrfCookie])
            #expect(signIn == 503)
            #expect(String(decoding: page, as: UTF8.self).contains("niet bereikbaar"))

            try PostgresTestServer.server("up", cluster: cluster)
            upAgain = true
            var after = 0, again = Data()
            for _ in 0..<5 where after != 200 {
                (after, again, _) = try await server.request("GET", "/api/v1/runs/1/national", headers: auth)
                if after != 200 { try await Task.sleep(for: .seconds(1)) }
            }
            #expect(after == 200)
            #expect(again == national)
            #expect(server.stop() == 0)
            let log = server.log()
            #expect(log.contains("results store unavailable"))
            #expect(!log.contains(password))
        }
    }
}
