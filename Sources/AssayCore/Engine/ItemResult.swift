/// One component's outcome inside an item's result.
public struct ComponentOutcome: Sendable, Hashable, Codable {
    public var name: String
    /// The verifier's result as it came back (score before the rule's score map).
    public var result: VerifierResult
    /// The score the rule counted for this component (after the score map and gates).
    public var score: Double
    public var weight: Double

    public init(name: String, result: VerifierResult, score: Double, weight: Double) {
        self.name = name
        self.result = result
        self.score = score
        self.weight = weight
    }
}

/// One item's reward and evidence, in request order.
public struct ItemResult: Sendable, Hashable {
    public var id: JSONValue
    public var group: JSONValue?
    /// The composed reward; `nil` only for `invalid` items (malformed, unrouted, or missing what a verifier needs).
    public var reward: Double?
    /// `ok`, or the most severe non-ok status of any component.
    public var status: ItemStatus
    public var components: [ComponentOutcome]
    /// The GRPO advantage when the request asked for one and the item has a group.
    public var advantage: Double?
    public var cached: Bool
    /// Wall time spent on this item (0 for cache hits).
    public var milliseconds: Double
    /// The rule that scored the item (differs from the request's rule when it routes by task).
    public var scoredBy: String?
    /// Why an item is `invalid` (field and message).
    public var error: String?

    public init(
        id: JSONValue, group: JSONValue?, reward: Double?, status: ItemStatus, components: [ComponentOutcome],
        advantage: Double? = nil, cached: Bool = false, milliseconds: Double = 0, scoredBy: String? = nil,
        error: String? = nil
    ) {
        self.id = id
        self.group = group
        self.reward = reward
        self.status = status
        self.components = components
        self.advantage = advantage
        self.cached = cached
        self.milliseconds = milliseconds
        self.scoredBy = scoredBy
        self.error = error
    }
}

/// Reward statistics of one GRPO group.
public struct GroupStatistics: Sendable, Hashable {
    public var count: Int
    public var mean: Double
    /// Sample standard deviation (n − 1), 0 for a single item.
    public var std: Double

    public init(count: Int, mean: Double, std: Double) {
        self.count = count
        self.mean = mean
        self.std = std
    }
}

/// The engine's answer for a batch.
public struct BatchResult: Sendable {
    public var results: [ItemResult]
    /// Keyed by the group's text form.
    public var groups: [String: GroupStatistics]
    public var ruleName: String
    public var ruleHash: String
    public var advantages: AdvantageMode
    public var elapsedMilliseconds: Double
    /// Cacheable items found in the cache, and cacheable items that had to be scored.
    public var cacheHits: Int = 0
    public var cacheMisses: Int = 0
}
