import Foundation

/// Why a ``ResultCache`` could not be opened.
public enum ResultCacheError: Error, Sendable, CustomStringConvertible, LocalizedError {
    /// The parent directory of the cache file could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// The file exists but is not an SQLite database (`SQLITE_NOTADB`), for example a stray text file.
    case notADatabase(path: String, underlying: SQLiteError)
    /// The file is an SQLite database, but not a result cache of the schema version this build
    /// understands. Delete the file (it is only a cache) or point the cache at another path.
    case incompatibleSchema(path: String, foundVersion: Int32, expectedVersion: Int32, detail: String)
    /// Any other SQLite failure while opening (permissions, disk full, locked for too long, ...).
    case sqlite(path: String, underlying: SQLiteError)

    public var description: String {
        switch self {
        case let .cannotCreateDirectory(path, reason):
            "Result cache: cannot create the directory for \(path): \(reason)"
        case let .notADatabase(path, underlying):
            "Result cache: \(path) exists but is not an SQLite database (\(underlying.message)); "
                + "delete it or choose another cache path"
        case let .incompatibleSchema(path, found, expected, detail):
            "Result cache: \(path) has schema version \(found) but this build needs version \(expected) "
                + "(\(detail)); delete it or choose another cache path"
        case let .sqlite(path, underlying):
            "Result cache: cannot open \(path): \(underlying)"
        }
    }

    public var errorDescription: String? { description }

    /// Whether a program may go on without the cache after this error.
    ///
    /// `true` for failures of the environment (the directory cannot be created, the file or its filesystem is
    /// read-only, the disk is full, an I/O error): they may be transient or outside the operator's control, and
    /// a cache is only an optimisation, so `assay serve` warns and scores uncached rather than refuse to start.
    /// `false` when the path names a file that is not a result cache of this build: that is a configuration
    /// mistake that will not fix itself, and the file must not be touched.
    public var allowsRunningUncached: Bool {
        switch self {
        case .cannotCreateDirectory, .sqlite: true
        case .notADatabase, .incompatibleSchema: false
        }
    }
}
