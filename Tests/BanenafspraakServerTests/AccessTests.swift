import BanenafspraakCore
import BanenafspraakStore
import BanenafspraakStoreOpen
import BanenafspraakTestSupport
@testable import BanenafspraakServer
import Foundation
import Testing

/// The access table of the server on a store holding a `tiny` run, with tokens made by `banenafspraak token`, once
/// for every back-end (SQLite always; PostgreSQL when the test server of `scripts/postgres.sh` runs, as in CI).
@Suite("Tokens and access (spec 10)", .serialized)
struct AccessTests {
    struct Fixture {
        var store: String
        var run: Int64
        var employers: [String: [String: String]]
        var ids: [String]
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var fixtures: [StoreBackend: Fixture] = [:]

    /// A store on `backend` holding the `tiny` run, written by `banenafspraak quota --store` as a user would.
    static func fixture(_ backend: StoreBackend) -> Fixture {
        lock.withLock {
            if let f = fixtures[backend] { return f }
            let f = makeFixture(backend)
            fixtures[backend] = f
            return f
        }
    }

    static func makeFixture(_ backend: StoreBackend) -> Fixture {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("server-access-\(UUID().uuidString)")
        let store = try! backend.freshAddress("access")
        try! CLI.run(["generate", "--scale", "tiny", "--year", "2024", "--seed", "5", "--out", dir.appendingPathComponent("in").path])
        let manifest = try! JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("in/manifest.json"))) as! [String: Any]
        let qp = (manifest["quota_percent"] as! [String: String]).flatMap { ["--quota-percent", "\($0.key)=\($0.value)"] }
        let q = try! CLI.run(["quota", "--year", "2024", "--in", dir.appendingPathComponent("in").path, "--out", dir.appendingPathComponent("out").path, "--store", store] + qp)
        precondition(q.status == 0, q.stderr)
        let csv = try! String(contentsOf: dir.appendingPathComponent("out/employers.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        let header = csv[0].split(separator: ",").map(String.init)
        var rows: [String: [String: String]] = [:]
        var ids: [String] = []
        for line in csv.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            rows[cells[0]] = Dictionary(uniqueKeysWithValues: zip(header, cells))
            ids.append(cells[0])
        }
        let runs = try! CLI.run(["runs", "--store", store, "--format", "json"])
        let list = try! JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as! [[String: Any]]
        return Fixture(store: store, run: (list.last!["id"] as! NSNumber).int64Value, employers: rows, ids: ids)
    }

