import Foundation
import Synchronization

/// Scores batches of completions under a rule, concurrently and with each item isolated.
///
/// The server, the CLI, the benchmark and the trainer all call this same engine in-process.
/// A bad item (malformed, over a limit, a verifier failure, a timeout) is that item's `status`; the batch always completes.
public final class RewardEngine: Sendable {
    public let rules: RuleSet
    public let limits: EngineLimits
    public let cache: ResultCache?

    public init(rules: RuleSet, limits: EngineLimits = EngineLimits(), cache: ResultCache? = nil) {
        self.rules = rules
        self.limits = limits
        self.cache = cache
    }

    /// Thrown only for what fails the whole request: an unknown rule.
    public struct UnknownRule: Error, Sendable, CustomStringConvertible {
        public var name: String
        public var known: [String]
        public init(name: String, known: [String]) {
            self.name = name
            self.known = known
        }
        public var description: String { "unknown rule \"\(name)\" (known: \(known.joined(separator: ", ")))" }
    }

    /// Scores a batch; results keep request order.
    public func score(_ request: ScoreRequest) async throws(UnknownRule) -> BatchResult {
        guard let rule = rules[request.rule] else { throw UnknownRule(name: request.rule, known: rules.names) }
        let clock = ContinuousClock()
        let start = clock.now
        let batchDeadline = start.advanced(by: limits.batchTimeout)

        var results = [ItemResult?](repeating: nil, count: request.items.count)
        var pending: [PendingItem] = []
        pending.reserveCapacity(request.items.count)

        // 1. Reject what cannot be scored; find each item's effective rule.
        for (index, slot) in request.items.enumerated() {
            switch slot {
            case .invalid(let id, let field, let message):
                results[index] = ItemResult(
                    id: id, group: nil, reward: nil, status: .invalid, components: [], error: "\(field): \(message)")
            case .item(let item):
                guard let effective = rules.resolve(rule, task: item.task) else {
                    results[index] = ItemResult(
                        id: item.id, group: item.group, reward: nil, status: .invalid, components: [],
                        error: "task: rule \"\(rule.name)\" has no route for task \"\(item.task ?? "(none)")\" and no default")
                    continue
                }
                let cap = effective.maxCompletionBytes ?? limits.maxCompletionBytes
                if item.completion.utf8.count > cap {
                    results[index] = Self.overLimit(item, rule: effective, cap: cap)
                    continue
                }
                pending.append(PendingItem(index: index, item: item, rule: effective, key: nil))
            }
        }

        // 2. Cache look-up for rules worth caching.
        if let cache {
            var keyed: [Int] = []
            for (i, p) in pending.enumerated() where Self.isCached(p.rule) {
                pending[i].key = ItemCacheKey.make(rule: p.rule, item: p.item)
                keyed.append(i)
            }
            if !keyed.isEmpty {
                let found = cache.lookup(keyed.map { pending[$0].key! })
                for (slot, data) in zip(keyed, found) {
                    guard let data, let outcome = CachedOutcome.decode(data) else { continue }
                    let p = pending[slot]
                    results[p.index] = ItemResult(
                        id: p.item.id, group: p.item.group, reward: outcome.reward, status: outcome.status,
                        components: outcome.components, cached: true, scoredBy: p.rule.name)
                }
            }
        }
        let misses = pending.filter { results[$0.index] == nil }
        let cacheMisses = misses.count(where: { $0.key != nil })
        let cacheHits = pending.count(where: { $0.key != nil }) - cacheMisses

        // 3. Score the misses on `concurrency` workers.
        let scored = await scoreConcurrently(misses, batchDeadline: batchDeadline)
        var toStore: [(SHA256Digest, Data)] = []
        for (p, result) in zip(misses, scored) {
            results[p.index] = result
            if let key = p.key, result.status == .ok, let reward = result.reward,
                let data = CachedOutcome(reward: reward, status: result.status, components: result.components).encoded()
            {
                toStore.append((key, data))
            }
        }
        if let cache, !toStore.isEmpty { cache.store(toStore) }

        var final = results.map { $0! }
        let groups = GroupAdvantages.apply(request.advantages, to: &final)
        let elapsed = start.duration(to: clock.now)
        return BatchResult(
            results: final, groups: groups, ruleName: rule.name, ruleHash: rule.hash, advantages: request.advantages,
            elapsedMilliseconds: elapsed.milliseconds, cacheHits: cacheHits, cacheMisses: cacheMisses)
    }

    /// Scores one item outside a batch (CLI one-off grading).
    public func score(item: ScoreItem, rule: String) async throws(UnknownRule) -> ItemResult {
        try await score(ScoreRequest(rule: rule, items: [item])).results[0]
    }

    struct PendingItem: Sendable {
        var index: Int
        var item: ScoreItem
        var rule: Rule
        var key: SHA256Digest?
    }

    /// Whether results of `rule` go through the cache (its policy, and for `auto` whether any verifier is expensive).
    public static func isCached(_ rule: Rule) -> Bool {
        switch rule.cache {
        case .never: false
        case .always: true
        case .auto: rule.anyVerifier { $0.cost.isWorthCaching }
        }
    }

    private func scoreConcurrently(_ items: [PendingItem], batchDeadline: ContinuousClock.Instant) async -> [ItemResult] {
        guard !items.isEmpty else { return [] }
        let next = WorkCounter()
        let remote = items.contains { $0.rule.isRemote }
        let workers = min(remote ? limits.remoteConcurrency : limits.concurrency, items.count)
        let itemTimeout = limits.itemTimeout
        return await withTaskGroup(of: [(Int, ItemResult)].self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var done: [(Int, ItemResult)] = []
                    while true {
                        let i = next.take()
                        guard i < items.count else { break }
                        let p = items[i]
                        let now = ContinuousClock.now
                        if now >= batchDeadline {
                            done.append((i, Self.timedOut(p.item, rule: p.rule, message: "batch time budget exhausted before this item started")))
                            continue
                        }
                        let deadline = min(now.advanced(by: itemTimeout), batchDeadline)
                        done.append((i, await ItemScorer.score(p.item, rule: p.rule, deadline: deadline)))
                    }
                    return done
                }
            }
            var ordered = [ItemResult?](repeating: nil, count: items.count)
            for await chunk in group {
                for (i, result) in chunk { ordered[i] = result }
            }
            return ordered.map { $0! }
        }
    }

    static func overLimit(_ item: ScoreItem, rule: Rule, cap: Int) -> ItemResult {
        let message = "completion is \(item.completion.utf8.count) bytes; the limit is \(cap)"
        return failedItem(item, rule: rule, status: .limit, message: message)
    }

    static func timedOut(_ item: ScoreItem, rule: Rule, message: String) -> ItemResult {
        failedItem(item, rule: rule, status: .timeout, message: message)
    }

    static func failedItem(_ item: ScoreItem, rule: Rule, status: ItemStatus, message: String) -> ItemResult {
        let failure = VerifierResult.failure(status, message)
        let components = rule.components.map {
            ComponentOutcome(name: $0.name, result: failure, score: $0.mappedScore(failure), weight: $0.weight)
        }
        let reward = components.reduce(0) { $0 + $1.weight * $1.score }
        return ItemResult(
            id: item.id, group: item.group, reward: reward, status: status, components: components, scoredBy: rule.name)
    }
}

extension Duration {
    /// The duration in milliseconds, as a Double.
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}

/// Hands out item indices to the engine's workers.
final class WorkCounter: Sendable {
    private let value = Atomic<Int>(0)
    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
