import BanenafspraakStore
import BanenafspraakStoreOpen
import BanenafspraakStorePostgres
import BanenafspraakStoreSQLite
import BanenafspraakTestSupport
import Foundation
import Testing

typealias Backend = StoreBackend

extension StoreBackend: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
    /// A new store, opened through the factory every command uses.
    func freshStore(_ label: String) throws -> (store: any ResultsStore, address: String) {
        let address = try freshAddress(label)
        return (try openResultsStore(url: address, create: true), address)
    }

    /// Sets the test seam that runs inside the write transaction.
    func setCheckpoint(_ store: any ResultsStore, _ checkpoint: (@Sendable (String) throws -> Void)?) {
        if let s = store as? SQLiteResultsStore { s.writeCheckpoint = checkpoint }
        if let s = store as? PostgresResultsStore { s.writeCheckpoint = checkpoint }
    }

    /// Marks the store as written by a newer version (schema `v99`).
    func markNewerSchema(_ address: String) throws {
        switch self {
        case .sqlite: try PostgresTestServer.sqlite(address, "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        case .postgres: try PostgresTestServer.psql(address, "INSERT INTO schema_migrations (identifier) VALUES ('v99')")
        }
    }

    /// Rows of tables other than `runs` that belong to any run but `keep`.
    func orphanRows(_ address: String, keeping keep: Int) throws -> Int {
        let tables = ["employers", "persons", "target_group_hours", "target_group_lines", "calendar_lines", "run_row_counts", "collaborations",
                      "run_rejection_counts", "run_rejection_sample", "run_files"]
        let sql = "SELECT " + tables.map { "(SELECT COUNT(*) FROM \($0) WHERE run_id <> \(keep))" }.joined(separator: " + ")
        switch self {
        case .sqlite: return Int(try PostgresTestServer.sqlite(address, sql).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        case .postgres: return Int(try PostgresTestServer.psql(address, sql).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
    }
}

import GRDB

extension PostgresTestServer {
    /// One statement on an SQLite store file, first column of the first row as text.
    @discardableResult
    static func sqlite(_ path: String, _ sql: String) throws -> String {
        try DatabaseQueue(path: path).write { db in
            if sql.uppercased().hasPrefix("SELECT") { return try String.fetchOne(db, sql: "SELECT CAST((\(sql)) AS TEXT)") ?? "" }
            try db.execute(sql: sql)
            return ""
        }
    }
}
