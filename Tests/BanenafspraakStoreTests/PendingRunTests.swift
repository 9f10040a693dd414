import BanenafspraakBatch
import BanenafspraakStore
import BanenafspraakStoreSQLite
import Foundation
import Testing

extension StoreBackendSuites {
/// A run whose outputs are not in place yet is hidden from every reader until it is completed, and can be
/// removed whole (issue 24), on every back-end.
@Suite("Pending runs on every back-end (issue 24)")
struct PendingRunTests {
    @Test("a pending run is hidden, listed as pending, completed or removed with all its rows", arguments: Backend.configured)
    func pending(_ backend: Backend) throws {
        let (store, address) = try backend.freshStore("pending")
        let (first, _) = try StoreTestSupport.storeRun("hand10", in: store)
        let options = try StoreTestSupport.options("hand10")
        var record = try StoreTestSupport.record(try QuotaRun.run(options), options: options, store: store)
        record.pendingWriter = "elsewhere:1"
        let hidden = try store.write(record)
        #expect(try store.runs().map(\.id) == [first])
        #expect(throws: StoreError.self) { try store.run(hidden) }
        #expect(throws: StoreError.self) { try store.employers(run: hidden) }
        #expect(try store.pendingRuns().map(\.id) == [hidden])
        #expect(try store.pendingRuns().map(\.writer) == ["elsewhere:1"])
        try store.completeRun(hidden)
        #expect(try store.runs().map(\.id) == [first, hidden])
        #expect(try store.pendingRuns().isEmpty)
        // A complete run is never removed; a pending one goes with every row.
        try store.removePendingRun(hidden)
        #expect(try store.runs().map(\.id) == [first, hidden])
        let again = try store.write(record)
        try store.removePendingRun(again)
        #expect(try store.pendingRuns().isEmpty)
        #expect(try store.runs().map(\.id) == [first, hidden])
        let (rowsOfHidden, rowsOfFirst) = (try backend.orphanRows(address, keeping: Int(first)), try backend.orphanRows(address, keeping: Int(hidden)))
        #expect(rowsOfHidden == rowsOfFirst)
    }

    @Test("an SQLite store of today (schema v1, v2) opens, is migrated, and keeps its runs visible")
    func migration() throws {
        let path = StoreTestSupport.temporaryPath("v2")
        let old = try SQLiteResultsStore(path: path, create: true, schemaUpTo: "v2")
        let (id, _) = try StoreTestSupport.storeRun("hand10", in: old)
        let current = try SQLiteResultsStore(path: path, create: false)
        #expect(try current.appliedSchemaVersions() == SQLiteResultsStore.schemaVersions)
        #expect(try current.runs().map(\.id) == [id])
        #expect(try current.pendingRuns().isEmpty)
    }
}
}
