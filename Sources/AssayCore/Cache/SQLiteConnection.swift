import CSQLite3

/// A thin wrapper around one `sqlite3*` connection.
///
/// The connection is opened with `SQLITE_OPEN_NOMUTEX` (SQLite's multi-thread mode), so it and its
/// statements must not be used by two threads at the same time. Hand it from thread to thread
/// only under external synchronisation (a mutex or a serial queue); that is why the type is not
/// `Sendable`.
///
/// ```swift
/// let db = try SQLiteConnection(path: "/tmp/x.sqlite")
/// try db.execute("CREATE TABLE IF NOT EXISTS t(k INTEGER)")
/// let count = try db.prepare("SELECT count(*) FROM t")
/// _ = try count.step()
/// print(count.int64(at: 0))
/// ```
public final class SQLiteConnection {
    /// How to open a connection.
    public struct OpenMode: Sendable, Equatable {
        let flags: Int32

        /// Read and write, creating the file if it does not exist.
        public static let readWriteCreate = OpenMode(flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        /// Read and write an existing file.
        public static let readWrite = OpenMode(flags: SQLITE_OPEN_READWRITE)
        /// Read-only access to an existing file.
        public static let readOnly = OpenMode(flags: SQLITE_OPEN_READONLY)
    }

    /// The raw handle, for calls this wrapper does not cover. `nil` after ``close()``.
    public private(set) var handle: OpaquePointer?
    /// The path the connection was opened with.
    public let path: String

    /// Opens `path` with `mode` plus `SQLITE_OPEN_NOMUTEX` and extended result codes.
    ///
    /// SQLite opens files lazily, so a file that is not a database is only reported
    /// (as `SQLITE_NOTADB`) by the first statement that reads it.
    /// - Parameter busyTimeoutMilliseconds: how long a statement waits for a lock before `SQLITE_BUSY`.
    public init(path: String, mode: OpenMode = .readWriteCreate, busyTimeoutMilliseconds: Int32 = 5_000) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags = mode.flags | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let error = SQLiteError(code: rc, db: db, context: "open \(path)")
            sqlite3_close_v2(db)  // A handle is usually returned even on failure; it must be closed.
            throw error
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
    }

    deinit {
        close()
    }

    /// Closes the connection. Statements not yet finalized keep it alive as a zombie
    /// (`sqlite3_close_v2`) until they are released. Calling `close()` twice is harmless.
    public func close() {
        if let handle {
            sqlite3_close_v2(handle)
            self.handle = nil
        }
    }

    /// Runs one or more SQL statements that return no rows you need (`sqlite3_exec`).
    public func execute(_ sql: String) throws(SQLiteError) {
        let db = try openHandle(context: sql)
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(errorMessage)
            throw SQLiteError(extendedCode: sqlite3_extended_errcode(db), message: message, context: sql)
        }
    }

    /// Compiles one statement with `sqlite3_prepare_v3`.
    /// - Parameter persistent: pass `true` (`SQLITE_PREPARE_PERSISTENT`) for statements kept and
    ///   reused for the life of the connection.
    public func prepare(_ sql: String, persistent: Bool = false) throws(SQLiteError) -> SQLiteStatement {
        let db = try openHandle(context: sql)
        var statement: OpaquePointer?
        let flags: UInt32 = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let rc = sqlite3_prepare_v3(db, sql, -1, flags, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw SQLiteError(code: rc == SQLITE_OK ? SQLITE_MISUSE : rc, db: db, context: "prepare \(sql)")
        }
        return SQLiteStatement(statement: statement, connection: self, sql: sql)
    }

    /// Runs a query and returns the first column of the first row as text (`nil` for no row or NULL).
    /// Handy for `PRAGMA` statements such as `PRAGMA journal_mode=WAL` or `PRAGMA integrity_check`.
    public func scalarText(_ sql: String) throws(SQLiteError) -> String? {
        let statement = try prepare(sql)
        guard try statement.step() else { return nil }
        return statement.text(at: 0)
    }

    /// Runs a query and returns the first column of the first row as an integer (`nil` for no row).
    public func scalarInt(_ sql: String) throws(SQLiteError) -> Int64? {
        let statement = try prepare(sql)
        guard try statement.step() else { return nil }
        return statement.int64(at: 0)
    }

    /// `true` while no explicit transaction is open (`sqlite3_get_autocommit`).
    public var isAutocommit: Bool {
        handle.map { sqlite3_get_autocommit($0) != 0 } ?? true
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int {
        handle.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// The handle, or `SQLITE_MISUSE` if the connection was closed.
    func openHandle(context: String) throws(SQLiteError) -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(extendedCode: SQLITE_MISUSE, message: "connection is closed", context: context)
        }
        return handle
    }

    /// An error built from the connection's current state.
    func error(code: Int32, context: String) -> SQLiteError {
        SQLiteError(code: code, db: handle, context: context)
    }
}
