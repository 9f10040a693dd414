import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakStore
import BanenafspraakStorePostgres
import BanenafspraakStoreSQLite
import BanenafspraakTestSupport
import Foundation
import Testing

/// Schema v7 on both back-ends (spec section 14): a store of schema v5 opens and is migrated with its tokens and
/// sessions; decisions, objections with their events and the access log are kept and read back the same.
@Suite("Decisions, objections and the access log in the store (spec 14)")
struct DecisionStoreTests {
    /// A store written with schema up to v5, with a run, an employer token and a session, then closed.
    static func v5Store(_ backend: Backend) throws -> (address: String, run: RunID) {
        let address = try backend.freshAddress("v5")
        let run: RunID
        switch backend {
        case .sqlite:
            let s = try SQLiteResultsStore(path: address, create: true, schemaUpTo: "v5")
            #expect(try s.appliedSchemaVersions() == ["v1", "v2", "v3", "v4", "v5"])
            run = try StoreTestSupport.storeRun("hand10", in: s).0
            try PostgresTestServer.sqlite(address, "INSERT INTO tokens (hash, employer_id, role, created_at) VALUES ('t-employer', 'E4', 'employer', '2026-01-01T00:00:00Z')")
            try PostgresTestServer.sqlite(address, "INSERT INTO sessions (hash, token_hash, created_at, expires_at) VALUES ('s1', 't-employer', '2026-01-01T00:00:00Z', '2999-01-01T00:00:00Z')")
        case .postgres:
            let s = try PostgresResultsStore(url: address, create: true, schemaUpTo: "v5")
            #expect(try s.appliedSchemaVersions() == ["v1", "v2", "v3", "v4", "v5"])
            run = try StoreTestSupport.storeRun("hand10", in: s).0
            try PostgresTestServer.psql(address, "INSERT INTO tokens (hash, employer_id, role, created_at) VALUES ('t-employer', 'E4', 'employer', '2026-01-01T00:00:00Z')")
            try s.insertSession(hash: "s1", tokenHash: "t-employer", createdAt: "2026-01-01T00:00:00Z", expiresAt: "2999-01-01T00:00:00Z")
            s.close()
        }
        return (address, run)
    }

    @Test("a v5 store opens in v7: its tokens and sessions stay, and tokens of every role can be issued", arguments: Backend.configured)
    func migration(_ backend: Backend) throws {
        let (address, run) = try Self.v5Store(backend)
        let store = try openResultsStoreForTest(backend, address)
        #expect(try store.token(hash: "t-employer")?.access == .employer("E4"))
        #expect(try store.session(hash: "s1")?.tokenHash == "t-employer")
        #expect(try store.employers(run: run).count == 10)
        for (hash, access) in [("a", TokenAccess.analyst), ("m", .municipality(region: "AMR07")), ("u", .auditor), ("e", .employer("E2"))] {
            try store.insertToken(hash: hash, access: access, createdAt: "2026-12-01T00:00:00Z")
            #expect(try store.token(hash: hash)?.access == access)
        }
        // The role check was widened, not dropped.
        let sql = "INSERT INTO tokens (hash, role, created_at) VALUES ('x', 'superuser', '2026-12-01T00:00:00Z')"
        switch backend {
        case .sqlite: #expect(throws: (any Error).self) { try PostgresTestServer.sqlite(address, sql) }
        case .postgres: #expect(throws: (any Error).self) { try PostgresTestServer.psql(address, sql) }
        }
    }

    static func decision(_ id: String, run: RunID, employer: String, levy: Int64, revises: String? = nil) -> StoredDecision {
        StoredDecision(id: id, run: run, employerId: employer, year: 2024, levy: Cents(levy), hoursTotal: CentiHours(1_000_00), hoursC: CentiHours(10_00),
                       receipt: String(repeating: "a", count: 64), asOf: nil, stage: nil, date: "2025-06-01", revises: revises, simulation: true,
                       document: "{\"decision_id\": \"\(id)\"}")
    }

