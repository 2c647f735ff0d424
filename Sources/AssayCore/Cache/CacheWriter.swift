import Dispatch
import Foundation
import Synchronization

/// The single read-write connection and its persistent statements.
///
/// Only used inside ``CacheWriteQueue``'s `Mutex`, on its serial dispatch queue.
final class CacheWriter {
    let connection: SQLiteConnection
    private let begin: SQLiteStatement
    private let commit: SQLiteStatement
    private let rollback: SQLiteStatement
    private let insert: SQLiteStatement

    /// Takes over a connection whose schema ``CacheSchema/prepareWriter(_:)`` already checked.
    init(connection: SQLiteConnection) throws(SQLiteError) {
        self.connection = connection
        begin = try connection.prepare("BEGIN IMMEDIATE", persistent: true)
        commit = try connection.prepare("COMMIT", persistent: true)
        rollback = try connection.prepare("ROLLBACK", persistent: true)
        insert = try connection.prepare(CacheSchema.insertOrReplace, persistent: true)
    }

    /// Writes `batch` in one transaction: all of it is committed, or (on error) none of it.
    func write(_ batch: ArraySlice<(SHA256Digest, Data)>) throws(SQLiteError) {
        let created = Int64(Date().timeIntervalSince1970)
        try begin.run()
        do {
            for (key, value) in batch {
                try insert.bind(blob: key, at: 1)
                try insert.bind(blob: value, at: 2)
                try insert.bind(int64: created, at: 3)
                try insert.run()
            }
            insert.clearBindings()  // Do not keep a copy of the last value alive.
            try commit.run()
        } catch {
            insert.reset()
            if !connection.isAutocommit { try? rollback.run() }
            throw error
        }
    }

    /// Checkpoints the WAL into the main file and closes the connection.
    func close() {
        _ = try? connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
    }
}

/// Pending entries plus the serial queue that commits them in batches.
///
/// `store` appends to `pending` under a `Mutex` and, if no drain is queued, queues one. A drain
/// takes everything pending (up to ``maxBatch``) into one transaction and repeats until nothing
/// is left, so callers that store while a batch is being written are coalesced into the next one.
/// This object never refers to the ``ResultCache`` that owns it, so the cache's `deinit` can never
/// run on the writer queue (where its `close()` would wait on itself).
final class CacheWriteQueue: Sendable {
    private struct Pending {
        var entries: [(SHA256Digest, Data)] = []
        var inFlight = 0
        var drainQueued = false
        var closed = false
    }

    /// The largest number of entries in one transaction. Larger batches write each touched page to
    /// the WAL once instead of once per batch (4,096 -> 32,768 measured 2.7 -> 1.2 s per 100k
    /// random-key stores); the cap keeps one transaction's write lock and dirty pages bounded.
    static let maxBatch = 32_768
    /// Also end a batch once its values reach 8 MiB, so large values keep transactions short.
    static let maxBatchBytes = 8 << 20

    private let pending = Mutex(Pending())
    // `CacheWriter` is not Sendable; it lives inside the Mutex and is only used within `withLock`.
    private let writer: Mutex<CacheWriter?>
    private let queue = DispatchQueue(label: "assay.result-cache.writer", qos: .utility)
    private let counters: ResultCacheCounters
    private let warnings: CacheWarnings
    private let maxPending: Int

    init(writer: sending CacheWriter, counters: ResultCacheCounters, warnings: CacheWarnings, maxPending: Int) {
        self.writer = Mutex(writer)
        self.counters = counters
        self.warnings = warnings
        self.maxPending = maxPending
    }

    /// Entries accepted and not committed yet.
    var pendingCount: Int {
        pending.withLock { $0.entries.count + $0.inFlight }
    }

    /// Queues `entries` for the background writer and returns at once.
    func enqueue(_ entries: [(SHA256Digest, Data)]) {
        guard !entries.isEmpty else { return }
        let maxPending = self.maxPending
        let (accepted, scheduleDrain) = pending.withLock { state -> (Bool, Bool) in
            guard !state.closed, state.entries.count + state.inFlight + entries.count <= maxPending else {
                return (false, false)
            }
            state.entries.append(contentsOf: entries)
            if state.drainQueued { return (true, false) }
            state.drainQueued = true
            return (true, true)
        }
        if !accepted {
            counters.dropped.bump(entries.count)
        } else if scheduleDrain {
            queue.async { self.drain() }
        }
    }

    /// Blocks until everything enqueued before the call is committed (or dropped on error).
    func flush() {
        queue.sync { drain() }
    }

    /// Refuses new entries, commits the pending ones, then checkpoints and closes the writer.
    /// Returns `false` if it was already closed.
    @discardableResult
    func close() -> Bool {
        let first = pending.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        guard first else { return false }
        queue.sync {
            drain()
            writer.withLock { writer in
                writer?.close()
                writer = nil
            }
        }
        return true
    }

    /// Runs on `queue` only.
    private func drain() {
        while true {
            let taken = pending.withLock { state -> [(SHA256Digest, Data)]? in
                guard !state.entries.isEmpty else {
                    state.drainQueued = false
                    return nil
                }
                var taken: [(SHA256Digest, Data)] = []
                swap(&taken, &state.entries)
                state.inFlight = taken.count
                return taken
            }
            guard let taken else { return }
            var start = 0
            while start < taken.count {
                var end = start, bytes = 0
                while end < taken.count, end - start < Self.maxBatch, bytes < Self.maxBatchBytes {
                    bytes += taken[end].1.count + SHA256Digest.byteCount
                    end += 1
                }
                let batch = taken[start..<end]
                // nil: written; otherwise why not (a closed writer is not an SQLite error).
                let failure = writer.withLock { writer -> (any Error)?? in
                    guard let writer else { return .some(nil) }
                    do {
                        try writer.write(batch)
                        return nil
                    } catch {
                        return .some(error)
                    }
                }
                switch failure {
                case .none:
                    counters.writes.bump(batch.count)
                case .some(let error):
                    if let error {
                        counters.errors.bump()
                        counters.writeErrors.bump()
                        warnings.report(.write, error)
                    }
                    counters.dropped.bump(batch.count)
                }
                pending.withLock { $0.inFlight -= batch.count }
                start = end
            }
        }
    }
}
