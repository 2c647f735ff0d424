import AssayCore
import Foundation
import Synchronization

/// What building a program produced: the binary, or the compiler's complaint.
public enum BuildOutcome: Sendable, Equatable {
    case built(Data)
    case failed(String)
}

/// Built programs by (build command, source), so each distinct program compiles once per process
/// however many items, tests and workers use it. Least recently used entries go first.
public final class BuildCache: Sendable {
    private struct State {
        var entries: [String: (outcome: BuildOutcome, bytes: Int, tick: Int)] = [:]
        var bytes = 0
        var tick = 0
        var hits = 0
        var misses = 0
    }

    private let state = Mutex(State())
    /// Byte budget for cached binaries and messages.
    public let capacityBytes: Int

    /// Creates a cache holding up to `capacityBytes` (default 256 MiB).
    public init(capacityBytes: Int = 256 << 20) {
        self.capacityBytes = capacityBytes
    }

    /// The key of `source` built by `language`.
    public static func key(language: CodeLanguage, source: String) -> String {
        let hasher = SHA256Hasher()
        hasher.update((language.build ?? []).joined(separator: "\u{0}"))
        hasher.update([0])
        hasher.update(source)
        return hasher.finalize().hex
    }

    /// The cached outcome for `key`, if any.
    public func lookup(_ key: String) -> BuildOutcome? {
        state.withLock { s in
            guard var entry = s.entries[key] else { s.misses += 1; return nil }
            s.hits += 1
            s.tick += 1
            entry.tick = s.tick
            s.entries[key] = entry
            return entry.outcome
        }
    }

    /// Stores `outcome` under `key`, evicting the least recently used entries beyond the budget.
    public func store(_ key: String, _ outcome: BuildOutcome) {
        let size: Int = switch outcome {
        case .built(let d): d.count
        case .failed(let m): m.utf8.count
        }
        guard size <= capacityBytes else { return }
        state.withLock { s in
            s.tick += 1
            if let old = s.entries[key] { s.bytes -= old.bytes }
            s.entries[key] = (outcome, size, s.tick)
            s.bytes += size
            while s.bytes > capacityBytes, let victim = s.entries.min(by: { $0.value.tick < $1.value.tick }) {
                s.bytes -= victim.value.bytes
                s.entries.removeValue(forKey: victim.key)
            }
        }
    }

    /// Lookups answered from the cache and lookups that were not.
    public var counts: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }
}
