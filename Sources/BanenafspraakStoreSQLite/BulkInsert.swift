import GRDB
import GRDBSQLite

/// A prepared INSERT bound column by column with the SQLite C API: no per-row argument arrays, for the
/// millions of rows of a national run (target-group lines and hours, persons).
struct BulkInsert {
    private let statement: Statement
    private let db: Database
    private var column: Int32 = 0

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    mutating func int(_ v: Int64) {
        column += 1
        sqlite3_bind_int64(statement.sqliteStatement, column, v)
    }

    mutating func intOrNull(_ v: Int64?) {
        column += 1
        if let v { sqlite3_bind_int64(statement.sqliteStatement, column, v) } else { sqlite3_bind_null(statement.sqliteStatement, column) }
    }

    mutating func text(_ v: String) {
        column += 1
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        var v = v
        v.withUTF8 { bytes in
            if let base = bytes.baseAddress, bytes.count > 0 {
                _ = sqlite3_bind_text(statement.sqliteStatement, column, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                      Int32(bytes.count), transient)
            } else {
                _ = sqlite3_bind_text(statement.sqliteStatement, column, "", 0, transient)
            }
        }
    }

    mutating func textOrNull(_ v: String?) {
        if let v { text(v) } else {
            column += 1
            sqlite3_bind_null(statement.sqliteStatement, column)
        }
    }

    /// Inserts the bound row and starts the next.
    mutating func step() throws {
        column = 0
        let s = statement.sqliteStatement
        let rc = sqlite3_step(s)
        sqlite3_reset(s)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: db.lastErrorMessage, sql: statement.sql)
        }
    }
}
