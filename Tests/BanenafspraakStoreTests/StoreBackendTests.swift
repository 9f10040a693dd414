import BanenafspraakAssessment
import BanenafspraakBatch
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakParameters
import BanenafspraakStore
import BanenafspraakStoreOpen
import BanenafspraakStorePostgres
import BanenafspraakStoreSQLite
import BanenafspraakTestSupport
import Foundation
import Testing

/// The store suites that may touch the PostgreSQL test server run one test at a time: one of them stops and
/// starts that server.
@Suite("Results store back-ends", .serialized)
enum StoreBackendSuites {}

/// The results store's behaviour, once for every back-end (SQLite always; PostgreSQL when the test server of
/// `scripts/postgres.sh` is configured, as in CI).
extension StoreBackendSuites {
@Suite("Results store on every back-end (spec 9)")
struct StoreBackendTests {
    @Test("a stored run gives back its figures, national figures, counts and aggregates",
          arguments: Backend.configured, ["hand10", "rejections", "widened"])
    func roundTrip(_ backend: Backend, _ name: String) throws {
        let (store, _) = try backend.freshStore("roundtrip")
        let (id, result) = try StoreTestSupport.storeRun(name, in: store)
        let summary = try store.run(id)
        #expect(summary.year == result.year)
        #expect(summary.counts == result.counts)
        #expect(summary.employers == result.figures.count)
        let national = try store.national(run: id)
        #expect(national.quotaPercent == result.percentages.percent)
        #expect(national.sumA == result.percentages.sumA)
        #expect(national.surchargePercent == result.surchargeRate)
        #expect(national.nationalJSON == QuotaOutputs.nationalJSON(result).rendered())
        let employers = try store.employers(run: id)
        #expect(employers.map(\.figures) == result.figures)
        #expect(employers.map(\.name) == result.employers.names)
        for e in 0..<result.figures.count {
            let one = try #require(try store.employer(run: id, id: result.employers.ids.string(Int32(e))))
            #expect(one.figures == result.figures[e])
            #expect(one.region == result.employers.region[e])
        }
        #expect(try store.employers(run: id, indexes: [2, 0, 99]).map(\.index) == [2, 0].filter { $0 < result.figures.count })
        let rejections = try store.rejections(run: id)
        #expect(rejections.byCode == result.rejectionsByCode)
        #expect(rejections.sample == result.rejectionSample)
        #expect(rejections.csv == Array("file,line,column,reason,raw\n".utf8))
        // The stored aggregates assess to the same figures, without any payroll.
        let aggregates = try store.aggregates(run: id)
        let again = try QuotaAssessment.assess(aggregates, parameters: try store.parameters(run: id).quota,
                                               quotaPercentOverrides: national.quotaPercentOverrides, surchargeOverride: national.surchargeOverride)
        #expect(again.figures == result.figures)
        #expect(again.measurement == result.measurement)
        #expect(aggregates.targetGroupHours.count == result.aggregates!.targetGroupHours.count)
    }

    @Test("explain from the store equals the rescanning explain, text and JSON",
          arguments: Backend.configured, ["hand10", "widened"])
    func explainEquality(_ backend: Backend, _ name: String) throws {
        let (store, _) = try backend.freshStore("explain")
        let (id, result) = try StoreTestSupport.storeRun(name, in: store)
        let pseudonyms = try store.pseudonymizer()
        var compared = 0
        for e in 0..<result.figures.count {
            let employerId = result.employers.ids.string(Int32(e))
            var rescan = try QuotaRun.run(try StoreTestSupport.options(name, traceEmployer: employerId, keepLineDetail: false))
            var trace = try #require(rescan.trace)
            trace.lines = trace.lines.map { var l = $0; l.person = pseudonyms.pseudonym(l.person); return l }
            trace.routes = Dictionary(uniqueKeysWithValues: trace.routes.map { (pseudonyms.pseudonym($0.key), $0.value) })
            rescan.trace = trace
            let (levyA, netA) = EmployerExplanation.build(rescan, employer: e)
            let (levyB, netB) = EmployerExplanation.build(try store.assessedEmployer(run: id, employer: employerId))
            #expect(levyA.renderedText() == levyB.renderedText(), "\(name) \(employerId) levy")
            #expect(netA.renderedText() == netB.renderedText(), "\(name) \(employerId) net")
            #expect(levyA.jsonValue.rendered() == levyB.jsonValue.rendered())
            #expect(netA.jsonValue.rendered() == netB.jsonValue.rendered())
            compared += 1
        }
        #expect(compared == result.figures.count)
    }

