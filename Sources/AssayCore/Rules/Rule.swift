/// A reward recipe: verifiers composed by weights, score maps and gates, and optionally routes that send
/// items of some `task`s to other rules.
public struct Rule: Sendable {
    public var name: String
    public var description: String
    /// SHA-256 (hex) of the rule's canonical content, plus its route targets' hashes for a router.
    /// Goes into every response and every cache key, so a changed rule never serves stale results.
    public var hash: String
    /// Where the rule came from (file path), for messages.
    public var source: String
    /// The components that score items no route takes (empty for a pure router).
    public var components: [RuleComponent]
    /// task → rule name.
    public var routes: [String: String]
    /// For a pure router: the rule for items whose task has no route (or no task).
    public var fallback: String?
    public var cache: RuleCachePolicy
    /// Overrides the engine's completion size cap for this rule.
    public var maxCompletionBytes: Int?

    /// Whether any verifier the components may run, fallbacks included, satisfies `predicate`.
    public func anyVerifier(_ predicate: (any Verifier) -> Bool) -> Bool {
        components.contains { predicate($0.verifier) || $0.fallback.map { predicate($0.verifier) } == true }
    }

    /// Whether some verifier waits on another service (the engine then keeps more items in flight).
    public var isRemote: Bool { anyVerifier { $0.cost == .remote } }

    /// Whether the rule sends some items elsewhere.
    public var isRouter: Bool { !routes.isEmpty || fallback != nil }

    /// Route targets in a stable order, the fallback last as `default`.
    public var routeList: [(task: String, rule: String)] {
        var list = routes.sorted { $0.key < $1.key }.map { (task: $0.key, rule: $0.value) }
        if let fallback { list.append((task: "default", rule: fallback)) }
        return list
    }
}

/// One term of a rule's reward: `weight × score`, where the score comes from the verifier
/// or from the score map by verdict.
public struct RuleComponent: Sendable {
    public var name: String
    public var verifier: any Verifier
    public var weight: Double
    /// verdict → score, replacing the verifier's own score (e.g. `correct: 1, wrong: -1, no_answer: 0`).
    public var scores: [Verdict: Double]
    public var gate: RuleGate?
    /// The score this component contributes when its gate did not pass.
    public var gatedScore: Double
    /// A second verifier asked when the first one's verdict is one of ``RuleFallback/verdicts``.
    public var fallback: RuleFallback?
    /// Rescale so that blind guessing earns 0 in expectation when the item's answer space is small and known
    /// (``AnswerSpace``): a correct answer scores as mapped, `wrong` and `unparsable` −correct/(k − 1); other
    /// verdicts (`no_answer`, abstaining) keep their mapped score.
    public var chanceCorrection: Bool

    public init(
        name: String, verifier: any Verifier, weight: Double = 1, scores: [Verdict: Double] = [:], gate: RuleGate? = nil,
        gatedScore: Double = 0, fallback: RuleFallback? = nil, chanceCorrection: Bool = false
    ) {
        self.name = name
        self.verifier = verifier
        self.weight = weight
        self.scores = scores
        self.gate = gate
        self.gatedScore = gatedScore
        self.fallback = fallback
        self.chanceCorrection = chanceCorrection
    }

    /// The score this component contributes for a verifier result.
    public func mappedScore(_ result: VerifierResult) -> Double {
        scores[result.verdict] ?? result.score
    }

    /// The score for a result on `reference`, with chance correction when it applies: only for answers the
    /// verifier judged (`ok` status), and only when the answer space is known.
    public func mappedScore(_ result: VerifierResult, reference: JSONValue?) -> Double {
        guard chanceCorrection, result.status == .ok, result.verdict == .wrong || result.verdict == .unparsable,
            let k = AnswerSpace.size(of: reference)
        else {
            return mappedScore(result)
        }
        return AnswerSpace.wrongScore(correct: scores[.correct] ?? 1, k: k)
    }
}

/// "Use this verifier when the component's own cannot decide": e.g. `math`, then `judge` for `unparsable`
/// and `no_answer`. The fallback's result replaces the first one (which stays in `detail.primary`).
public struct RuleFallback: Sendable {
    public var verifier: any Verifier
    /// The first verifier's verdicts that hand the item over; default `unparsable` and `no_answer`.
    public var verdicts: Set<Verdict>

    public static let defaultVerdicts: Set<Verdict> = [.unparsable, .noAnswer]

    public init(verifier: any Verifier, verdicts: Set<Verdict> = RuleFallback.defaultVerdicts) {
        self.verifier = verifier
        self.verdicts = verdicts
    }
}

/// A component counts only if an earlier component passed.
public struct RuleGate: Sendable, Equatable {
    public var component: String
    /// Passing verdicts; default `correct`.
    public var verdicts: Set<Verdict>
    /// Alternatively, a minimum mapped score.
    public var minScore: Double?

    public init(component: String, verdicts: Set<Verdict> = [.correct], minScore: Double? = nil) {
        self.component = component
        self.verdicts = verdicts
        self.minScore = minScore
    }

    public func passes(_ result: VerifierResult, mappedScore: Double) -> Bool {
        if let minScore { return mappedScore >= minScore }
        return verdicts.contains(result.verdict)
    }
}

/// Whether a rule's item results are stored in the SQLite cache.
public enum RuleCachePolicy: String, Sendable, CaseIterable, Codable {
    /// Cache when any component's verifier is expensive (cheap ones are faster than a look-up).
    case auto
    case always
    case never
}
