import Synchronization

/// Counts the scoring requests each client address has in flight, so one client cannot take every engine slot.
///
/// ``acquire(_:)`` refuses past ``limit``; every successful acquire is paired with one ``release(_:)``. A limit of
/// 0 or less admits everything.
public final class ClientConcurrencyLimiter: Sendable {
    /// Requests one client address may have in flight at once.
    public let limit: Int
    private let counts = Mutex<[String: Int]>([:])

    /// A limiter admitting `limit` requests per client (0 or less: no limit).
    public init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot for `client`; `false` (nothing taken) when it already holds ``limit``.
    public func acquire(_ client: String) -> Bool {
        guard limit > 0 else { return true }
        return counts.withLock { map in
            let held = map[client, default: 0]
            guard held < limit else { return false }
            map[client] = held + 1
            return true
        }
    }

    /// Gives back a slot taken by ``acquire(_:)``.
    public func release(_ client: String) {
        guard limit > 0 else { return }
        counts.withLock { map in
            let held = map[client, default: 0]
            map[client] = held > 1 ? held - 1 : nil
        }
    }

    /// Requests `client` has in flight.
    public func inFlight(_ client: String) -> Int { counts.withLock { $0[client, default: 0] } }
}
