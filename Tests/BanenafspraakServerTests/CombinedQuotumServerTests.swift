import BanenafspraakCore
import BanenafspraakParameters
import BanenafspraakStore
import BanenafspraakStoreOpen
import BanenafspraakTestSupport
@testable import BanenafspraakServer
import Foundation
import Testing

/// Under `quota.combined_quotum = 1` (one quotum for markt and overheid, Kamerstukken II 2022/23, 34 352, nr. 281)
/// every employer is held to the combined percentage: the run computes with it, and the employer page, the
/// estimate's stored default and a levy decision (Wfsv art. 38h lid 2 onder e) must use the same percentage, not the
/// sector's.
@Suite("The combined quotum on the employer page, in the estimate's defaults and in a levy decision", .serialized)
struct CombinedQuotumServerTests {
    struct Fixture {
        var store: String
        var run: Int64
        var national: [String: String]
        /// employer id → sector, from employers.csv.
        var sectors: [String: String]
    }

    static func makeFixture(_ backend: StoreBackend) throws -> Fixture {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("combined-\(UUID().uuidString)")
        let store = try backend.freshAddress("combined")
        try CLI.run(["generate", "--scale", "tiny", "--year", "2024", "--seed", "5", "--out", dir.appendingPathComponent("in").path])
        let params = dir.appendingPathComponent("combined.json")
        try """
        {"parameters": [{"id": "quota.combined_quotum", "unit": "count", "values": [
          {"value": "1", "valid_from": "2024-01-01", "valid_until": "2024-12-31", "source": "hervorming (test)", "status": "proposal"}]}]}
        """.write(to: params, atomically: true, encoding: .utf8)
        // The percentages are computed by the run (no override), so the combined one differs from each sector's.
        let q = try CLI.run(["quota", "--year", "2024", "--in", dir.appendingPathComponent("in").path,
                             "--out", dir.appendingPathComponent("out").path, "--store", store, "--params", params.path])
        #expect(q.status == 0, "\(q.stderr)")
        let national = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/national.json"))) as! [String: Any]
        let percent = try #require(national["quota_percent"] as? [String: String])
        let csv = try String(contentsOf: dir.appendingPathComponent("out/employers.csv"), encoding: .utf8).split(separator: "\n")
        let header = csv[0].split(separator: ",").map(String.init)
        let sector = try #require(header.firstIndex(of: "sector"))
        var sectors: [String: String] = [:]
        for line in csv.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            sectors[cells[0]] = cells[sector]
        }
        let runs = try CLI.run(["runs", "--store", store, "--format", "json"])
        let list = try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as! [[String: Any]]
        return Fixture(store: store, run: (list.last!["id"] as! NSNumber).int64Value, national: percent, sectors: sectors)
    }

    @Test("the signed-in employer page shows the combined percentage the run held it to", arguments: StoreBackend.configured)
    func employerPage(_ backend: StoreBackend) async throws {
        let f = try Self.makeFixture(backend)
        let total = try #require(f.national["total"]), markt = try #require(f.national["markt"])
        try #require(total != markt, "the fixture needs a combined percentage that differs from the markt's")
        let employer = try #require(f.sectors.first { $0.value == "markt" }?.key)
        let token = try CLI.run(["token", "issue", "--store", f.store, "--employer", employer])
        #expect(token.status == 0, "\(token.stderr)")
        let s = try TestServer(store: try openResultsStore(url: f.store, create: false))
        let (_, cookies) = await s.signIn(token: String(token.stdout.split(separator: "\n").last ?? ""))
        let page = await s.send("GET", "/werkgever", headers: ["cookie": cookies])
        #expect(page.status == 200)
        #expect(page.bodyText.contains("data-key=\"quota_percent\">\(DutchNumber.format(total))%<"), "combined \(total)")
        #expect(!page.bodyText.contains("data-key=\"quota_percent\">\(DutchNumber.format(markt))%<"), "not the sector's \(markt)")
    }

    @Test("the estimate's stored default for a sector is the combined percentage", arguments: StoreBackend.configured)
    func estimateDefault(_ backend: StoreBackend) throws {
        let f = try Self.makeFixture(backend)
        let access = StoreAccess(store: try openResultsStore(url: f.store, create: false),
                                 environment: ServerEnvironment(parameters: try ParameterFiles.loadDefault()))
        for sector in Sector.allCases {
            let quota = try #require(access.defaults(2024, sector).quota)
            #expect(quota.description == f.national["total"], "\(sector)")
        }
    }

    @Test("a levy decision holds the employer to the combined percentage and reconciles with the run", arguments: StoreBackend.configured)
    func decision(_ backend: StoreBackend) throws {
        let f = try Self.makeFixture(backend)
        let total = try #require(f.national["total"])
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("combined-decide-\(UUID().uuidString)")
        let r = try CLI.run(["decide", "--store", f.store, "--run", String(f.run), "--all", "--simulation", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let index = try String(contentsOf: out.appendingPathComponent("index.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        try #require(!index.isEmpty, "the fixture needs at least one employer with a levy")
        for line in index {
            let employer = String(line.split(separator: ",")[0])
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("\(employer).json"))) as! [String: Any]
            let calculation = try #require(json["calculation"] as? [String: Any])
            let percent = calculation["quota_percent"] as? String
            #expect(percent == total, "\(employer) (\(f.sectors[employer] ?? "?")): \(percent ?? "none"), combined \(total)")
        }
    }
}