    @Test("decisions, objections with their events and the access log are kept append-only and read back", arguments: Backend.configured)
    func roundTrip(_ backend: Backend) throws {
        let (store, _) = try backend.freshStore("decisions")
        let (run, _) = try StoreTestSupport.storeRun("hand10", in: store)
        let first = Self.decision("SIM-2024-E4-R1", run: run, employer: "E4", levy: 1_850_000)
        #expect(try store.insertDecision(first))
        #expect(try !store.insertDecision(first))
        let second = Self.decision("SIM-2024-E4-R2", run: run, employer: "E4", levy: 2_000_000, revises: first.id)
        #expect(try store.insertDecision(second))
        #expect(try store.insertDecision(Self.decision("SIM-2024-E2-R1", run: run, employer: "E2", levy: 1_100_000)))
        #expect(try store.decisions(employer: "E4") == [first, second])
        #expect(try store.decisions(employer: nil).map(\.id) == ["SIM-2024-E4-R1", "SIM-2024-E4-R2", "SIM-2024-E2-R1"])
        #expect(try store.decision(id: "SIM-2024-E4-R2") == second)
        #expect(try store.decision(id: "nope") == nil)

        let submitted = ObjectionEvent(kind: .submitted, reason: nil, actor: "employer:0123456789abcdef", at: "2025-06-02T10:00:00Z")
        let kept = try store.insertObjection(StoredObjection(id: 0, decisionId: second.id, employerId: "E4", grounds: "De uren van C kloppen niet.",
                                                             disputed: "payroll.csv regel 12", late: false, registerGround: false, events: [submitted]))
        #expect(kept.id > 0)
        #expect(kept.status == .open)
        let other = try store.insertObjection(StoredObjection(id: 0, decisionId: "SIM-2024-E2-R1", employerId: "E2", grounds: "Niet in het register",
                                                              disputed: nil, late: true, registerGround: true, events: [submitted]))
        let upheld = ObjectionEvent(kind: .upheld, reason: "De correctie is terecht.", actor: "analyst:fedcba9876543210", at: "2025-06-03T10:00:00Z")
        try store.appendObjectionEvent(objection: kept.id, upheld)
        let read = try #require(try store.objection(id: kept.id))
        #expect(read.events == [submitted, upheld])
        #expect(read.status == .upheld)
        #expect(read.disputed == "payroll.csv regel 12")
        #expect(try store.objections(employer: "E2") == [other])
        #expect(try store.objections(employer: nil).map(\.id) == [kept.id, other.id])
        #expect(try store.objection(id: 999) == nil)

        let a = AccessRecord(at: "2025-06-02T10:00:00Z", tokenId: "0123456789abcdef", role: .employer, endpoint: "POST /werkgever/telt-mee",
                             run: run, employerId: "E4", ground: "telt-mee")
        let b = AccessRecord(at: "2025-07-01T09:00:00Z", tokenId: "fedcba9876543210", role: .analyst, endpoint: "GET /api/v1/runs/{run}/employers/{id}/explanation",
                             run: nil, employerId: nil, ground: "uitleg")
        try store.appendAccess(a)
        try store.appendAccess(b)
        #expect(try store.accessLog(since: nil) == [a, b])
        #expect(try store.accessLog(since: "2025-07-01") == [b])
    }

    /// Five decisions (E4, E2 in turn) and an objection against each, every objection with its `submitted` event.
    static func paged(_ store: any ResultsStore) throws -> (decisions: [StoredDecision], objections: [StoredObjection]) {
        let (run, _) = try StoreTestSupport.storeRun("hand10", in: store)
        var decisions: [StoredDecision] = [], objections: [StoredObjection] = []
        for i in 1...5 {
            let employer = i % 2 == 1 ? "E4" : "E2"
            let d = Self.decision("SIM-2024-\(employer)-R\(run)-\(i)", run: run, employer: employer, levy: Int64(i) * 100_000)
            #expect(try store.insertDecision(d))
            decisions.append(d)
            let submitted = ObjectionEvent(kind: .submitted, reason: nil, actor: "employer:000000000000000\(i)", at: "2025-06-0\(i)T10:00:00Z")
            objections.append(try store.insertObjection(StoredObjection(id: 0, decisionId: d.id, employerId: employer, grounds: "Bezwaar \(i)",
                                                                        disputed: nil, late: false, registerGround: false, events: [submitted])))
        }
        return (decisions, objections)
    }

