import BanenafspraakStore
import BanenafspraakStorePostgres
import BanenafspraakStoreSQLite

/// Opens the results store named by `url` (results store: docs/contracts-internal.md): `postgres://user:password@host:port/database` (or
/// `postgresql://…`) opens the PostgreSQL store, anything else is the path of an SQLite file. With `create`, a
/// missing SQLite file or an empty PostgreSQL database becomes a new store; an older schema is migrated, a newer
/// one refused. Every failure is a ``StoreError`` whose message names the store and never a password.
/// `connectionWait` bounds how long a PostgreSQL request waits for a connection before it fails (a server that is
/// down or restarting); the SQLite store does not use it.
public func openResultsStore(url: String, create: Bool = false, connectionWait: Duration = .seconds(10)) throws -> any ResultsStore {
    if PostgresURL.isPostgres(url) {
        return try PostgresResultsStore(url: url, create: create, connectionWait: connectionWait)
    }
    return try SQLiteResultsStore(path: url, create: create)
}

/// `text` with the password of a `postgres://` address replaced by `***`; other text as it is. For anything
/// that echoes a `--store` argument (receipts, logs).
public func redactingStorePassword(_ text: String) -> String {
    PostgresURL.redacted(text)
}
