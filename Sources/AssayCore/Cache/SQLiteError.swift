import CSQLite3

/// An error reported by SQLite: the (extended) result code and the connection's `sqlite3_errmsg`.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary result code (`SQLITE_BUSY`, `SQLITE_NOTADB`, ...): the low 8 bits of ``extendedCode``.
    public var code: Int32 { extendedCode & 0xFF }
    /// The extended result code, for example `SQLITE_BUSY_SNAPSHOT`.
    public let extendedCode: Int32
    /// The message from `sqlite3_errmsg`, or `sqlite3_errstr` when no connection exists.
    public let message: String
    /// What was being done: the SQL text or the name of the operation.
    public let context: String

    /// Creates an error from its parts.
    public init(extendedCode: Int32, message: String, context: String) {
        self.extendedCode = extendedCode
        self.message = message
        self.context = context
    }

    /// Reads the current error of `db` (or the generic text for `code` when `db` is `nil`).
    init(code: Int32, db: OpaquePointer?, context: String) {
        if let db {
            let extended = sqlite3_extended_errcode(db)
            // The connection's error may already be cleared or be a different one; trust `code`.
            self.extendedCode = (extended & 0xFF) == (code & 0xFF) ? extended : code
            self.message = String(cString: sqlite3_errmsg(db))
        } else {
            self.extendedCode = code
            self.message = String(cString: sqlite3_errstr(code))
        }
        self.context = context
    }

    /// `true` when the file exists but is not an SQLite database (`SQLITE_NOTADB`).
    public var isNotADatabase: Bool { code == SQLITE_NOTADB }

    /// `true` for `SQLITE_BUSY` or `SQLITE_LOCKED`.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }

    public var description: String {
        "SQLite error \(extendedCode) (\(String(cString: sqlite3_errstr(extendedCode)))): \(message) [\(context)]"
    }
}