    @Test("a run that fails while being written leaves no trace and is never visible",
          arguments: Backend.configured, ["run", "employers", "persons", "target_group_hours", "lines", "rejections"])
    func failedWrite(_ backend: Backend, _ stage: String) throws {
        struct Injected: Error {}
        let (store, address) = try backend.freshStore("rollback")
        try StoreTestSupport.storeRun("hand10", in: store)
        // A second connection reading while the run is half written sees only the complete run 1.
        let reader = try openResultsStore(url: address)
        let seenDuringWrite = LockedBox<[RunID]>([])
        backend.setCheckpoint(store) { s in
            seenDuringWrite.value = (try? reader.runs().map(\.id)) ?? [-1]
            if s == stage { throw Injected() }
        }
        #expect(throws: Injected.self) { try StoreTestSupport.storeRun("rejections", in: store) }
        backend.setCheckpoint(store, nil)
        #expect(seenDuringWrite.value == [1])
        #expect(try store.runs().map(\.id) == [1])
        #expect(try backend.orphanRows(address, keeping: 1) == 0)
        let (next, _) = try StoreTestSupport.storeRun("rejections", in: store)
        #expect(next == 2)
        #expect(try reader.runs().map(\.id) == [1, 2])
    }

    @Test("diff lists the employers whose figures differ, column by column", arguments: Backend.configured)
    func diff(_ backend: Backend) throws {
        let (store, _) = try backend.freshStore("diff")
        let (a, ra) = try StoreTestSupport.storeRun("hand10", in: store)
        let (b, rb) = try StoreTestSupport.storeRun("hand10", in: store, quotaPercent: ["markt": "2.00", "overheid": "2.00", "total": "2.00"])
        #expect(try RunDiff.compute(store: store, runA: a, runB: a).employers.isEmpty)
        let d = try RunDiff.compute(store: store, runA: a, runB: b)
        let expected = (0..<ra.figures.count).filter { ra.figures[$0] != rb.figures[$0] }.map { ra.employers.ids.string(Int32($0)) }.sorted()
        #expect(!expected.isEmpty)
        #expect(d.employers.map(\.employerId) == expected)
    }

    @Test("tokens: only the hash is kept; revoked tokens are marked", arguments: Backend.configured)
    func tokens(_ backend: Backend) throws {
        let (store, _) = try backend.freshStore("tokens")
        let hash = Digest.sha256(text: "secret-token")
        try store.insertToken(hash: hash, access: .employer("E4"), createdAt: "2026-11-25T22:00:00Z")
        try store.insertToken(hash: Digest.sha256(text: "analyst"), access: .analyst, createdAt: "2026-11-25T22:00:00Z")
        #expect(try store.token(hash: hash)?.access == .employer("E4"))
        #expect(try store.token(hash: hash)?.isActive == true)
        #expect(try store.token(hash: Digest.sha256(text: "analyst"))?.access == .analyst)
        #expect(try store.token(hash: Digest.sha256(text: "unknown")) == nil)
        #expect(try store.revokeToken(hash: hash, at: "2026-11-25T23:00:00Z"))
        #expect(try !store.revokeToken(hash: hash, at: "2026-11-25T23:00:00Z"))
        #expect(try store.token(hash: hash)?.isActive == false)
    }