    @Test("paged decisions and objections: every page in order, the last page short, past the end empty, a foreign cursor refused",
          arguments: Backend.configured)
    func paging(_ backend: Backend) throws {
        let (store, _) = try backend.freshStore("paging")
        let (d, o) = try Self.paged(store)
        // Decisions, all: 2 + 2 + 1, then nothing after the last.
        #expect(try store.decisions(employer: nil, after: nil, limit: 2) == Array(d[0..<2]))
        #expect(try store.decisions(employer: nil, after: d[1].id, limit: 2) == Array(d[2..<4]))
        #expect(try store.decisions(employer: nil, after: d[3].id, limit: 2) == [d[4]])
        #expect(try store.decisions(employer: nil, after: d[4].id, limit: 2) == [])
        #expect(try store.decisions(employer: nil, after: nil, limit: 500) == d)
        #expect(try store.decisions(employer: nil, after: nil, limit: 5) == d)
        #expect(try store.decisions(employer: nil, after: nil, limit: 0)?.map(\.id) == [d[0].id])
        // One employer's: its own cursor only; another's decision or an unknown id is no cursor.
        #expect(try store.decisions(employer: "E4", after: nil, limit: 2) == [d[0], d[2]])
        #expect(try store.decisions(employer: "E4", after: d[2].id, limit: 2) == [d[4]])
        #expect(try store.decisions(employer: "E4", after: d[1].id, limit: 2) == nil)
        #expect(try store.decisions(employer: nil, after: "SIM-2024-E9-R1", limit: 2) == nil)
        // Objections, all, by id: the same boundaries, each with its event.
        #expect(try store.objections(employer: nil, after: 0, limit: 2) == Array(o[0..<2]))
        #expect(try store.objections(employer: nil, after: o[1].id, limit: 2) == Array(o[2..<4]))
        #expect(try store.objections(employer: nil, after: o[3].id, limit: 2) == [o[4]])
        #expect(try store.objections(employer: nil, after: o[4].id, limit: 2) == [])
        #expect(try store.objections(employer: nil, after: 0, limit: 500) == o)
        #expect(try store.objections(employer: nil, after: 0, limit: 0) == [o[0]])
        #expect(try store.objections(employer: nil, after: 0, limit: 5).allSatisfy { $0.events.count == 1 && $0.status == .open })
        #expect(try store.objections(employer: "E2", after: 0, limit: 1) == [o[1]])
        #expect(try store.objections(employer: "E2", after: o[1].id, limit: 5) == [o[3]])
        #expect(try store.objections(employer: "E2", after: o[3].id, limit: 5) == [])
        // A decided objection shows both events on its page.
        let upheld = ObjectionEvent(kind: .upheld, reason: "Terecht.", actor: "analyst:fedcba9876543210", at: "2025-07-01T10:00:00Z")
        try store.appendObjectionEvent(objection: o[2].id, upheld)
        #expect(try store.objections(employer: nil, after: o[1].id, limit: 1).first?.events.map(\.kind) == [.submitted, .upheld])
    }

