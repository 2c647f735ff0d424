import Dispatch
import Foundation
import Synchronization

/// One read-only connection with its persistent statements.
///
/// `@unchecked Sendable` is justified: the connection is only touched by the thread that checked
/// it out of ``CacheReaderPool``, and checkout/checkin go through the pool's `Mutex`, which
/// orders one user's accesses before the next user's. It is never used by two threads at once.
final class CacheReader: @unchecked Sendable {
    let connection: SQLiteConnection
    private let begin: SQLiteStatement
    private let commit: SQLiteStatement
    private let rollback: SQLiteStatement
    private let select: SQLiteStatement
    private let count: SQLiteStatement

    init(path: String) throws(SQLiteError) {
        connection = try SQLiteConnection(path: path, mode: .readOnly)
        begin = try connection.prepare("BEGIN DEFERRED", persistent: true)
        commit = try connection.prepare("COMMIT", persistent: true)
        rollback = try connection.prepare("ROLLBACK", persistent: true)
        select = try connection.prepare(CacheSchema.selectValue, persistent: true)
        count = try connection.prepare(CacheSchema.countRows, persistent: true)
    }

    /// Looks every key up inside one read transaction (one consistent snapshot).
    func lookup(_ keys: [SHA256Digest]) throws(SQLiteError) -> [Data?] {
        try inReadTransaction { () throws(SQLiteError) -> [Data?] in
            var results = [Data?]()
            results.reserveCapacity(keys.count)
            for key in keys {
                try select.bind(blob: key, at: 1)
                let found = try select.step()
                results.append(found ? select.data(at: 0) : nil)
                select.reset()
            }
            return results
        }
    }

    /// The number of committed rows.
    func entryCount() throws(SQLiteError) -> Int {
        defer { count.reset() }
        guard try count.step() else { return 0 }
        return Int(count.int64(at: 0))
    }

    private func inReadTransaction<T>(_ body: () throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        try begin.run()
        do {
            let result = try body()
            try commit.run()
            return result
        } catch {
            select.reset()
            if !connection.isAutocommit { try? rollback.run() }
            throw error
        }
    }
}

/// A fixed set of read-only connections. A thread checks one out, uses it alone, and checks it in.
///
/// The semaphore counts free connections, so at most `readerCount` lookups run at once and the
/// rest wait (a lookup is short: one read transaction of prepared-statement steps). The `Mutex`
/// guards the list itself.
final class CacheReaderPool: Sendable {
    private struct State {
        var idle: [CacheReader]
        var closed = false
    }

    private let state: Mutex<State>
    private let available: DispatchSemaphore

    init(path: String, count: Int) throws(SQLiteError) {
        var readers: [CacheReader] = []
        for _ in 0..<max(1, count) {
            readers.append(try CacheReader(path: path))
        }
        available = DispatchSemaphore(value: readers.count)
        state = Mutex(State(idle: readers))
    }

    /// Runs `body` with a reader of its own; returns `nil` without calling it once the pool is closed.
    func withReader<T>(_ body: (CacheReader) throws(SQLiteError) -> T) throws(SQLiteError) -> T? {
        available.wait()
        let reader = state.withLock { state -> CacheReader? in
            state.closed ? nil : state.idle.popLast()
        }
        guard let reader else {
            available.signal()
            return nil
        }
        defer { checkIn(reader) }
        return try body(reader)
    }

    private func checkIn(_ reader: CacheReader) {
        let closeNow = state.withLock { state -> Bool in
            if state.closed { return true }
            state.idle.append(reader)
            return false
        }
        if closeNow { reader.connection.close() }
        available.signal()
    }

    /// Closes idle connections now and the checked-out ones when they come back.
    func close() {
        let idle = state.withLock { state -> [CacheReader] in
            state.closed = true
            defer { state.idle.removeAll() }
            return state.idle
        }
        for reader in idle { reader.connection.close() }
    }
}
