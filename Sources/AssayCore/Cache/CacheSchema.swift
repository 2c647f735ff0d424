import CSQLite3
import Foundation

/// The on-disk layout of a result cache and the code that creates or checks it.
enum CacheSchema {
    /// Stored in `PRAGMA user_version`. Bump it when the table layout changes; old files are then
    /// rejected with ``ResultCacheError/incompatibleSchema(path:foundVersion:expectedVersion:detail:)``.
    static let version: Int32 = 1
    /// Stored in `PRAGMA application_id` ("ASSY") so another program's database with the same
    /// `user_version` is not mistaken for a cache.
    static let applicationID: Int32 = 0x4153_5359

    static let createTable = """
        CREATE TABLE cache(
            key BLOB PRIMARY KEY,
            value BLOB NOT NULL,
            created INTEGER
        ) WITHOUT ROWID
        """

    static let selectValue = "SELECT value FROM cache WHERE key = ?1"
    static let countRows = "SELECT count(*) FROM cache"
    static let insertOrReplace = "INSERT OR REPLACE INTO cache(key, value, created) VALUES (?1, ?2, ?3)"

    /// Creates the parent directory of `path` if needed.
    static func createParentDirectory(of path: String) throws(ResultCacheError) {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard !parent.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: path, reason: String(describing: error))
        }
    }

    /// Sets the writer connection's pragmas and creates or validates the schema.
    ///
    /// WAL with `synchronous=NORMAL`: a commit appends to the WAL without an fsync, so a killed
    /// process loses nothing that was committed and a power loss can lose only the last commits.
    /// Neither can corrupt the file.
    static func prepareWriter(_ db: SQLiteConnection) throws(ResultCacheError) {
        let path = db.path
        do {
            // The first statement that reads the file: this is where SQLITE_NOTADB shows up.
            let mode = try db.scalarText("PRAGMA journal_mode=WAL")
            guard mode?.lowercased() == "wal" else {
                throw SQLiteError(extendedCode: SQLITE_CANTOPEN, message: "journal_mode=WAL refused (got \(mode ?? "nil"))",
                                  context: "PRAGMA journal_mode=WAL")
            }
            try db.execute("PRAGMA synchronous=NORMAL")
            try db.execute("PRAGMA journal_size_limit=67108864")
            // Random 32-byte keys touch a different B-tree leaf per row; a 64 MiB page cache (allocated
            // only as used) keeps the writer's batches from spilling and re-reading pages. Measured:
            // 2.6 -> 1.2 s for 100k stores into a 100k-row table.
            try db.execute("PRAGMA cache_size=-65536")

            // IMMEDIATE: two processes opening a new file at once cannot both create the table.
            try db.execute("BEGIN IMMEDIATE")
            do {
                try createOrValidate(db)
                try db.execute("COMMIT")
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
        } catch let error as ResultCacheError {
            throw error
        } catch let error as SQLiteError {
            throw wrap(error, path: path)
        } catch {
            throw .sqlite(path: path, underlying: SQLiteError(extendedCode: SQLITE_ERROR, message: "\(error)", context: "open"))
        }
    }

    private static func createOrValidate(_ db: SQLiteConnection) throws {
        let found = Int32(truncatingIfNeeded: try db.scalarInt("PRAGMA user_version") ?? 0)
        let application = Int32(truncatingIfNeeded: try db.scalarInt("PRAGMA application_id") ?? 0)
        let objects = try db.scalarInt("SELECT count(*) FROM sqlite_schema") ?? 0

        if found == 0, application == 0, objects == 0 {
            try db.execute(createTable)
            try db.execute("PRAGMA application_id=\(applicationID)")
            try db.execute("PRAGMA user_version=\(version)")
            return
        }
        guard application == applicationID else {
            throw ResultCacheError.incompatibleSchema(
                path: db.path, foundVersion: found, expectedVersion: version,
                detail: "application_id is \(application), not a result cache")
        }
        guard found == version else {
            throw ResultCacheError.incompatibleSchema(
                path: db.path, foundVersion: found, expectedVersion: version,
                detail: "written by a \(found > version ? "newer" : "older") build")
        }
    }

    static func wrap(_ error: SQLiteError, path: String) -> ResultCacheError {
        error.isNotADatabase ? .notADatabase(path: path, underlying: error) : .sqlite(path: path, underlying: error)
    }
}
