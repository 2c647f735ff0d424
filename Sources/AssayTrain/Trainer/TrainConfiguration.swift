import AssayCore

/// Everything that defines a training run; the defaults are the run the README and the closing note report.
public struct TrainConfiguration: Sendable, Hashable, Codable {
    /// The task family (see ``ArithmeticTask``).
    public var task = "add2"
    public var seed: UInt64 = 1
    /// GRPO steps after the cold start.
    public var steps = 300
    /// Prompts per step; each gets `groupSize` completions.
    public var promptsPerStep = 16
    public var groupSize = 16
    public var temperature = 1.0
    public var maxNewTokens = 24
    /// Inner policy updates per batch of rollouts (μ).
    public var innerUpdates = 2
    /// Clip range ε of the surrogate.
    public var clipEpsilon = 0.2
    /// KL coefficient β (k3 estimator, to the policy at the start of RL).
    public var klCoefficient = 0.01
    public var learningRate = 1e-3
    public var maxGradientNorm = 1.0
    /// `grpo`: (r − mean)/std and per-sequence token means; `dr_grpo`: r − mean and token sums over a constant.
    public var advantages = AdvantageMode.grpo
    /// Supervised steps on template-only demonstrations before RL (0: pure R1-Zero).
    public var coldStartSteps = 150
    public var coldStartDemonstrations = 400
    public var coldStartBatch = 64
    public var rule = "r1-zero-math"
    public var embeddingSize = 32
    public var hiddenSize = 128
    public var layers = 1
    /// Held-out evaluation every this many steps (and at the start and end).
    public var evaluateEvery = 25
    public var heldOutProblems = 200
    /// Samples per held-out problem in evaluations (pass@1 is their mean).
    public var evaluationSamples = 4

    public init() {}

    /// A few-step configuration for tests and smoke runs.
    public static var tiny: TrainConfiguration {
        var c = TrainConfiguration()
        c.steps = 12
        c.promptsPerStep = 8
        c.groupSize = 8
        c.coldStartSteps = 40
        c.coldStartDemonstrations = 128
        c.coldStartBatch = 32
        c.hiddenSize = 48
        c.embeddingSize = 16
        c.evaluateEvery = 6
        c.heldOutProblems = 48
        c.evaluationSamples = 2
        return c
    }
}