    @Test("objections kept together (group commit): ids in the order given, each with its own events, all or none",
          arguments: Backend.configured)
    func groupCommit(_ backend: Backend) throws {
        let (store, _) = try backend.freshStore("group")
        let (d, o) = try Self.paged(store)
        let batch = (1...4).map { i in
            StoredObjection(id: 0, decisionId: d[i % 5].id, employerId: d[i % 5].employerId, grounds: "Samen \(i)", disputed: i == 2 ? "hours_c" : nil,
                            late: i == 3, registerGround: false,
                            events: [ObjectionEvent(kind: .submitted, reason: nil, actor: "employer:00000000000000a\(i)", at: "2025-08-0\(i)T10:00:00Z")])
        }
        let kept = try store.insertObjections(batch)
        #expect(kept.map(\.grounds) == batch.map(\.grounds))
        #expect(kept.map(\.id) == (1...4).map { o[4].id + Int64($0) })
        #expect(try store.objections(employer: nil, after: o[4].id, limit: 10) == kept)
        for k in kept {
            #expect(try store.objection(id: k.id)?.events == batch.first { $0.grounds == k.grounds }?.events)
        }
        // One objection against a decision that is not there: nothing of the batch is kept.
        var bad = batch[0]
        bad.decisionId = "SIM-2024-NOPE-R1"
        #expect(throws: (any Error).self) { try store.insertObjections([batch[1], bad]) }
        #expect(try store.objections(employer: nil).count == 9)
        // One employer's objections far apart among another's (their events read by the list of ids) keep their own.
        for i in 0..<20 { _ = try store.insertObjection(StoredObjection(id: 0, decisionId: d[1].id, employerId: "E2", grounds: "Ander \(i)", disputed: nil,
                                                                          late: false, registerGround: false, events: batch[0].events)) }
        let last = try store.insertObjection(StoredObjection(id: 0, decisionId: d[0].id, employerId: "E4", grounds: "Laatste", disputed: nil,
                                                             late: false, registerGround: false, events: batch[3].events))
        let own = try store.objections(employer: "E4")
        #expect(own.last == last)
        #expect(own.map(\.grounds) == ["Bezwaar 1", "Bezwaar 3", "Bezwaar 5", "Samen 2", "Samen 4", "Laatste"])
        #expect(own.allSatisfy { $0.events.count == 1 })
        #expect(try store.objections(employer: "E4", after: kept[3].id, limit: 5) == [last])
    }

    @Test("a v8 store opens in v9 with the indexes of the paged lists, its decisions and objections as they were", arguments: Backend.configured)
    func migrationV9(_ backend: Backend) throws {
        // Written today, then taken back to v8 (the indexes v9 added dropped, its migration forgotten).
        let (written, address) = try backend.freshStore("v8")
        let (d, o) = try Self.paged(written)
        switch backend {
        case .sqlite:
            try PostgresTestServer.sqlite(address, "DROP INDEX decisions_by_seq; DROP INDEX objections_by_employer")
            try PostgresTestServer.sqlite(address, "DELETE FROM grdb_migrations WHERE identifier = 'v9'")
            #expect(try SQLiteResultsStore(path: address, create: false, schemaUpTo: "v8").appliedSchemaVersions().last == "v8")
        case .postgres:
            (written as! PostgresResultsStore).close()
            try PostgresTestServer.psql(address, "DROP INDEX objections_by_employer")
            try PostgresTestServer.psql(address, "DELETE FROM schema_migrations WHERE identifier = 'v9'")
        }
        let store = try openResultsStoreForTest(backend, address)
        switch backend {
        case .sqlite:
            #expect(try (store as! SQLiteResultsStore).appliedSchemaVersions().last == "v9")
            #expect(try PostgresTestServer.sqlite(address, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN ('decisions_by_seq', 'objections_by_employer')") == "2")
        case .postgres:
            #expect(try (store as! PostgresResultsStore).appliedSchemaVersions().last == "v9")
            #expect(try PostgresTestServer.psql(address, "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'objections_by_employer'").trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        }
        #expect(try store.decisions(employer: nil, after: d[1].id, limit: 2) == Array(d[2..<4]))
        #expect(try store.objections(employer: "E4", after: 0, limit: 5) == [o[0], o[2], o[4]])
    }
}

/// Opens an existing store of either back-end at the current schema.
func openResultsStoreForTest(_ backend: Backend, _ address: String) throws -> any ResultsStore {
    switch backend {
    case .sqlite: return try SQLiteResultsStore(path: address)
    case .postgres: return try PostgresResultsStore(url: address)
    }
}
