import BanenafspraakCore
import BanenafspraakStore
import BanenafspraakStoreOpen
import BanenafspraakTestSupport
@testable import BanenafspraakServer
import Foundation
import Testing

/// Spec section 14 on the server: the access table (every role against every endpoint and page, with its own and
/// another party's ids), the objection flow, CSRF on the new forms, "telt mee?" and the access log; on every back-end.
@Suite("Decisions, objections, roles and the access log on the server (spec 14)", .serialized)
struct DecisionAccessTests {
    struct Fixture {
        var address: String
        var input: URL
        var run: Int64
        var own: String
        var other: String
        var ownRegion: String
        var otherRegion: String
    }

    /// A `tiny` run of 2024 in a fresh store, decided with `decide --all --simulation`.
    static func fixture(_ backend: StoreBackend) throws -> Fixture {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("server-decisions-\(UUID().uuidString)")
        let address = try backend.freshAddress("decisions")
        let input = dir.appendingPathComponent("in")
        #expect(try CLI.run(["generate", "--scale", "tiny", "--year", "2024", "--seed", "5", "--out", input.path]).status == 0)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: input.appendingPathComponent("manifest.json"))) as! [String: Any]
        let qp = (manifest["quota_percent"] as! [String: String]).flatMap { ["--quota-percent", "\($0.key)=\($0.value)"] }
        let q = try CLI.run(["quota", "--year", "2024", "--in", input.path, "--out", dir.appendingPathComponent("out").path, "--store", address] + qp)
        #expect(q.status == 0, "\(q.stderr)")
        let d = try CLI.run(["decide", "--store", address, "--run", "1", "--all", "--simulation", "--out", dir.appendingPathComponent("dec").path])
        #expect(d.status == 0, "\(d.stderr)")
        let store = try openResultsStore(url: address)
        let employers = try store.employers(run: 1)
        let withLevy = employers.filter { $0.figures.levy > .zero }
        let own = try #require(withLevy.first)
        let other = try #require(withLevy.first { $0.id != own.id })
        let otherRegion = try #require(employers.first { $0.regionCode != own.regionCode }).regionCode
        return Fixture(address: address, input: input, run: 1, own: own.id, other: other.id, ownRegion: own.regionCode, otherRegion: otherRegion)
    }

