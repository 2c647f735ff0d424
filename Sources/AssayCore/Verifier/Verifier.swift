/// A verifier is a value: built once from a rule's params, then asked about many items concurrently.
///
/// Conformers validate their params in their initialiser (see ``VerifierParams``) and must be cheap to share
/// across tasks. `verify` must not throw for bad *input*: a malformed completion is a verdict, and a bound hit
/// is a result with status `limit`. Throwing is reserved for the verifier's own failures and becomes status `error`.
public protocol Verifier: Sendable {
    /// Registry name, as rules write it (`format`, `language`, `math`…).
    var name: String { get }
    /// Bumped whenever the verifier's judgement can change; part of every cache key.
    var version: String { get }
    /// Cheap verifiers are faster than a cache look-up, so `cache: auto` rules do not cache them.
    var cost: VerifierCost { get }
    /// The params as validated, in canonical form; part of the cache key.
    var canonicalParams: JSONValue { get }

    /// True when the verifier checks `input.deadline` itself and returns `timeout`/`limit` in time. Otherwise the
    /// engine races an expensive verifier against the deadline, which costs a task group per item (~40 µs).
    var honoursDeadline: Bool { get }

    func verify(_ input: VerificationInput) async throws -> VerifierResult
}

extension Verifier {
    public var honoursDeadline: Bool { false }
}

/// A coarse cost class that decides whether caching pays.
public enum VerifierCost: String, Sendable, Codable {
    /// Microseconds per item (regexes, counting).
    case cheap
    /// Parsing, solving, running processes.
    case expensive
    /// Waiting on another service (an LLM judge): cached like `expensive`, and the engine keeps many such items
    /// in flight (``EngineLimits/remoteConcurrency``) because the verifier's own limiter, not a core, bounds them.
    case remote

    /// Whether a result is worth a cache look-up.
    public var isWorthCaching: Bool { self != .cheap }
}

/// What a verifier sees of an item, with the budget it must respect.
public struct VerificationInput: Sendable {
    public var item: ScoreItem
    /// When the item's time budget ends; long-running verifiers check it and give up with `timeout`.
    public var deadline: ContinuousClock.Instant

    public init(item: ScoreItem, deadline: ContinuousClock.Instant) {
        self.item = item
        self.deadline = deadline
    }

    public var completion: String { item.completion }
    public var reference: JSONValue? { item.reference }
}
