import BanenafspraakCore
import BanenafspraakStore
import BanenafspraakStoreOpen
import BanenafspraakTestSupport
@testable import BanenafspraakServer
import Foundation
import Testing

/// The legal calendar on the employer's page and in the API (spec section 13), on a store holding the voorlopig
/// and the definitief run of the `calendar-employer` fixture (its EXPLANATION.md), written by `quota --store`.
@Suite("Legal calendar on the page and in the API (spec 13)", .serialized)
struct CalendarPageTests {
    static let input = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BanenafspraakEndToEndTests/Fixtures/calendar-employer/input").path
    static let percent = ["--quota-percent", "markt=2.00", "--quota-percent", "overheid=3.00", "--quota-percent", "total=2.50"]

    /// A store with run 1 (voorlopig) and run 2 (definitief), and a token for E1.
    static func store(_ backend: StoreBackend) throws -> (address: String, token: String) {
        let address = try backend.freshAddress("calendar-page")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calendar-page-\(UUID().uuidString)")
        for stage in ["voorlopig", "definitief"] {
            let q = try CLI.run(["quota", "--year", "2024", "--in", input, "--out", dir.appendingPathComponent(stage).path,
                                 "--stage", stage, "--store", address] + percent)
            #expect(q.status == 0, "\(q.stderr)")
        }
        let t = try CLI.run(["token", "issue", "--store", address, "--employer", "E1"])
        #expect(t.status == 0, "\(t.stderr)")
        return (address, t.stdout.split(separator: "\n").last.map(String.init) ?? "")
    }

    @Test("E1's page shows its corrected, late and after-cut-off lines in Dutch, and voorlopig beside definitief",
          arguments: StoreBackend.configured)
    func page(_ backend: StoreBackend) async throws {
        let (address, token) = try Self.store(backend)
        let store = try openResultsStore(url: address, create: false)
        let s = try TestServer(store: store)
        let (signedIn, cookies) = await s.signIn(token: token)
        #expect(signedIn.status == 303)
        let page = await s.send("GET", "/werkgever", headers: ["cookie": cookies])
        #expect(page.status == 200)
        let html = page.bodyText
        let p1 = try store.pseudonymizer().pseudonym("P1")
        #expect(html.contains("berekening 2 over 2024 (gemaakt "))
        #expect(html.contains("definitief: de loonaangiften ontvangen tot en met 2025-05-01."))
        for line in ["\(p1) 2024-02 (loonaangifteregel 4): gecorrigeerd op 2025-04-02: 120,00 → 96,00 uur",
                     "\(p1) 2024-12 (loonaangifteregel 5): laat ontvangen op 2025-03-01: 50,00 uur",
                     "\(p1) 2024-11 (loonaangifteregel 7): na de peildatum ontvangen op 2025-06-15: 44,00 uur, telt niet mee",
                     "\(p1) 2024-01 (loonaangifteregel 11): gecorrigeerd op 2025-02-10: 100,00 → 90,00 uur"] {
            #expect(html.contains("<li>\(line)</li>"), "\(line)")
        }
        // The explanation on the page says the same.
        #expect(html.contains("(payroll.csv regel 3 vervangen door regel 4): gecorrigeerd op 2025-04-02: 120,00 → 96,00 uur"))
        // Voorlopig beside definitief: hours_total 260 → 356, hours_c 260 → 276 (EXPLANATION.md).
        #expect(html.contains("Voorlopig naast definitief"))
        #expect(html.contains(#"data-key="hours_total-voorlopig">260,00 uur</td><td class="num" data-key="hours_total-definitief">356,00 uur</td>"#))
        #expect(html.contains(#"data-key="hours_c-voorlopig">260,00 uur</td><td class="num" data-key="hours_c-definitief">276,00 uur</td>"#))
        #expect(!html.contains(">P1 ") && !html.contains("P3"))

        // The voorlopig run: no late line yet, the same comparison.
        let first = await s.send("GET", "/werkgever?run=1", headers: ["cookie": cookies])
        #expect(first.bodyText.contains("\(p1) 2024-02 (loonaangifteregel 4): na de peildatum ontvangen op 2025-04-02: 96,00 uur, telt niet mee"))
        #expect(!first.bodyText.contains("laat ontvangen"))
        #expect(first.bodyText.contains("Voorlopig naast definitief"))
    }