    static func issue(_ f: Fixture, _ args: [String]) throws -> String {
        let r = try CLI.run(["token", "issue", "--store", f.address] + args)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test("the access table: every role × every endpoint, own and another party's ids", arguments: StoreBackend.configured)
    func accessTable(_ backend: StoreBackend) async throws {
        let f = try Self.fixture(backend)
        let store = try openResultsStore(url: f.address)
        let s = try TestServer(store: store)
        let tokens: [String: String] = [
            "employer": try Self.issue(f, ["--employer", f.own]),
            "other-employer": try Self.issue(f, ["--employer", f.other]),
            "analyst": try Self.issue(f, ["--role", "analyst"]),
            "auditor": try Self.issue(f, ["--role", "auditor"]),
            "municipality": try Self.issue(f, ["--role", "municipality", "--region", f.ownRegion]),
            "other-municipality": try Self.issue(f, ["--role", "municipality", "--region", f.otherRegion]),
        ]
        let ownDecision = "SIM-2024-\(f.own)-R1", otherDecision = "SIM-2024-\(f.other)-R1"
        let run = "/api/v1/runs/\(f.run)"
        let objection = #"{"grounds": "De uren kloppen niet.", "disputed": "hours_c"}"#
        typealias Row = (method: String, path: String, body: String, expect: [String: Int])
        let none = "none"
        // Expected status per role ("none": no token).
        let table: [Row] = [
            ("GET", "/api/v1/runs", "", ["employer": 200, "analyst": 200, "auditor": 200, "municipality": 200, none: 401]),
            ("GET", "\(run)/national", "", ["employer": 403, "analyst": 200, "auditor": 200, "municipality": 403, none: 401]),
            ("GET", "\(run)/employers/\(f.own)", "", ["employer": 200, "other-employer": 404, "analyst": 200, "auditor": 200,
                                                       "municipality": 200, "other-municipality": 404, none: 401]),
            ("GET", "\(run)/employers/\(f.own)/explanation", "", ["employer": 200, "other-employer": 404, "analyst": 200, "auditor": 403,
                                                                   "municipality": 403, "other-municipality": 404, none: 401]),
            ("POST", "\(run)/simulations", #"{"name": "niets"}"#, ["employer": 403, "analyst": 200, "auditor": 403, "municipality": 403, none: 401]),
            ("GET", "/api/v1/decisions", "", ["employer": 200, "analyst": 200, "auditor": 200, "municipality": 403, none: 401]),
            ("POST", "/api/v1/decisions/\(ownDecision)/objections", objection,
             ["employer": 201, "other-employer": 404, "analyst": 403, "auditor": 403, "municipality": 403, none: 401]),
            ("POST", "/api/v1/decisions/\(otherDecision)/objections", objection, ["employer": 404]),
            ("POST", "/api/v1/decisions/QH-2026-NOPE-R1/objections", objection, ["employer": 404]),
            ("GET", "/api/v1/objections", "", ["employer": 403, "analyst": 200, "auditor": 200, "municipality": 403, none: 401]),
            ("POST", "/api/v1/objections/1/decision", #"{"outcome": "rejected", "reason": "De uren zijn juist."}"#,
             ["employer": 403, "auditor": 403, "municipality": 403, none: 401, "analyst": 200]),
            ("POST", "/api/v1/objections/1/decision", #"{"outcome": "upheld", "reason": "Nogmaals."}"#, ["analyst": 409]),
            ("POST", "/api/v1/objections/999/decision", #"{"outcome": "upheld", "reason": "x"}"#, ["analyst": 404]),
            ("GET", "/api/v1/access-log", "", ["employer": 403, "analyst": 200, "auditor": 200, "municipality": 403, none: 401]),
        ]
        for row in table {
            for (role, expected) in row.expect.sorted(by: { $0.key < $1.key }) {
                var headers = ["content-type": "application/json"]
                if let t = tokens[role] { headers["authorization"] = "Bearer \(t)" }
                let r = await s.send(row.method, row.path, body: row.body, headers: headers)
                #expect(r.status == expected, "\(role) \(row.method) \(row.path): \(r.status) \(r.bodyText.prefix(200))")
            }
        }

        // What each sees: an employer only its own decisions; analysts and auditors all.
        func decisionIds(_ role: String) async throws -> [String] {
            let r = await s.send("GET", "/api/v1/decisions?limit=500", headers: ["authorization": "Bearer \(tokens[role]!)"])
            let list = try #require(try JSONSerialization.jsonObject(with: Data(r.body)) as? [[String: Any]])
            return list.compactMap { $0["decision_id"] as? String }
        }
        #expect(try await decisionIds("employer") == [ownDecision])
        #expect(try await decisionIds("auditor").contains(otherDecision))
        #expect(try await decisionIds("analyst") == (try store.decisions(employer: nil)).map(\.id))
        // A municipality reads no persons and the auditor neither: no explanation, no person lines anywhere.
        let municipalityRow = await s.send("GET", "\(run)/employers/\(f.own)", headers: ["authorization": "Bearer \(tokens["municipality"]!)"])
        #expect(!municipalityRow.bodyText.contains("pseudonym"))

        // Pages: only a signed-in employer, and only its own decision.
        let (_, ownCookies) = await s.signIn(token: tokens["employer"]!)
        let (_, otherCookies) = await s.signIn(token: tokens["other-employer"]!)
        #expect(await s.send("GET", "/werkgever/beschikkingen/\(ownDecision)", headers: ["cookie": ownCookies]).status == 200)
        #expect(await s.send("GET", "/werkgever/beschikkingen/\(ownDecision)", headers: ["cookie": otherCookies]).status == 404)
        #expect(await s.send("GET", "/werkgever/beschikkingen/QH-2026-NOPE-R1", headers: ["cookie": ownCookies]).status == 404)
        #expect(await s.send("GET", "/werkgever/beschikkingen/\(ownDecision)").status == 303)
        for role in ["analyst", "auditor", "municipality"] {
            #expect(await s.signIn(token: tokens[role]!).response.status == 422, "\(role) has no employer pages")
        }
        let list = await s.send("GET", "/werkgever", headers: ["cookie": ownCookies])
        #expect(list.bodyText.contains("href=\"/werkgever/beschikkingen/\(ownDecision)\""))
        #expect(!list.bodyText.contains(otherDecision))
    }

    @Test("the objection flow: an employer objects, late and register grounds are marked, an analyst decides, every step with who and when",
          arguments: StoreBackend.configured)
    func objectionFlow(_ backend: StoreBackend) async throws {
        let f = try Self.fixture(backend)
        let store = try openResultsStore(url: f.address)
        let s = try TestServer(store: store)
        let employer = try Self.issue(f, ["--employer", f.own]), analyst = try Self.issue(f, ["--role", "analyst"])
        let own = try #require(try store.decision(id: "SIM-2024-\(f.own)-R1"))
        // An older decision of the same employer, dated long ago: an objection to it now is late.
        var old = own
        old.id = "SIM-2024-\(f.own)-R1-old"
        old.date = "2025-01-15"
        #expect(try store.insertDecision(old))
        func post(_ path: String, _ body: String, _ token: String) async -> APIResponse {
            await s.send("POST", path, body: body, headers: ["authorization": "Bearer \(token)", "content-type": "application/json"])
        }
        let fresh = await post("/api/v1/decisions/\(own.id)/objections", #"{"grounds": "Twee werknemers staan niet in het doelgroepregister.", "disputed": null}"#, employer)
        #expect(fresh.status == 201, "\(fresh.bodyText)")
        let first = try s.json(fresh)
        #expect(first["status"] as? String == "open")
        #expect(first["late"] as? Bool == false)
        #expect(first["register_ground"] as? Bool == true)
        #expect((first["answer"] as? String)?.contains("UWV") == true)
        #expect((first["answer"] as? String)?.contains("art. 38h lid 7") == true)
        let late = try s.json(await post("/api/v1/decisions/\(old.id)/objections", #"{"grounds": "De uren van C zijn te laag.", "disputed": "payroll.csv regel 12"}"#, employer))
        #expect(late["late"] as? Bool == true)
        #expect(late["register_ground"] as? Bool == false)
        #expect(late["answer"] is NSNull)
        // Wrong bodies are 4xx and name the field.
        #expect(await post("/api/v1/decisions/\(own.id)/objections", #"{"grounds": ""}"#, employer).status == 422)
        #expect(await post("/api/v1/decisions/\(own.id)/objections", "{\"grounds\": \"\(String(repeating: "x", count: 5001))\"}", employer).status == 422)
        #expect(await post("/api/v1/decisions/\(own.id)/objections", #"{"grounds": "x", "extra": 1}"#, employer).status == 422)
        #expect(await post("/api/v1/decisions/\(own.id)/objections", "not json", employer).status == 400)
        #expect(await post("/api/v1/objections/1/decision", #"{"outcome": "maybe", "reason": "x"}"#, analyst).status == 422)

        let listed = try #require(try JSONSerialization.jsonObject(with: Data(await s.send("GET", "/api/v1/objections", headers: ["authorization": "Bearer \(analyst)"]).body)) as? [[String: Any]])
        #expect(listed.map { $0["decision_id"] as? String } == [own.id, old.id])
        #expect(listed.allSatisfy { $0["employer_id"] as? String == f.own && $0["status"] as? String == "open" })
        let id = try #require(first["id"] as? Int)
        let decided = await post("/api/v1/objections/\(id)/decision", #"{"outcome": "upheld", "reason": "Opname in het register volgt; de berekening wordt herzien."}"#, analyst)
        #expect(decided.status == 200, "\(decided.bodyText)")
        let after = try s.json(decided)
        #expect(after["status"] as? String == "upheld")
        let events = try #require(after["events"] as? [[String: Any]])
        #expect(events.map { $0["kind"] as? String } == ["submitted", "upheld"])
        #expect((events[0]["by"] as? String)?.hasPrefix("employer:") == true)
        #expect((events[1]["by"] as? String)?.hasPrefix("analyst:") == true)
        #expect(events.allSatisfy { ($0["at"] as? String)?.hasSuffix("Z") == true })
        // The employer sees the outcome on its decision page.
        let (_, cookies) = await s.signIn(token: employer)
        let page = await s.send("GET", "/werkgever/beschikkingen/\(own.id)", headers: ["cookie": cookies])
        #expect(page.bodyText.contains("gegrond"))
        #expect(page.bodyText.contains("Opname in het register volgt"))
        #expect(!page.bodyText.contains("<script"))
    }

    @Test("paged lists: following the Link headers lists every objection and decision once, in order; bad limits and cursors are 400",
          arguments: StoreBackend.configured)
    func paging(_ backend: StoreBackend) async throws {
        let f = try Self.fixture(backend)
        let store = try openResultsStore(url: f.address)
        let s = try TestServer(store: store)
        let employer = try Self.issue(f, ["--employer", f.own]), analyst = try Self.issue(f, ["--role", "analyst"])
        let other = try Self.issue(f, ["--employer", f.other])
        let own = "SIM-2024-\(f.own)-R1"
        // Seven at once: the objection writer keeps them in group commits, each with its own event.
        let routes = s.routes
        let statuses = await withTaskGroup(of: Int.self) { group in
            for i in 1...7 {
                let request = APIRequest(method: "POST", path: "/api/v1/decisions/\(own)/objections",
                                         headers: ["authorization": "Bearer \(employer)", "content-type": "application/json"],
                                         body: Array("{\"grounds\": \"Bezwaar \(i)\"}".utf8))
                group.addTask { await routes.respond(to: request) { _ in .error(404, "") }.status }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 201, count: 7))
        let kept = try store.objections(employer: f.own)
        #expect(Set(kept.map(\.grounds)) == Set((1...7).map { "Bezwaar \($0)" }))
        #expect(kept.allSatisfy { $0.events.count == 1 && $0.events[0].kind == .submitted && $0.events[0].actor.hasPrefix("employer:") })
        /// Every page from `first` on, by the `next` links: the items' `key` per page, and the number of pages.
        func follow(_ first: String, _ token: String, key: String) async throws -> [[String]] {
            var pages: [[String]] = [], next: String? = first
            while let target = next, pages.count < 20 {
                let r = await s.send("GET", target, headers: ["authorization": "Bearer \(token)"])
                #expect(r.status == 200, "\(target): \(r.bodyText)")
                let items = try #require(try JSONSerialization.jsonObject(with: Data(r.body)) as? [[String: Any]])
                pages.append(items.map { "\($0[key] ?? "")" })
                next = r.headers.first { $0.0 == "Link" }.map { link in
                    String(link.1.dropFirst().prefix { $0 != ">" })
                }
                if let link = r.headers.first(where: { $0.0 == "Link" }) { #expect(link.1.hasSuffix("; rel=\"next\"")) }
            }
            return pages
        }
        let all = try store.objections(employer: nil).map { String($0.id) }
        #expect(all.count == 7)
        let pages = try await follow("/api/v1/objections?limit=3", analyst, key: "id")
        #expect(pages.map(\.count) == [3, 3, 1])
        #expect(pages.flatMap { $0 } == all)
        // Exactly a page's worth: no link after the last, so no empty page.
        #expect(try await follow("/api/v1/objections?limit=7", analyst, key: "id") == [all])
        #expect(try await follow("/api/v1/objections", analyst, key: "id") == [all])
        #expect(try await follow("/api/v1/objections?after=\(all[6])", analyst, key: "id") == [[]])
        #expect(try await follow("/api/v1/objections?after=\(all[4])&limit=1", analyst, key: "id") == [[all[5]], [all[6]]])
        for bad in ["limit=0", "limit=501", "limit=x", "limit=-1", "after=-1", "after=x"] {
            let r = await s.send("GET", "/api/v1/objections?\(bad)", headers: ["authorization": "Bearer \(analyst)"])
            #expect(r.status == 400, "\(bad)")
        }
        // Decisions: the analyst's pages of one add up to all; an employer's cursor must be its own decision.
        let decisions = try store.decisions(employer: nil).map(\.id)
        let decisionPages = try await follow("/api/v1/decisions?limit=1", analyst, key: "decision_id")
        #expect(decisionPages.count == decisions.count)
        #expect(decisionPages.flatMap { $0 } == decisions)
        #expect(try await follow("/api/v1/decisions?limit=1", employer, key: "decision_id") == [[own]])
        for (token, after) in [(employer, "SIM-2024-\(f.other)-R1"), (other, own), (analyst, "SIM-2024-NOPE-R1")] {
            let r = await s.send("GET", "/api/v1/decisions?after=\(after)", headers: ["authorization": "Bearer \(token)"])
            #expect(r.status == 400)
            #expect(r.bodyText.contains("\"field\":\"after\""))
        }
        #expect(await s.send("GET", "/api/v1/decisions?limit=501", headers: ["authorization": "Bearer \(analyst)"]).status == 400)
        // The OpenAPI document describes both parameters and the Link header.
        let openapi = await s.send("GET", "/openapi.json").bodyText
        for text in ["\"name\":\"limit\"", "\"name\":\"after\"", "\"Link\":{"] { #expect(openapi.contains(text), "\(text)") }
    }

    @Test("the objection form: a post without its CSRF value is refused with 403 and keeps nothing; with it the objection is kept",
          arguments: StoreBackend.configured)
    func objectionForm(_ backend: StoreBackend) async throws {
        let f = try Self.fixture(backend)
        let store = try openResultsStore(url: f.address)
        let s = try TestServer(store: store)
        let (_, cookies) = await s.signIn(token: try Self.issue(f, ["--employer", f.own]))
        let id = "SIM-2024-\(f.own)-R1"
        let page = await s.send("GET", "/werkgever/beschikkingen/\(id)", headers: ["cookie": cookies])
        #expect(page.status == 200)
        let csrf = try #require(TestServer.csrfField(page.bodyText))
        #expect(page.bodyText.contains("action=\"/werkgever/beschikkingen/\(id)/bezwaar\""))
        #expect(page.bodyText.contains("Simulatie, geen beschikking"))
        let form = ["content-type": "application/x-www-form-urlencoded"]
        let sessionOnly = cookies.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("banenafspraak_session=") }.joined()
        let withoutToken = await s.send("POST", "/werkgever/beschikkingen/\(id)/bezwaar", body: "grounds=Onjuist",
                                        headers: form.merging(["cookie": sessionOnly]) { a, _ in a })
        #expect(withoutToken.status == 403)
        let crossSite = await s.send("POST", "/werkgever/beschikkingen/\(id)/bezwaar", body: "csrf=\(csrf)&grounds=Onjuist",
                                     headers: form.merging(["cookie": cookies, "sec-fetch-site": "cross-site"]) { a, _ in a })
        #expect(crossSite.status == 403)
        #expect(try store.objections(employer: f.own).isEmpty)
        let empty = await s.send("POST", "/werkgever/beschikkingen/\(id)/bezwaar", body: "csrf=\(csrf)&grounds=",
                                 headers: form.merging(["cookie": cookies]) { a, _ in a })
        #expect(empty.status == 422)
        #expect(empty.bodyText.contains("role=\"alert\""))
        let kept = await s.send("POST", "/werkgever/beschikkingen/\(id)/bezwaar", body: "csrf=\(csrf)&grounds=De+uren+kloppen+niet&disputed=hours_c",
                                headers: form.merging(["cookie": cookies]) { a, _ in a })
        #expect(kept.status == 303)
        let objections = try store.objections(employer: f.own)
        #expect(objections.count == 1)
        #expect(objections.first?.grounds == "De uren kloppen niet")
        #expect(objections.first?.disputed == "hours_c")
        #expect(objections.first?.events.first?.actor.hasPrefix("employer:") == true)
        // Another employer's decision id through the form: 404, nothing kept.
        let other = await s.send("POST", "/werkgever/beschikkingen/SIM-2024-\(f.other)-R1/bezwaar", body: "csrf=\(csrf)&grounds=x",
                                 headers: form.merging(["cookie": cookies]) { a, _ in a })
        #expect(other.status == 404)
        #expect(try store.objections(employer: f.other).isEmpty)
    }

    @Test("telt mee?: ja with the hours for a worker behind C, nee for another; each look-up and each explanation read is in the access log",
          arguments: StoreBackend.configured)
    func countsForC(_ backend: StoreBackend) async throws {
        let f = try Self.fixture(backend)
        let store = try openResultsStore(url: f.address)
        let s = try TestServer(store: store)
        let employerToken = try Self.issue(f, ["--employer", f.own])
        let (_, cookies) = await s.signIn(token: employerToken)
        let e = try #require(try store.employer(run: f.run, id: f.own))
        // The employer's own workers as on its payroll, and which of them count for its C.
        let payroll = try String(contentsOf: f.input.appendingPathComponent("payroll.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        let workers = Set(payroll.map { $0.split(separator: ",", omittingEmptySubsequences: false) }.filter { $0[0] == f.own }.map { String($0[1]) }).sorted()
        let counting = try workers.filter { try store.hoursForC(run: f.run, employer: e, personId: $0) > .zero }
        let yes = try #require(counting.first)
        let no = try #require(workers.first { !counting.contains($0) })
        let hours = try store.hoursForC(run: f.run, employer: e, personId: yes)
        let page = await s.send("GET", "/werkgever", headers: ["cookie": cookies])
        let csrf = try #require(TestServer.csrfField(page.bodyText))
        let form = ["content-type": "application/x-www-form-urlencoded", "cookie": cookies]
        let ja = await s.send("POST", "/werkgever/telt-mee", body: "csrf=\(csrf)&run=\(f.run)&person_id=\(yes)", headers: form)
        #expect(ja.status == 200)
        #expect(ja.bodyText.contains(">Ja<"))
        #expect(ja.bodyText.contains(DutchNumber.hours(hours)))
        let nee = await s.send("POST", "/werkgever/telt-mee", body: "csrf=\(csrf)&run=\(f.run)&person_id=\(no)", headers: form)
        #expect(nee.bodyText.contains(">Nee<"))
        // Without the CSRF value: refused, nothing looked up.
        let refused = await s.send("POST", "/werkgever/telt-mee", body: "run=\(f.run)&person_id=\(yes)", headers: form)
        #expect(refused.status == 403)
        #expect(await s.send("POST", "/werkgever/telt-mee", body: "csrf=\(csrf)&run=\(f.run)&person_id=bad%20id", headers: form).status == 422)
        #expect(await s.send("POST", "/werkgever/telt-mee", body: "csrf=\(csrf)&run=99&person_id=\(yes)", headers: form).status == 422)
        // An explanation through the API is a read of person-level data too.
        #expect(await s.send("GET", "/api/v1/runs/\(f.run)/employers/\(f.own)/explanation", headers: ["authorization": "Bearer \(employerToken)"]).status == 200)

        let log = try store.accessLog(since: nil)
        #expect(log.count == 3)
        #expect(log.map(\.endpoint) == ["POST /werkgever/telt-mee", "POST /werkgever/telt-mee", "GET /api/v1/runs/{run}/employers/{id}/explanation"])
        #expect(log.allSatisfy { $0.role == .employer && $0.employerId == f.own && $0.run == f.run && $0.tokenId == String(Digest.sha256(text: employerToken).prefix(16)) })
        #expect(log.allSatisfy { !$0.ground.isEmpty })
        // No person id in the log.
        #expect(!log.contains { $0.endpoint.contains(yes) || $0.ground.contains(yes) })
        let auditor = try Self.issue(f, ["--role", "auditor"])
        let api = try #require(try JSONSerialization.jsonObject(with: Data(await s.send("GET", "/api/v1/access-log", headers: ["authorization": "Bearer \(auditor)"]).body)) as? [[String: Any]])
        #expect(api.count == 3)
        let cli = try CLI.run(["log", "--store", f.address, "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [[String: Any]])?.count == 3)
    }
}