    @Test("an unknown run id is a clear error", arguments: Backend.configured)
    func unknownRun(_ backend: Backend) throws {
        let (store, _) = try backend.freshStore("unknown")
        try StoreTestSupport.storeRun("hand10", in: store)
        for read in [{ _ = try store.run(7) }, { _ = try store.national(run: 7) }, { _ = try store.employers(run: 7) },
                     { _ = try store.employer(run: 7, id: "E1") }, { _ = try store.aggregates(run: 7) }] {
            let error = #expect(throws: StoreError.self) { try read() }
            #expect(error?.kind == .unknownRun)
            #expect(error?.message == "there is no run 7 in \(store.location)")
        }
        let error = #expect(throws: StoreError.self) { try store.assessedEmployer(run: 1, employer: "NOPE") }
        #expect(error?.kind == .unknownEmployer)
    }

    @Test("a store of a newer schema is refused, naming the schema; the same pseudonyms after reopening",
          arguments: Backend.configured)
    func newerSchema(_ backend: Backend) throws {
        let (store, address) = try backend.freshStore("newer")
        let pseudonym = try store.pseudonymizer().pseudonym("F1a")
        #expect(try openResultsStore(url: address).pseudonymizer().pseudonym("F1a") == pseudonym)
        #expect(try backend.freshStore("other").store.pseudonymizer().pseudonym("F1a") != pseudonym)
        try backend.markNewerSchema(address)
        let error = #expect(throws: StoreError.self) { try openResultsStore(url: address) }
        #expect(error?.kind == .newerSchema)
        #expect(error?.message.contains("v99") == true)
        #expect(error?.message.contains(store.location) == true)
    }
}

}

