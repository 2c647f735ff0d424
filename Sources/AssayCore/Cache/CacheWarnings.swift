import Foundation
import Synchronization

/// Reports the first failure of each kind of cache operation, once.
///
/// A cache never fails a request: when SQLite refuses a read or a write (disk full, read-only file, I/O
/// error), the request is scored without the cache and the error is counted in ``ResultCacheStatistics``.
/// An operator must still learn that the cache stopped working, but a warning per request would flood the
/// log under load, so each operation kind is reported the first time it fails and only counted afterwards.
final class CacheWarnings: Sendable {
    /// The operation that failed.
    enum Operation: String, Sendable, CaseIterable {
        case read
        case write
    }

    private let reported = Mutex<Set<Operation>>([])
    private let sink: @Sendable (String) -> Void
    private let path: String

    init(path: String, sink: (@Sendable (String) -> Void)?) {
        self.path = path
        self.sink = sink ?? CacheWarnings.standardError
    }

    /// Calls the sink with a warning if this is the first failure of `operation`; otherwise does nothing.
    func report(_ operation: Operation, _ error: any Error) {
        let first = reported.withLock { $0.insert(operation).inserted }
        guard first else { return }
        let effect = operation == .write ? "results are scored but not stored" : "lookups count as misses"
        sink(
            "warning: result cache \(path): \(operation.rawValue) failed (\(error)); scoring continues uncached, "
                + "\(effect); later \(operation.rawValue) errors are only counted (assay_cache_errors_total{op=\"\(operation.rawValue)\"})")
    }

    /// Writes a line to standard error.
    static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(("assay: " + line + "\n").utf8))
    }
}
