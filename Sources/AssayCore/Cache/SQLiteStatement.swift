import CSQLite3
import Foundation

/// A compiled statement (`sqlite3_stmt*`) belonging to one ``SQLiteConnection``.
///
/// Parameter and column indexes follow SQLite: parameters start at 1, columns at 0.
/// Text and blobs are bound with `SQLITE_TRANSIENT`, so SQLite copies them and the Swift value
/// may go away after the call. The statement keeps its connection alive and is finalized when
/// released. Like its connection it must be used by one thread at a time.
public final class SQLiteStatement {
    private let statement: OpaquePointer
    /// The connection the statement was prepared on (kept alive by the statement).
    public let connection: SQLiteConnection
    /// The SQL text, used in error messages.
    public let sql: String

    init(statement: OpaquePointer, connection: SQLiteConnection, sql: String) {
        self.statement = statement
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(statement)
    }

    // MARK: Binding

    /// Binds UTF-8 text to parameter `index` (1-based).
    public func bind(text: String, at index: Int32) throws(SQLiteError) {
        var text = text
        let rc = text.withUTF8 { utf8 -> Int32 in
            guard let base = utf8.baseAddress, utf8.count > 0 else {
                // A nil pointer would bind SQL NULL; bind an empty string instead.
                return sqlite3_bind_text(statement, index, "", 0, assay_sqlite_transient())
            }
            return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: utf8.count) { chars in
                sqlite3_bind_text64(statement, index, chars, sqlite3_uint64(utf8.count),
                                    assay_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
        }
        try check(rc, "bind text #\(index)")
    }

    /// Binds a blob to parameter `index` (1-based). An empty buffer binds an empty blob, not NULL.
    public func bind(blob: UnsafeRawBufferPointer, at index: Int32) throws(SQLiteError) {
        let rc: Int32
        if let base = blob.baseAddress, blob.count > 0 {
            rc = sqlite3_bind_blob64(statement, index, base, sqlite3_uint64(blob.count), assay_sqlite_transient())
        } else {
            rc = sqlite3_bind_zeroblob(statement, index, 0)
        }
        try check(rc, "bind blob #\(index)")
    }

    /// Binds the bytes of `data` as a blob to parameter `index` (1-based).
    public func bind(blob data: Data, at index: Int32) throws(SQLiteError) {
        let rc: Int32 = data.withUnsafeBytes { raw in
            if let base = raw.baseAddress, raw.count > 0 {
                return sqlite3_bind_blob64(statement, index, base, sqlite3_uint64(raw.count), assay_sqlite_transient())
            }
            return sqlite3_bind_zeroblob(statement, index, 0)
        }
        try check(rc, "bind blob #\(index)")
    }

    /// Binds the 32 bytes of `digest` as a blob to parameter `index` (1-based).
    public func bind(blob digest: SHA256Digest, at index: Int32) throws(SQLiteError) {
        let rc = digest.withUnsafeBytes { raw in
            sqlite3_bind_blob(statement, index, raw.baseAddress, Int32(raw.count), assay_sqlite_transient())
        }
        try check(rc, "bind digest #\(index)")
    }

    /// Binds an integer to parameter `index` (1-based).
    public func bind(int64 value: Int64, at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_int64(statement, index, sqlite3_int64(value)), "bind int #\(index)")
    }

    /// Binds SQL NULL to parameter `index` (1-based).
    public func bindNull(at index: Int32) throws(SQLiteError) {
        try check(sqlite3_bind_null(statement, index), "bind null #\(index)")
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        sqlite3_clear_bindings(statement)
    }

    // MARK: Execution

    /// Advances the statement: `true` when a row is available, `false` when it is done.
    /// On error the statement is reset, so it can be reused right away.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(statement)
        switch rc {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            let error = connection.error(code: rc, context: sql)
            sqlite3_reset(statement)
            throw error
        }
    }

    /// Resets the statement so it can run again. Bindings are kept (see ``clearBindings()``).
    public func reset() {
        // sqlite3_reset repeats the last step's error code; that error was already reported by step().
        sqlite3_reset(statement)
    }

    /// Steps the statement to completion, ignoring rows, and resets it.
    public func run() throws(SQLiteError) {
        defer { sqlite3_reset(statement) }
        while try step() {}
    }

    // MARK: Columns

    /// The number of columns in the result.
    public var columnCount: Int32 { sqlite3_column_count(statement) }

    /// `true` if column `index` (0-based) of the current row is NULL.
    public func isNull(at index: Int32) -> Bool {
        sqlite3_column_type(statement, index) == SQLITE_NULL
    }

    /// Column `index` (0-based) of the current row as an integer.
    public func int64(at index: Int32) -> Int64 {
        Int64(sqlite3_column_int64(statement, index))
    }

    /// Column `index` (0-based) of the current row as text, or `nil` if it is NULL.
    public func text(at index: Int32) -> String? {
        guard let pointer = sqlite3_column_text(statement, index) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// Column `index` (0-based) of the current row as bytes, or `nil` if it is NULL.
    /// A zero-length blob gives empty `Data`.
    public func data(at index: Int32) -> Data? {
        if let pointer = sqlite3_column_blob(statement, index) {
            return Data(bytes: pointer, count: Int(sqlite3_column_bytes(statement, index)))
        }
        return isNull(at: index) ? nil : Data()
    }

    private func check(_ rc: Int32, _ context: @autoclosure () -> String) throws(SQLiteError) {
        if rc != SQLITE_OK {
            throw connection.error(code: rc, context: "\(context()) in \(sql)")
        }
    }
}
