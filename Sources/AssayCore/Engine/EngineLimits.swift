import Foundation

/// Bounds that keep one item (or one batch) from taking the engine down. Each is configurable from the CLI.
public struct EngineLimits: Sendable, Equatable {
    /// A completion longer than this (UTF-8 bytes) is not scored: its status is `limit`.
    public var maxCompletionBytes: Int
    /// Each item's time budget, passed to verifiers as a deadline.
    public var itemTimeout: Duration
    /// The whole batch's budget: items not started by then come back `timeout`, so a request always ends.
    public var batchTimeout: Duration
    /// How many items are scored at once (defaults to the number of cores).
    public var concurrency: Int
    /// How many items are in flight at once when their rule waits on another service (an LLM judge); that
    /// service's own limiter bounds the calls, this only bounds the engine's open tasks.
    public var remoteConcurrency: Int

    public init(
        maxCompletionBytes: Int = 1 << 20, itemTimeout: Duration = .seconds(30), batchTimeout: Duration = .seconds(300),
        concurrency: Int = EngineLimits.defaultConcurrency, remoteConcurrency: Int = 512
    ) {
        self.maxCompletionBytes = maxCompletionBytes
        self.itemTimeout = itemTimeout
        self.batchTimeout = batchTimeout
        self.concurrency = max(1, concurrency)
        self.remoteConcurrency = max(self.concurrency, remoteConcurrency)
    }

    public static var defaultConcurrency: Int { max(1, SystemInfo.activeProcessorCount) }
}

/// Host facts the engine sizes itself by.
public enum SystemInfo {
    /// Cores this process may use (Foundation accounts for affinity masks).
    public static var activeProcessorCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