    static func issue(_ backend: StoreBackend, _ args: [String]) throws -> String {
        let r = try CLI.run(["token", "issue", "--store", fixture(backend).store] + args)
        #expect(r.status == 0, "\(r.stderr)")
        let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.count == 64, "a 256-bit token in hex, alone on the last line")
        return last
    }

    @Test("employer token: own figures as in employers.csv; another employer's id is 404 like a missing one; no token 401; revoked 401; analyst reads all",
          arguments: StoreBackend.configured)
    func accessTable(_ backend: StoreBackend) async throws {
        let f = Self.fixture(backend)
        let store = try openResultsStore(url: f.store, create: false)
        let s = try TestServer(store: store)
        let own = f.ids[f.ids.count / 2], other = f.ids[0]
        let employerToken = try Self.issue(backend, ["--employer", own])
        let analystToken = try Self.issue(backend, ["--role", "analyst"])
        func get(_ path: String, _ token: String?) async -> APIResponse {
            await s.send("GET", path, headers: token.map { ["authorization": "Bearer \($0)"] } ?? [:])
        }
        let base = "/api/v1/runs/\(f.run)/employers/"

        // Own employer: the employers.csv row, values written exactly as there.
        let mine = await get(base + own, employerToken)
        #expect(mine.status == 200, "\(mine.bodyText)")
        let body = try s.json(mine)
        for (column, value) in f.employers[own]! {
            if column == "liable" { #expect((body[column] as? Bool) == (value == "true")) } else { #expect(body[column] as? String == value, "\(column)") }
        }
        #expect(await get(base + own + "/explanation", employerToken).status == 200)

        // Another employer's id and an id that does not exist: the same 404.
        let theirs = await get(base + other, employerToken)
        let missing = await get(base + "NOSUCHEMPLOYER", employerToken)
        #expect(theirs.status == 404)
        #expect(missing.status == 404)
        #expect(try s.json(theirs)["error"] != nil)
        #expect(await get(base + other + "/explanation", employerToken).status == 404)
        #expect(await get("/api/v1/runs/\(f.run)/national", employerToken).status == 403)

        // No token, a made-up token.
        #expect(await get(base + own, nil).status == 401)
        #expect(await get(base + own, String(repeating: "0", count: 64)).status == 401)
        #expect(await get("/api/v1/runs", nil).status == 401)

        // Analyst: everything.
        #expect(await get(base + other, analystToken).status == 200)
        #expect(await get(base + other + "/explanation", analystToken).status == 200)
        let national = await get("/api/v1/runs/\(f.run)/national", analystToken)
        #expect(national.status == 200)
        #expect(try s.json(national)["year"] as? Int == 2024)
        let runs = try JSONSerialization.jsonObject(with: Data(await get("/api/v1/runs", analystToken).body)) as! [[String: Any]]
        #expect(runs.contains { ($0["id"] as? NSNumber)?.int64Value == f.run })
        #expect(await get("/api/v1/runs/99999/national", analystToken).status == 404)

        // Revoked: 401 from then on.
        let revoke = try CLI.run(["token", "revoke", "--store", f.store, employerToken])
        #expect(revoke.status == 0, "\(revoke.stderr)")
        #expect(await get(base + own, employerToken).status == 401)
        #expect(try CLI.run(["token", "revoke", "--store", f.store, employerToken]).status == 1)

        // The store keeps only hashes.
        switch backend {
        case .sqlite:
            let raw = try Data(contentsOf: URL(fileURLWithPath: f.store))
            #expect(raw.range(of: Data(analystToken.utf8)) == nil)
        case .postgres:
            let tokens = try PostgresTestServer.psql(f.store, "SELECT * FROM tokens")
            #expect(tokens.contains(Digest.sha256(text: analystToken)))
            #expect(!tokens.contains(analystToken))
        }
    }

    @Test("the employer signs in on the page and sees its own figures; a revoked or wrong code does not sign in",
          arguments: StoreBackend.configured)
    func signIn(_ backend: StoreBackend) async throws {
        let f = Self.fixture(backend)
        let s = try TestServer(store: try openResultsStore(url: f.store, create: false))
        let own = f.ids[1]
        let token = try Self.issue(backend, ["--employer", own])
        let wrong = await s.signIn(token: "nope")
        #expect(wrong.response.status == 422)
        let (ok, cookies) = await s.signIn(token: token)
        #expect(ok.status == 303)
        let cookie = try #require(TestServer.setCookie(ok, "banenafspraak_session"))
        #expect(cookie.attributes.contains("HttpOnly") && cookie.attributes.contains("SameSite=Strict"))
        let page = await s.send("GET", "/werkgever", headers: ["cookie": cookies])
        #expect(page.status == 200)
        #expect(page.bodyText.contains(own))
        let levy = f.employers[own]!["levy"]!
        #expect(page.bodyText.contains("data-key=\"levy\">\(DutchNumber.euro(decimal: levy))<"))
        let anonymous = await s.send("GET", "/werkgever")
        #expect(anonymous.status == 303)
        // An analyst token does not sign in on the employer page.
        let analyst = try Self.issue(backend, ["--role", "analyst"])
        #expect(await s.signIn(token: analyst).response.status == 422)
    }

    @Test("the estimate takes its default percentages from the latest stored run of the year", arguments: StoreBackend.configured)
    func estimateDefaults(_ backend: StoreBackend) async throws {
        let f = Self.fixture(backend)
        let store = try openResultsStore(url: f.store, create: false)
        let s = try TestServer(store: store)
        let national = try store.national(run: f.run)
        let r = await s.send("POST", "/api/v1/estimate", body: #"{"year":2024,"sector":"markt","hours_total":"50000.00","hours_a":"50000.00","hours_c":"0.00","premium_base":"2000000.00"}"#)
        #expect(r.status == 200, "\(r.bodyText)")
        let body = try s.json(r)
        #expect(body["quota_percent"] as? String == national.quotaPercent[.markt]!.description)
        #expect(body["surcharge_percent"] as? String == national.surchargePercent.description)
    }

    @Test("simulations on a stored run: analysts get the summary, employers 403, no token 401, a bad reform 422 naming the field",
          arguments: StoreBackend.configured)
    func simulations(_ backend: StoreBackend) async throws {
        let f = Self.fixture(backend)
        let s = try TestServer(store: try openResultsStore(url: f.store, create: false))
        let analyst = try Self.issue(backend, ["--role", "analyst"])
        let employer = try Self.issue(backend, ["--employer", f.ids[2]])
        let reformURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("reforms/levy-6000.json")
        let reform = try String(contentsOf: reformURL, encoding: .utf8)
        let path = "/api/v1/runs/\(f.run)/simulations"
        let ok = await s.send("POST", path, body: reform, headers: ["authorization": "Bearer \(analyst)"])
        #expect(ok.status == 200, "\(ok.bodyText.prefix(300))")
        let summary = try s.json(ok)
        #expect(summary["baseline"] != nil && summary["reform"] != nil)
        // The levy of 6,000 per job raises the total levy against the baseline's.
        let before = (summary["baseline"] as? [String: Any])?["levy"] as? String, after = (summary["reform"] as? [String: Any])?["levy"] as? String
        #expect(before != nil && after != nil && before != after)
        #expect(await s.send("POST", path, body: reform, headers: ["authorization": "Bearer \(employer)"]).status == 403)
        #expect(await s.send("POST", path, body: reform).status == 401)
        let bad = await s.send("POST", path, body: #"{"name": "x", "parameters": {"parameters": [{"id": "quota.levy_per_job", "unit": "money", "values": [{"value": "abc", "valid_from": "2015-01-01", "source": "test"}]}]}}"#,
                               headers: ["authorization": "Bearer \(analyst)"])
        #expect(bad.status == 422, "\(bad.bodyText)")
        #expect(try s.errorField(bad)?.hasPrefix("/parameters") == true, "\(bad.bodyText)")
        #expect(await s.send("POST", "/api/v1/runs/99999/simulations", body: reform, headers: ["authorization": "Bearer \(analyst)"]).status == 404)
        // A reform of options only has no `parameters` (the OpenAPI document does not require them); a reform needs a name.
        let optionsOnly = await s.send("POST", path, body: #"{"name": "law2015 only", "options": {"scheme": "law2015"}}"#,
                                       headers: ["authorization": "Bearer \(analyst)"])
        #expect(optionsOnly.status == 200, "\(optionsOnly.bodyText.prefix(300))")
        #expect(try s.json(optionsOnly)["scheme"] as? String == "law2015")
        let nameless = await s.send("POST", path, body: #"{"name": "", "options": {"scheme": "law2015"}}"#, headers: ["authorization": "Bearer \(analyst)"])
        #expect(nameless.status == 422, "\(nameless.bodyText)")
        #expect(try s.errorField(nameless) == "/name", "\(nameless.bodyText)")
    }
}
