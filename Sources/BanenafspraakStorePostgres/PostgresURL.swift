import BanenafspraakStore
import Foundation

/// A parsed `postgres://user:password@host:port/database` store address (results store: docs/contracts-internal.md). The password is kept only
/// to connect: ``location`` and every message use the address without it.
public struct PostgresURL: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// `sslmode=disable` (the default), `prefer` or `require`.
    public var sslMode: String

    /// The address without the password, e.g. `postgres://analyst@db.example:5432/banenafspraak`.
    public var location: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// `true` when `text` names a PostgreSQL store (`postgres://` or `postgresql://`), not a file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// The address with any password replaced by `***`, for a message about an address that did not parse.
    public static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return text }
        let userInfo = rest[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }

    /// Parses a store address; a malformed one is a ``StoreError`` of kind `.notAStore` that names what is wrong,
    /// the host and the database as far as they could be read, and never the password. An address without a
    /// password takes it from `environment["PGPASSWORD"]`, as PostgreSQL's own tools do, so that it need not
    /// appear on a command line (where every user of the machine can read it).
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let shown = Self.redacted(text)
        func fail(_ why: String) -> StoreError {
            StoreError(.notAStore, "malformed PostgreSQL store address \(shown): \(why) (expected postgres://user:password@host:port/database)")
        }
        guard Self.isPostgres(text) else { throw fail("it must begin with postgres://") }
        guard let c = URLComponents(string: text) else { throw fail("not a valid URL") }
        guard let host = c.host, !host.isEmpty else { throw fail("no host") }
        let database = String(c.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw fail("no database (host \(host)); add /database after the host and port")
        }
        guard let user = c.user, !user.isEmpty else { throw fail("no user (host \(host), database \(database))") }
        if let port = c.port, !(1...65535).contains(port) { throw fail("port \(port) out of range (host \(host), database \(database))") }
        var sslMode = "disable"
        for item in c.queryItems ?? [] {
            switch (item.name, item.value ?? "") {
            case ("sslmode", let v) where ["disable", "prefer", "require"].contains(v): sslMode = v
            case ("sslmode", let v): throw fail("sslmode \(v) is not disable, prefer or require (host \(host), database \(database))")
            default: throw fail("unknown option \(item.name) (host \(host), database \(database))")
            }
        }
        self.user = user
        self.password = c.password ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        self.host = host
        self.port = c.port ?? 5432
        self.database = database
        self.sslMode = sslMode
    }
}
