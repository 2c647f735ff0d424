import Synchronization

/// A snapshot of a ``ResultCache``'s counters since it was opened.
public struct ResultCacheStatistics: Sendable, Equatable, CustomStringConvertible {
    /// Keys found by ``ResultCache/lookup(_:)`` calls that succeeded.
    public var hits: Int
    /// Keys not found by ``ResultCache/lookup(_:)`` calls that succeeded.
    /// (Keys of a lookup that failed with an SQLite error are counted in ``errors`` only.)
    public var misses: Int
    /// Entries committed to the database by the background writer.
    public var writes: Int
    /// SQLite errors swallowed by the cache: failed lookups, failed write batches, failed counts.
    public var errors: Int
    /// The part of ``errors`` from lookups (each failed lookup counts once, whatever its number of keys).
    public var readErrors: Int
    /// The part of ``errors`` from write batches (each failed batch counts once; its entries are in
    /// ``droppedWrites``).
    public var writeErrors: Int
    /// Entries accepted by ``ResultCache/store(_:)`` that are not committed yet.
    public var pendingWrites: Int
    /// Entries thrown away: stored after ``ResultCache/close()``, over the pending limit, or in a
    /// write batch that failed.
    public var droppedWrites: Int

    /// Creates a snapshot from its counters.
    public init(
        hits: Int = 0, misses: Int = 0, writes: Int = 0, errors: Int = 0, readErrors: Int = 0, writeErrors: Int = 0,
        pendingWrites: Int = 0, droppedWrites: Int = 0
    ) {
        self.hits = hits
        self.misses = misses
        self.writes = writes
        self.errors = errors
        self.readErrors = readErrors
        self.writeErrors = writeErrors
        self.pendingWrites = pendingWrites
        self.droppedWrites = droppedWrites
    }

    public var description: String {
        "hits=\(hits) misses=\(misses) writes=\(writes) errors=\(errors) (read \(readErrors), write \(writeErrors)) pending=\(pendingWrites) dropped=\(droppedWrites)"
    }
}

/// The live counters behind ``ResultCacheStatistics`` (lock-free, relaxed ordering).
final class ResultCacheCounters: Sendable {
    let hits = Atomic<Int>(0)
    let misses = Atomic<Int>(0)
    let writes = Atomic<Int>(0)
    let errors = Atomic<Int>(0)
    let readErrors = Atomic<Int>(0)
    let writeErrors = Atomic<Int>(0)
    let dropped = Atomic<Int>(0)
}

extension Atomic where Value == Int {
    /// Adds `amount` with relaxed ordering (the counters are statistics, not synchronisation).
    func bump(_ amount: Int = 1) {
        if amount != 0 { add(amount, ordering: .relaxed) }
    }

    /// The current value, relaxed.
    var relaxed: Int { load(ordering: .relaxed) }
}
