import BanenafspraakStore
import BanenafspraakStoreOpen
import BanenafspraakStorePostgres
import BanenafspraakStoreSQLite
import Foundation
import Testing

/// The throwaway PostgreSQL server of `scripts/postgres.sh` (CI always starts it): its URL comes from
/// `BANENAFSPRAAK_TEST_POSTGRES_URL` or `.postgres/url`. Without one, the PostgreSQL cases are skipped with a message.
enum PostgresTestServer {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let url: String? = {
        if let u = ProcessInfo.processInfo.environment["BANENAFSPRAAK_TEST_POSTGRES_URL"], !u.isEmpty { return u }
        let file = repositoryRoot.appendingPathComponent(".postgres/url").path
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let u = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return u.isEmpty ? nil : u
    }()

    static let skipMessage: Comment = "no PostgreSQL server configured: run scripts/postgres.sh start or set BANENAFSPRAAK_TEST_POSTGRES_URL"

    /// Runs `psql` on `url` (the tests' way to reach around the store: create databases, tamper with a schema).
    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["psql", url, "-v", "ON_ERROR_STOP=1", "-Atq", "-c", sql]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard p.terminationStatus == 0 else { throw StoreError(.io, "psql failed: \(text)") }
        return text
    }

    /// A new, empty database on the test server; returns its URL (with the password).
    static func freshDatabase(_ label: String) throws -> String {
        guard let url else { throw StoreError(.io, "no PostgreSQL test server") }
        let name = "t_\(label)_\(UUID().uuidString.prefix(8).lowercased())".replacingOccurrences(of: "-", with: "_")
        try psql(url, "CREATE DATABASE \(name)")
        let base = url[..<url.lastIndex(of: "/")!]
        return "\(base)/\(name)"
    }

    /// `scripts/postgres.sh down|up`: stops or starts the test server under an open store.
    static func server(_ action: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [repositoryRoot.appendingPathComponent("scripts/postgres.sh").path, action]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw StoreError(.io, "scripts/postgres.sh \(action) failed") }
    }

    /// The password in a URL, to check that no message shows it.
    static func password(of url: String) -> String? { URLComponents(string: url)?.password }
}

/// A store back-end the parameterised suite runs against.
enum Backend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// SQLite always; PostgreSQL when a test server is configured.
    static var configured: [Backend] { PostgresTestServer.url == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// The address (path or URL with password) of a new, empty store.
    func freshAddress(_ label: String) throws -> String {
        switch self {
        case .sqlite: return StoreTestSupport.temporaryPath(label)
        case .postgres: return try PostgresTestServer.freshDatabase(label)
        }
    }

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
        let tables = ["employers", "persons", "target_group_hours", "target_group_lines", "run_row_counts", "collaborations",
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
