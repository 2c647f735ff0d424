import Foundation

/// A persistent key-value cache of results, keyed by ``SHA256Digest``, in one SQLite file.
///
/// - Reads use a small pool of read-only connections, each with a persistent prepared statement.
///   A ``lookup(_:)`` of many keys runs in one read transaction and sees one consistent snapshot.
/// - Writes never block the caller: ``store(_:)`` queues the entries and one background writer
///   (a serial dispatch queue with the only read-write connection) commits everything pending in
///   batched `INSERT OR REPLACE` transactions, coalescing concurrent callers.
/// - The file uses WAL with `synchronous=NORMAL`. A killed process loses at most the entries that
///   were still pending; committed batches survive and the file is never left corrupt.
/// - A cache must never fail a request: after a successful `init`, SQLite errors (disk full, a file
///   made read-only, I/O errors) are swallowed, counted in ``statistics`` by operation, and reported
///   as misses (reads) or dropped entries (writes). The first failure of each operation is also
///   passed to the `warn` sink given to `init` (standard error by default), once, not per request.
///
/// ```swift
/// let cache = try ResultCache(path: "/var/cache/assay/results.sqlite")
/// let key = SHA256Digest.hash(requestBody)
/// if let hit = cache.lookup([key])[0] { return hit }
/// cache.store([(key, response)])
/// ```
///
/// The path must be a file on a local filesystem (WAL needs shared memory); `:memory:` is not
/// supported because every connection would see a different database.
public final class ResultCache: Sendable {
    /// The file the cache lives in.
    public let path: String

    private let readers: CacheReaderPool
    private let writeQueue: CacheWriteQueue
    private let counters: ResultCacheCounters
    private let warnings: CacheWarnings

    /// Opens the cache at `path`, creating the file and its parent directories if needed.
    ///
    /// - Parameters:
    ///   - path: the database file.
    ///   - readerCount: read-only connections in the pool: the number of lookups that can run at
    ///     once (others wait for a free connection). At least 1.
    ///   - maxPendingWrites: entries that may wait for the writer; a ``store(_:)`` that would go
    ///     over it is dropped (and counted) instead of growing memory without bound.
    ///   - warn: receives one line the first time a read, and the first time a write, fails after
    ///     `init`; `nil` writes it to standard error.
    /// - Throws: ``ResultCacheError/notADatabase(path:underlying:)`` if the file is not SQLite,
    ///   ``ResultCacheError/incompatibleSchema(path:foundVersion:expectedVersion:detail:)`` if it
    ///   is another program's database or another schema version, or another ``ResultCacheError``.
    public init(
        path: String, readerCount: Int = 2, maxPendingWrites: Int = 200_000, warn: (@Sendable (String) -> Void)? = nil
    ) throws {
        self.path = path
        try CacheSchema.createParentDirectory(of: path)
        let counters = ResultCacheCounters()
        self.counters = counters
        let warnings = CacheWarnings(path: path, sink: warn)
        self.warnings = warnings

        let writer: CacheWriter
        do {
            let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
            try CacheSchema.prepareWriter(connection)
            writer = try CacheWriter(connection: connection)
        } catch let error as SQLiteError {
            throw CacheSchema.wrap(error, path: path)
        }
        do {
            readers = try CacheReaderPool(path: path, count: readerCount)
        } catch {
            writer.close()
            throw CacheSchema.wrap(error, path: path)
        }
        writeQueue = CacheWriteQueue(writer: writer, counters: counters, warnings: warnings, maxPending: maxPendingWrites)
    }

    deinit {
        close()
    }

    /// Looks `keys` up in one read transaction and returns the values in the same order
    /// (`nil` for a miss).
    ///
    /// Only committed entries are visible: an entry passed to ``store(_:)`` shows up once the
    /// background writer has committed it (call ``flush()`` to wait for that). On any SQLite
    /// error, and after ``close()``, every result is `nil`; the error is counted in ``statistics``.
    /// Blocks while all pool connections are busy.
    public func lookup(_ keys: [SHA256Digest]) -> [Data?] {
        guard !keys.isEmpty else { return [] }
        do {
            guard let values = try readers.withReader({ reader throws(SQLiteError) in try reader.lookup(keys) }) else {
                return Array(repeating: nil, count: keys.count)
            }
            let hits = values.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
            counters.hits.bump(hits)
            counters.misses.bump(values.count - hits)
            return values
        } catch {
            readFailed(error)
            return Array(repeating: nil, count: keys.count)
        }
    }

    /// Looks one key up; see ``lookup(_:)``.
    public func lookup(_ key: SHA256Digest) -> Data? {
        lookup([key])[0]
    }

    /// Queues `entries` to be written and returns immediately.
    ///
    /// A later entry for the same key replaces the earlier one (`INSERT OR REPLACE`), in the order
    /// the entries were stored. Entries stored after ``close()`` or beyond `maxPendingWrites` are
    /// dropped and counted in ``ResultCacheStatistics/droppedWrites``.
    public func store(_ entries: [(SHA256Digest, Data)]) {
        writeQueue.enqueue(entries)
    }

    /// Queues one entry; see ``store(_:)``.
    public func store(_ key: SHA256Digest, _ value: Data) {
        writeQueue.enqueue([(key, value)])
    }

    /// Blocks until every entry stored before this call has been committed (or dropped because its
    /// batch failed). Use it in tests and before shutdown; do not call it on a hot path.
    public func flush() {
        writeQueue.flush()
    }

    /// A snapshot of the counters since the cache was opened.
    public var statistics: ResultCacheStatistics {
        ResultCacheStatistics(
            hits: counters.hits.relaxed,
            misses: counters.misses.relaxed,
            writes: counters.writes.relaxed,
            errors: counters.errors.relaxed,
            readErrors: counters.readErrors.relaxed,
            writeErrors: counters.writeErrors.relaxed,
            pendingWrites: writeQueue.pendingCount,
            droppedWrites: counters.dropped.relaxed)
    }

    /// The number of committed entries (pending ones are not counted). Returns 0 after ``close()``
    /// or on an SQLite error (which is counted).
    public func entryCount() -> Int {
        do {
            return try readers.withReader { reader throws(SQLiteError) in try reader.entryCount() } ?? 0
        } catch {
            readFailed(error)
            return 0
        }
    }

    private func readFailed(_ error: any Error) {
        counters.errors.bump()
        counters.readErrors.bump()
        warnings.report(.read, error)
    }

    /// Commits everything pending, then closes every connection (the writer last, after a WAL
    /// checkpoint). Later lookups return misses and later stores are dropped. Safe to call twice;
    /// `deinit` calls it too.
    public func close() {
        // Readers go first so the writer is the last connection: closing it folds the WAL back
        // into the main file. Lookups running now finish; their connections close at check-in.
        writeQueue.flush()
        readers.close()
        writeQueue.close()
    }
}
