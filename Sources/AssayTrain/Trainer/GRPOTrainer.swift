import AssayCore
import Foundation

/// The DeepSeek-R1-Zero loop on one machine: sample a group of completions per prompt with the policy, score
/// them with Assay (in-process or over HTTP), turn rewards into group-relative advantages (the engine's), and
/// update the policy with the clipped GRPO surrogate and a k3 KL penalty to the reference policy.
public final class GRPOTrainer: @unchecked Sendable {
    public let configuration: TrainConfiguration
    public let task: ArithmeticTask
    public let rewards: any RewardSource
    public private(set) var policy: GRUPolicy<Float>
    public private(set) var reference: PolicyParameters<Float>
    public private(set) var optimizer: Adam<Float>
    public private(set) var step = 0
    private var random: SplitMix64

    public init(configuration: TrainConfiguration, task: ArithmeticTask, rewards: any RewardSource, policy: GRUPolicy<Float>) {
        self.configuration = configuration
        self.task = task
        self.rewards = rewards
        self.policy = policy
        self.reference = policy.parameters
        self.optimizer = Adam(config: policy.config, learningRate: configuration.learningRate)
        self.random = SplitMix64(seed: configuration.seed &+ 0x5EED)
    }

    /// Continues from a checkpoint: its parameters, optimiser state, and the reference policy it was trained against.
    public func restore(policy parameters: PolicyParameters<Float>, optimizer: Adam<Float>?, reference: PolicyParameters<Float>, step: Int) {
        policy = GRUPolicy(parameters: parameters)
        if let optimizer { self.optimizer = optimizer }
        self.reference = reference
        self.step = step
    }

    /// The reference policy becomes the current one (called once the cold start is done).
    public func freezeReference() { reference = policy.parameters }

    /// One GRPO step; returns its record (without the held-out accuracy).
    public func trainStep() async throws -> StepRecord {
        let c = configuration
        step += 1
        let clock = ContinuousClock()

        // 1. Sample G completions for each of P prompts.
        var t0 = clock.now
        var problems: [ArithmeticProblem] = []
        for _ in 0..<c.promptsPerStep { problems.append(task.sampleTraining(using: &random)) }
        let prompts = problems.flatMap { p in Array(repeating: p.promptTokens, count: c.groupSize) }
        let samples = await ComputeQueue.run { self.sample(prompts) }
        let completions = samples.map(\.tokens)
        let sampleSeconds = t0.duration(to: clock.now).milliseconds / 1000

        // 2. Rewards and group-relative advantages from Assay.
        t0 = clock.now
        var items: [ScoreItem] = []
        items.reserveCapacity(prompts.count)
        for (i, tokens) in completions.enumerated() {
            let problem = problems[i / c.groupSize]
            items.append(
                ScoreItem(
                    id: .int(i), group: .int(i / c.groupSize), prompt: problem.text, completion: task.vocabulary.decode(tokens),
                    reference: ["answer": .string(problem.answer)], task: "math", completionTokens: tokens.count))
        }
        let scored = try await rewards.score(items, rule: c.rule, advantages: c.advantages)
        let rewardSeconds = t0.duration(to: clock.now).milliseconds / 1000

        // 3. μ updates of the clipped surrogate − β·KL against the sampling and reference policies.
        t0 = clock.now
        let advantages = scored.map { Float($0.advantage) }
        let old = samples.map(\.sampledLogprobs)
        let (statistics, entropy, norm) = await ComputeQueue.run {
            self.update(prompts: prompts, completions: completions, old: old, advantages: advantages)
        }
        let updateSeconds = t0.duration(to: clock.now).milliseconds / 1000

        let rewardValues = scored.map(\.reward)
        let mean = rewardValues.reduce(0, +) / Double(max(rewardValues.count, 1))
        let variance = rewardValues.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(rewardValues.count, 1))
        let n = Double(max(scored.count, 1))
        return StepRecord(
            step: step, rewardMean: mean, rewardStd: variance.squareRoot(),
            accuracy: Double(scored.count(where: { $0.verdicts["accuracy"] == "correct" })) / n,
            formatRate: Double(scored.count(where: { $0.verdicts["format"] == "correct" })) / n,
            kl: statistics.meanKL, entropy: entropy, clipFraction: statistics.clipFraction,
            meanLength: Double(completions.reduce(0) { $0 + $1.count }) / n, gradientNorm: norm,
            sampleSeconds: sampleSeconds, rewardSeconds: rewardSeconds, updateSeconds: updateSeconds)
    }

    private func sample(_ prompts: [[Int]]) -> [PolicySample<Float>] {
        policy.sample(
            prompts: prompts, maxNewTokens: configuration.maxNewTokens, endToken: task.vocabulary.endOfSequence,
            temperature: Float(configuration.temperature), using: &random)
    }

    /// μ updates of the clipped surrogate − β·KL against the sampling and reference policies; returns the last
    /// update's statistics, the first evaluation's mean entropy per token and the last gradient norm.
    private func update(prompts: [[Int]], completions: [[Int]], old: [[Float]], advantages: [Float]) -> (GRPOStatistics, Double, Double) {
        let c = configuration
        optimizer.learningRate = c.learningRateSchedule.rate(base: c.learningRate, step: step, of: c.steps)
        let referenceLogprobs = GRUPolicy(parameters: reference).evaluate(prompts: prompts, completions: completions, temperature: Float(c.temperature)).logprobs
        var gradients = PolicyGradients<Float>(config: policy.config)
        var statistics = GRPOStatistics.zero
        var entropy = 0.0
        var norm = 0.0
        for inner in 0..<c.innerUpdates {
            let evaluation = policy.evaluate(prompts: prompts, completions: completions, temperature: Float(c.temperature))
            if inner == 0 {
                let tokens = max(evaluation.tokenCount, 1)
                entropy = evaluation.entropies.reduce(0.0) { $0 + $1.reduce(0.0) { $0 + Double($1) } } / Double(tokens)
            }
            let objective = GRPOObjective.evaluate(
                newLogprobs: evaluation.logprobs, oldLogprobs: old, referenceLogprobs: referenceLogprobs, advantages: advantages,
                configuration: GRPOObjectiveConfiguration(
                    clipEpsilon: Float(c.clipEpsilon), klCoefficient: Float(c.klCoefficient),
                    aggregation: c.advantages == .drGRPO ? .drGRPO(maxLength: c.maxNewTokens) : .grpo))
            statistics = objective.statistics
            gradients.zero()
            evaluation.backward(logprobGradients: objective.gradients, into: &gradients)
            norm = gradients.clip(globalNorm: c.maxGradientNorm)
            optimizer.update(&policy.parameters, with: gradients)
        }
        return (statistics, entropy, norm)
    }
}