    @Test("the runs list and one run carry as_of, stage and the calendar counts", arguments: StoreBackend.configured)
    func api(_ backend: StoreBackend) async throws {
        let (address, token) = try Self.store(backend)
        let s = try TestServer(store: try openResultsStore(url: address, create: false))
        let t = try CLI.run(["token", "issue", "--store", address, "--role", "analyst"])
        let analyst = ["authorization": "Bearer \(t.stdout.split(separator: "\n").last.map(String.init) ?? "")"]
        let list = await s.send("GET", "/api/v1/runs", headers: analyst)
        #expect(list.status == 200)
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(list.body)) as? [[String: Any]])
        #expect(runs.map { $0["as_of"] as? String } == ["2025-01-31", "2025-05-01"])
        #expect(runs.map { $0["stage"] as? String } == ["voorlopig", "definitief"])
        let payroll = try #require((runs[1]["rows"] as? [String: Any])?["payroll"] as? [String: Int])
        #expect(payroll == ["read": 10, "accepted": 6, "rejected": 0, "outside_year": 0, "after_cutoff": 1, "superseded": 3])
        let register = try #require((runs[0]["rows"] as? [String: Any])?["register"] as? [String: Int])
        #expect(register == ["read": 2, "accepted": 2, "rejected": 0, "after_cutoff": 0])

        let one = await s.send("GET", "/api/v1/runs/1", headers: analyst)
        #expect(one.status == 200)
        let run = try s.json(one)
        #expect(run["as_of"] as? String == "2025-01-31" && run["stage"] as? String == "voorlopig")
        #expect(((run["rows"] as? [String: Any])?["payroll"] as? [String: Int])?["after_cutoff"] == 5)
        #expect(await s.send("GET", "/api/v1/runs/3", headers: analyst).status == 404)

        // An employer sees the calendar of the runs that hold it, without receipts or counts.
        let employer = await s.send("GET", "/api/v1/runs/2", headers: ["authorization": "Bearer \(token)"])
        #expect(employer.status == 200)
        let seen = try s.json(employer)
        #expect(seen["stage"] as? String == "definitief" && seen["receipt"] == nil && seen["rows"] == nil)
        let other = try CLI.run(["token", "issue", "--store", address, "--employer", "NOSUCH"])
        let stranger = other.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(await s.send("GET", "/api/v1/runs/2", headers: ["authorization": "Bearer \(stranger)"]).status == 404)
    }

    @Test("a run without --as-of or --stage lists as_of and stage as null and no calendar counts")
    func noCalendar() async throws {
        let address = try StoreBackend.sqlite.freshAddress("calendar-none")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calendar-none-\(UUID().uuidString)")
        try CLI.run(["generate", "--scale", "tiny", "--year", "2024", "--seed", "3", "--out", dir.appendingPathComponent("in").path])
        let q = try CLI.run(["quota", "--year", "2024", "--in", dir.appendingPathComponent("in").path, "--out", dir.appendingPathComponent("out").path,
                             "--store", address] + Self.percent)
        #expect(q.status == 0, "\(q.stderr)")
        let t = try CLI.run(["token", "issue", "--store", address, "--role", "analyst"])
        let s = try TestServer(store: try openResultsStore(url: address, create: false))
        let r = await s.send("GET", "/api/v1/runs/1", headers: ["authorization": "Bearer \(t.stdout.split(separator: "\n").last.map(String.init) ?? "")"])
        let run = try s.json(r)
        #expect(run["as_of"] is NSNull && run["stage"] is NSNull)
        let payroll = try #require((run["rows"] as? [String: Any])?["payroll"] as? [String: Int])
        #expect(payroll["after_cutoff"] == nil && payroll["superseded"] == nil)
    }
}
