import BanenafspraakCore
import BanenafspraakStore
import BanenafspraakStoreOpen
import BanenafspraakTestSupport
@testable import BanenafspraakServer
import Foundation
import Testing

/// The monitor on the server (spec section 16): the API and the pages for every role; a municipality sees its own
/// region only and never a national figure.
@Suite("The monitor on the server (spec 16)", .serialized)
struct MonitorServerTests {
    @Test("who sees which monitor: analysts and auditors all, a municipality its own region only, an employer none",
          arguments: StoreBackend.configured)
    func access(_ backend: StoreBackend) async throws {
        let f = try DecisionAccessTests.fixture(backend)
        let store = try openResultsStore(url: f.address)
        let s = try TestServer(store: store)
        let tokens: [String: String] = [
            "employer": try DecisionAccessTests.issue(f, ["--employer", f.own]),
            "analyst": try DecisionAccessTests.issue(f, ["--role", "analyst"]),
            "auditor": try DecisionAccessTests.issue(f, ["--role", "auditor"]),
            "municipality": try DecisionAccessTests.issue(f, ["--role", "municipality", "--region", f.ownRegion]),
        ]
        let api = "/api/v1/runs/\(f.run)/monitor"
        let none = "none"
        let table: [(path: String, expect: [String: Int])] = [
            (api, ["employer": 403, "analyst": 200, "auditor": 200, "municipality": 200, none: 401]),
            ("\(api)?region=\(f.ownRegion)", ["analyst": 200, "municipality": 200]),
            ("\(api)?region=\(f.otherRegion)", ["analyst": 200, "municipality": 404]),
            ("\(api)?region=AMR99", ["analyst": 404, "municipality": 404]),
            ("/api/v1/runs/999/monitor", ["analyst": 404]),
            ("/monitor", ["employer": 303, "analyst": 200, "auditor": 200, "municipality": 303, none: 303]),
            ("/monitor/regio/\(f.ownRegion)", ["employer": 303, "analyst": 200, "municipality": 200, none: 303]),
            ("/monitor/regio/\(f.otherRegion)", ["analyst": 200, "municipality": 404]),
            ("/monitor/regio/AMR00", ["analyst": 404]),
        ]
        for row in table {
            for (role, expected) in row.expect.sorted(by: { $0.key < $1.key }) {
                var headers: [String: String] = [:]
                if let t = tokens[role] { headers["authorization"] = "Bearer \(t)" }
                let r = await s.send("GET", row.path, headers: headers)
                #expect(r.status == expected, "\(role) GET \(row.path): \(r.status) \(r.bodyText.prefix(200))")
            }
        }

        // The analyst's national answer equals the monitor computed from the store, sector totals included.
        let national = try Monitor.compute(store: store, run: f.run)
        let analyst = await s.send("GET", api, headers: ["authorization": "Bearer \(tokens["analyst"]!)"])
        #expect(analyst.bodyText == APIResponse.json(national.jsonValue).bodyText)
        #expect(national.sectors[0].hours == (try store.national(run: f.run)).hoursDecember[.markt])

        // A municipality: its own region, no national total, in the JSON and on its page.
        let own = await s.send("GET", api, headers: ["authorization": "Bearer \(tokens["municipality"]!)"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(own.body)) as? [String: Any])
        #expect(json["sectors"] == nil && json["subsectors"] == nil)
        #expect(json["region"] as? String == f.ownRegion)
        #expect((json["regions"] as? [[String: Any]])?.map { $0["key"] as? String } == [f.ownRegion])
        let page = await s.send("GET", "/monitor/regio/\(f.ownRegion)", headers: ["authorization": "Bearer \(tokens["municipality"]!)"])
        #expect(page.bodyText.contains(f.ownRegion))
        #expect(!page.bodyText.contains("Totaal"))
        #expect(!page.bodyText.contains(DutchNumber.format(national.sectors[2].hours.description)))
        #expect(!page.bodyText.contains("<script"))

        // Signing in at the monitor's door with a municipality token leads to its own region's page; the employer
        // door stays closed to it, and the monitor's door to an employer.
        func signIn(_ token: String, at path: String) async -> (response: APIResponse, cookies: String) {
            let form = await s.send("GET", path)
            #expect(form.bodyText.contains("action=\"\(path)\""))
            let csrf = TestServer.setCookie(form, "banenafspraak_csrf")?.value ?? ""
            let field = TestServer.csrfField(form.bodyText) ?? ""
            let post = await s.send("POST", path, body: "csrf=\(field)&token=\(token)",
                                    headers: ["cookie": "banenafspraak_csrf=\(csrf)", "content-type": "application/x-www-form-urlencoded"])
            var cookies = "banenafspraak_csrf=\(csrf)"
            if let session = TestServer.setCookie(post, "banenafspraak_session") { cookies += "; banenafspraak_session=\(session.value)" }
            return (post, cookies)
        }
        let (signedIn, cookies) = await signIn(tokens["municipality"]!, at: "/monitor/inloggen")
        #expect(signedIn.status == 303)
        #expect(signedIn.headers.contains { $0.0.lowercased() == "location" && $0.1 == "/monitor/regio/\(f.ownRegion)" })
        #expect(await s.send("GET", "/monitor/regio/\(f.ownRegion)", headers: ["cookie": cookies]).status == 200)
        #expect(await s.send("GET", "/monitor/regio/\(f.otherRegion)", headers: ["cookie": cookies]).status == 404)
        #expect(await s.send("GET", "/monitor", headers: ["cookie": cookies]).status == 303)
        #expect(await s.send("GET", "/werkgever", headers: ["cookie": cookies]).status == 303)
        #expect(await signIn(tokens["municipality"]!, at: "/inloggen").response.status == 422)
        #expect(await signIn(tokens["employer"]!, at: "/monitor/inloggen").response.status == 422)
        let (analystIn, _) = await signIn(tokens["analyst"]!, at: "/monitor/inloggen")
        #expect(analystIn.headers.contains { $0.0.lowercased() == "location" && $0.1 == "/monitor" })
        // Without the CSRF value the form is refused.
        let forged = await s.send("POST", "/monitor/inloggen", body: "token=\(tokens["analyst"]!)",
                                  headers: ["content-type": "application/x-www-form-urlencoded"])
        #expect(forged.status == 403)

        // The analyst's page has the three views.
        let full = await s.send("GET", "/monitor", headers: ["authorization": "Bearer \(tokens["analyst"]!)"])
        for heading in ["Per sector", "Per overheidssubsector", "Per arbeidsmarktregio"] { #expect(full.bodyText.contains(heading)) }
    }
}