/// A value shared with a `@Sendable` closure.
final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// What only the PostgreSQL store has: its answers against SQLite's, its connection failures and its addresses.
extension StoreBackendSuites {
@Suite("Results store on PostgreSQL (spec 9)", .enabled(if: PostgresTestServer.url != nil, Comment(rawValue: PostgresTestServer.skipMessage)))
struct PostgresStoreTests {
    @Test("the same run in SQLite and PostgreSQL: every employer, the national figures and an explanation are equal",
          arguments: ["hand10", "rejections", "widened"])
    func sameAnswers(_ name: String) throws {
        let sqlite = try Backend.sqlite.freshStore("same").store
        let postgres = try Backend.postgres.freshStore("same").store
        let options = try StoreTestSupport.options(name)
        let result = try QuotaRun.run(options)
        // The same record (same pseudonyms) into both.
        let record = try StoreTestSupport.record(result, options: options, store: sqlite)
        let a = try sqlite.write(record), b = try postgres.write(record)
        #expect(a == b)
        #expect(try sqlite.run(a) == postgres.run(b))
        #expect(try sqlite.national(run: a) == postgres.national(run: b))
        let employersA = try sqlite.employers(run: a), employersB = try postgres.employers(run: b)
        #expect(employersA.count == result.figures.count)
        #expect(employersA == employersB)
        for e in employersA { #expect(try postgres.employer(run: b, id: e.id) == e) }
        #expect(try sqlite.collaborations(run: a) == postgres.collaborations(run: b))
        #expect(try sqlite.rejections(run: a) == postgres.rejections(run: b))
        let aggA = try sqlite.aggregates(run: a), aggB = try postgres.aggregates(run: b)
        #expect(aggA.targetGroupHours == aggB.targetGroupHours)
        #expect(aggA.collaborations == aggB.collaborations)
        // One explanation (the employer with the most target-group lines), rendered from each store.
        let employer = try #require(employersA.max { $0.lineCounts.a < $1.lineCounts.a })
        #expect(try sqlite.targetGroupLines(run: a, employer: employer.index) == postgres.targetGroupLines(run: b, employer: employer.index))
        let (levyA, netA) = EmployerExplanation.build(try sqlite.assessedEmployer(run: a, employer: employer.id))
        let (levyB, netB) = EmployerExplanation.build(try postgres.assessedEmployer(run: b, employer: employer.id))
        #expect(levyA.renderedText() == levyB.renderedText())
        #expect(netA.renderedText() == netB.renderedText())
        #expect(levyA.jsonValue.rendered() == levyB.jsonValue.rendered())
    }

    @Test("stopping and starting PostgreSQL under an open store: a clear error for that request, then recovery without reopening")
    func serverRestart() async throws {
        try await PostgresTestServer.withPrivateCluster("restart-store") { address in
            let password = try #require(PostgresTestServer.password(of: address))
            let store = try PostgresResultsStore(url: address, connectionWait: .seconds(3))
            let (id, result) = try StoreTestSupport.storeRun("hand10", in: store)
            #expect(try store.employers(run: id).map(\.figures) == result.figures)

            try PostgresTestServer.server("down", cluster: "restart-store")
            var upAgain = false
            defer { if !upAgain { _ = try? PostgresTestServer.server("up", cluster: "restart-store") } }
            let error = #expect(throws: StoreError.self) { _ = try store.national(run: id) }
            #expect(error?.kind == .io)
            #expect(error?.message.contains(store.url.host) == true)
            #expect(error?.message.contains(store.url.database) == true)
            #expect(error?.message.contains(password) == false)
            print("server down: \(error?.message ?? "no error")")
            // Still down: every request fails the same clear way, none hangs.
            let started = ContinuousClock.now
            #expect(throws: StoreError.self) { _ = try store.runs() }
            #expect(ContinuousClock.now - started < .seconds(15))

            try PostgresTestServer.server("up", cluster: "restart-store")
            upAgain = true
            // The same store object answers again (a request may still meet a connection from before the restart).
            var answered: [StoredEmployer]?
            for _ in 0..<3 where answered == nil {
                do { answered = try store.employers(run: id) } catch let e as StoreError {
                    print("after restart: \(e.message)")
                    #expect(e.message.contains(password) == false)
                }
            }
            #expect(answered?.map(\.figures) == result.figures)
            let (next, _) = try StoreTestSupport.storeRun("rejections", in: store)
            #expect(try store.runs().map(\.id) == [id, next])
        }
    }

    @Test("wrong credentials: a clear error naming host and database, with no password in it")
    func wrongPassword() throws {
        let address = try #require(PostgresTestServer.url)
        let password = try #require(PostgresTestServer.password(of: address))
        let wrong = "Wr0ng-pa55word-\(UUID().uuidString.prefix(6))"
        let bad = address.replacingOccurrences(of: ":\(password)@", with: ":\(wrong)@")
        #expect(bad != address)
        let url = try PostgresURL(parsing: address)
        let error = #expect(throws: StoreError.self) { try openResultsStore(url: bad) }
        let message = error?.message ?? ""
        print("wrong password: \(message)")
        #expect(message.contains(url.host) && message.contains(":\(url.port)"))
        #expect(message.contains(url.database))
        #expect(message.contains("wrong user or password"))
        #expect(!message.contains(wrong) && !message.contains(password))
        // A database that does not exist, and a port where no server listens.
        let noDatabase = String(address[..<address.lastIndex(of: "/")!]) + "/no_such_database"
        let missing = #expect(throws: StoreError.self) { try openResultsStore(url: noDatabase) }
        #expect(missing?.message.contains("no_such_database") == true)
        #expect(missing?.message.contains(password) == false)
        let refused = #expect(throws: StoreError.self) {
            try openResultsStore(url: "postgres://someone:\(wrong)@127.0.0.1:1/banenafspraak")
        }
        #expect(refused?.message.contains("127.0.0.1:1") == true)
        #expect(refused?.message.contains(wrong) == false)
    }

    @Test("an address without a password takes it from PGPASSWORD, so it need not be on a command line")
    func passwordFromEnvironment() throws {
        let address = try PostgresTestServer.freshDatabase("pgpassword")
        let password = try #require(PostgresTestServer.password(of: address))
        let bare = address.replacingOccurrences(of: ":\(password)@", with: "@")
        #expect(!bare.contains(password))
        let parsed = try PostgresURL(parsing: bare, environment: ["PGPASSWORD": password])
        #expect(parsed.password == password)
        #expect(try PostgresURL(parsing: bare, environment: [:]).password == nil)
        // The URL's own password wins over the environment's.
        #expect(try PostgresURL(parsing: address, environment: ["PGPASSWORD": "other"]).password == password)
        // Opening for real with the password only in the environment of this process.
        setenv("PGPASSWORD", password, 1)
        defer { unsetenv("PGPASSWORD") }
        let store = try openResultsStore(url: bare, create: true)
        #expect(try store.runs().isEmpty)
        #expect(!store.location.contains(password))
    }

