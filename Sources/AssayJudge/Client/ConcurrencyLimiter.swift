import Synchronization

/// An asynchronous counting semaphore with deadlines: at most `limit` holders at once, waiters served in
/// arrival order, and a waiter whose deadline passes (or whose task is cancelled) gives up with `false`.
public final class ConcurrencyLimiter: Sendable {
    public let limit: Int

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var inUse = 0
        var peak = 0
        var nextID: UInt64 = 0
        var waiters: [Waiter] = []
    }

    private let state = Mutex(State())

    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Holders right now.
    public var inUse: Int { state.withLock { $0.inUse } }
    /// The most holders seen at once.
    public var peak: Int { state.withLock { $0.peak } }
    /// Tasks waiting for a slot.
    public var waiting: Int { state.withLock { $0.waiters.count } }

    /// Takes a slot, waiting at most until `deadline`; `false` when none came in time. Pair a `true` with ``release()``.
    public func acquire(until deadline: ContinuousClock.Instant) async -> Bool {
        let id: UInt64? = state.withLock { s in
            if s.inUse < limit {
                s.inUse += 1
                s.peak = max(s.peak, s.inUse)
                return nil
            }
            s.nextID += 1
            return s.nextID
        }
        guard let id else { return true }
        if ContinuousClock.now >= deadline { return false }
        let timer = Task { [weak self] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            self?.giveUp(id)
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let granted: Bool? = state.withLock { s in
                    // A cancellation or deadline that fired before this point found no waiter to wake.
                    if Task.isCancelled || ContinuousClock.now >= deadline { return false }
                    if s.inUse < limit {  // a slot came free before we queued
                        s.inUse += 1
                        s.peak = max(s.peak, s.inUse)
                        return true
                    }
                    s.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let granted { continuation.resume(returning: granted) }
            }
        } onCancel: {
            giveUp(id)
        }
    }

    /// Returns a slot: the longest waiter gets it, or it becomes free.
    public func release() {
        let next: CheckedContinuation<Bool, Never>? = state.withLock { s in
            if s.waiters.isEmpty {
                s.inUse -= 1
                return nil
            }
            return s.waiters.removeFirst().continuation  // the slot passes on; inUse stays
        }
        next?.resume(returning: true)
    }

    private func giveUp(_ id: UInt64) {
        let waiter: Waiter? = state.withLock { s in
            guard let index = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return s.waiters.remove(at: index)
        }
        waiter?.continuation.resume(returning: false)
    }
}
