import BanenafspraakStore
import Foundation

// What the store and server test suites share: the PostgreSQL test server and the list of back-ends to run on.

/// The throwaway PostgreSQL server of `scripts/postgres.sh` (CI always starts it): its URL comes from
/// `BANENAFSPRAAK_TEST_POSTGRES_URL` or `.postgres/url`. Without one, the PostgreSQL cases are skipped with a message.
public enum PostgresTestServer {
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static let url: String? = {
        if let u = ProcessInfo.processInfo.environment["BANENAFSPRAAK_TEST_POSTGRES_URL"], !u.isEmpty { return u }
        let file = repositoryRoot.appendingPathComponent(".postgres/url").path
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let u = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return u.isEmpty ? nil : u
    }()

    public static let skipMessage = "no PostgreSQL server configured: run scripts/postgres.sh start or set BANENAFSPRAAK_TEST_POSTGRES_URL"

    /// Runs `psql` on `url` (the tests' way to reach around the store: create databases, tamper with a schema).
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
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
    public static func freshDatabase(_ label: String) throws -> String {
        guard let url else { throw StoreError(.io, "no PostgreSQL test server") }
        let name = "t_\(label)_\(UUID().uuidString.prefix(8).lowercased())".replacingOccurrences(of: "-", with: "_")
        try psql(url, "CREATE DATABASE \(name)")
        let base = url[..<url.lastIndex(of: "/")!]
        return "\(base)/\(name)"
    }

    /// `scripts/postgres.sh ACTION [CLUSTER]`: its standard output (the URL for `start`).
    @discardableResult
    public static func server(_ action: String, cluster: String? = nil) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [repositoryRoot.appendingPathComponent("scripts/postgres.sh").path, action] + (cluster.map { [$0] } ?? [])
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw StoreError(.io, "scripts/postgres.sh \(action) \(cluster ?? "") failed") }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `body` with the URL of a cluster of its own (`.postgres-NAME/`), which it may stop and start; the
    /// cluster is deleted afterwards. The tests on the shared cluster are not disturbed.
    public static func withPrivateCluster<T>(_ name: String, _ body: (String) async throws -> T) async throws -> T {
        let url = try server("start", cluster: name)
        defer { _ = try? server("stop", cluster: name) }
        return try await body(url)
    }

    /// The password in a URL, to check that no message shows it.
    public static func password(of url: String) -> String? { URLComponents(string: url)?.password }
}

/// A store back-end a parameterised suite runs against.
public enum StoreBackend: String, Sendable, CaseIterable {
    case sqlite, postgres

    /// SQLite always; PostgreSQL when a test server is configured.
    public static var configured: [StoreBackend] { PostgresTestServer.url == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// The address (path, or URL with password) of a new, empty store.
    public func freshAddress(_ label: String) throws -> String {
        switch self {
        case .sqlite:
            return FileManager.default.temporaryDirectory.appendingPathComponent("banenafspraak-store-\(label)-\(UUID().uuidString).sqlite").path
        case .postgres: return try PostgresTestServer.freshDatabase(label)
        }
    }
}