    @Test("a malformed URL is a clear error naming what it could read, never the password",
          arguments: ["postgres://analyst:S3cretPw@/banenafspraak", "postgres://analyst:S3cretPw@db.example:5432",
                      "postgres://analyst:S3cretPw@db.example:5432/", "postgres://:S3cretPw@db.example:5432/banenafspraak",
                      "postgres://analyst:S3cretPw@db.example:5432/banenafspraak?sslmode=sometimes",
                      "postgres://analyst:S3cretPw@db.example:5432/banenafspraak?user=root",
                      "postgres://analyst:S3cretPw@db example:5432/banenafspraak"])
    func malformedURL(_ text: String) throws {
        let error = #expect(throws: StoreError.self) { try openResultsStore(url: text) }
        let message = error?.message ?? ""
        #expect(message.contains("malformed PostgreSQL store address"))
        #expect(!message.contains("S3cretPw"))
        #expect(message.contains("postgres://analyst:***@") || message.contains("postgres://:***@"))
    }

    @Test("an empty database is not a store unless one is created; another application's database is refused")
    func notAStore() throws {
        let address = try PostgresTestServer.freshDatabase("empty")
        let error = #expect(throws: StoreError.self) { try openResultsStore(url: address, create: false) }
        #expect(error?.kind == .notAStore)
        try PostgresTestServer.psql(address, "CREATE TABLE invoices (id bigint)")
        let foreign = #expect(throws: StoreError.self) { try openResultsStore(url: address, create: true) }
        #expect(foreign?.kind == .notAStore)
        #expect(foreign?.message.contains("not a banenafspraak results store") == true)
    }

    @Test("a store written by schema v1 opens, migrates to the current schema and reads back")
    func schemaV1() throws {
        let address = try PostgresTestServer.freshDatabase("v1")
        let (id, result): (RunID, QuotaResult)
        do {
            let v1 = try PostgresResultsStore(url: address, schemaUpTo: "v1")
            #expect(try v1.appliedSchemaVersions() == ["v1"])
            (id, result) = try StoreTestSupport.storeRun("hand10", in: v1)
            v1.close()
        }
        let current = try PostgresResultsStore(url: address)
        #expect(try current.appliedSchemaVersions() == PostgresResultsStore.schemaVersions)
        #expect(PostgresResultsStore.schemaVersions == SQLiteResultsStore.schemaVersions)
        #expect(try current.employers(run: id).map(\.figures) == result.figures)
        try current.insertToken(hash: "h", access: .analyst, createdAt: "2026-11-25T22:00:00Z")
        #expect(try current.token(hash: "h") != nil)
    }

    @Test("the pool is bounded: many concurrent readers share at most maximumConnections connections")
    func boundedPool() throws {
        let address = try PostgresTestServer.freshDatabase("pool")
        let store = try PostgresResultsStore(url: address, maximumConnections: 3)
        let (id, result) = try StoreTestSupport.storeRun("hand10", in: store)
        let database = store.url.database
        let peak = LockedBox(0)
        let failures = LockedBox(0)
        DispatchQueue.concurrentPerform(iterations: 24) { i in
            do {
                #expect(try store.employers(run: id).count == result.figures.count)
                if i % 4 == 0 {
                    let n = Int(try PostgresTestServer.psql(address, "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")
                        .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
                    peak.value = max(peak.value, n)
                }
            } catch { failures.value += 1 }
        }
        #expect(failures.value == 0)
        #expect(peak.value <= 3)
    }
}
}
