import AssayCore

/// One scored rollout as the trainer needs it: the reward, its group-relative advantage, and the verdicts
/// of the components the progress line reports.
public struct RolloutReward: Sendable, Hashable {
    public var reward: Double
    public var advantage: Double
    public var status: ItemStatus
    /// Component name → verdict (`accuracy` → `correct`, `format` → `wrong`…).
    public var verdicts: [String: String]

    public init(reward: Double, advantage: Double, status: ItemStatus, verdicts: [String: String]) {
        self.reward = reward
        self.advantage = advantage
        self.status = status
        self.verdicts = verdicts
    }
}

/// Where the trainer's rewards come from: the engine in-process, or a running `assay serve` over HTTP.
/// Both receive the same batch (items with a `group` per prompt, `advantages` set) and return the same numbers.
public protocol RewardSource: Sendable {
    /// A short name for logs (`in-process`, `http://…`).
    var name: String { get }
    /// Scores `items` (request order kept) under `rule`, with advantages computed per `group` by `advantages`.
    func score(_ items: [ScoreItem], rule: String, advantages: AdvantageMode) async throws -> [RolloutReward]
}

/// A reward request that failed as a whole (unknown rule, server down, malformed answer).
public struct RewardSourceError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The engine called in-process: no serialisation, the reference for how an embedded trainer calls Assay.
public struct EngineRewardSource: RewardSource {
    public let engine: RewardEngine
    public var name: String { "in-process" }

    public init(engine: RewardEngine) { self.engine = engine }

    public func score(_ items: [ScoreItem], rule: String, advantages: AdvantageMode) async throws -> [RolloutReward] {
        let batch: BatchResult
        do { batch = try await engine.score(ScoreRequest(rule: rule, items: items, advantages: advantages)) } catch {
            throw RewardSourceError(error.description)
        }
        return batch.results.map { result in
            RolloutReward(
                reward: result.reward ?? 0, advantage: result.advantage ?? 0, status: result.status,
                verdicts: Dictionary(result.components.map { ($0.name, $0.result.verdict.rawValue) }, uniquingKeysWith: { a, _ in a }))
        }
    }
}
