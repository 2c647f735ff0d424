import AssayBench
import AssayCore
import Foundation

/// A whole `assay train` run: cold start, held-out evaluation, GRPO steps with periodic evaluations,
/// the JSONL log, checkpoints and the curves chart.
public struct TrainingRun: Sendable {
    public var configuration: TrainConfiguration
    /// Where the rewards of training come from (in-process or a server).
    public var rewards: any RewardSource
    /// The engine that grades held-out evaluations (in-process).
    public var engine: RewardEngine
    public var logPath: String?
    public var chartPath: String?
    public var savePath: String?
    public var resumePath: String?

    public init(
        configuration: TrainConfiguration, rewards: any RewardSource, engine: RewardEngine, logPath: String? = nil,
        chartPath: String? = nil, savePath: String? = nil, resumePath: String? = nil
    ) {
        self.configuration = configuration
        self.rewards = rewards
        self.engine = engine
        self.logPath = logPath
        self.chartPath = chartPath
        self.savePath = savePath
        self.resumePath = resumePath
    }

    /// What the run achieved.
    public struct Summary: Sendable {
        public var coldStartHeldOut: BenchReport?
        public var finalHeldOut: BenchReport
        public var records: [StepRecord]
        public var seconds: Double
        /// Share of GRPO step time spent waiting on rewards.
        public var rewardShare: Double
    }

    public var policyConfig: PolicyConfig {
        PolicyConfig(
            vocabularySize: TaskVocabulary().size, embeddingSize: configuration.embeddingSize, hiddenSize: configuration.hiddenSize,
            layers: configuration.layers)
    }

    public func run(live: Bool = isatty(2) == 1) async throws -> Summary {
        let c = configuration
        guard let family = ArithmeticTask.Family(rawValue: c.task) else {
            throw RewardSourceError("unknown task \"\(c.task)\" (known: \(ArithmeticTask.Family.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let task = ArithmeticTask(family: family, seed: c.seed)
        let heldOut = Array(task.heldOutProblems.prefix(c.heldOutProblems))
        let log = try TrainingLog(path: logPath, live: live)
        let start = ContinuousClock.now
        var policy = GRUPolicy<Float>(config: policyConfig, seed: c.seed)
        var coldStartReport: BenchReport?
        var trainer: GRPOTrainer

        func evaluate(_ policy: GRUPolicy<Float>, seed: UInt64) async throws -> BenchReport {
            try await HeldOutEvaluation.run(
                policy: policy, task: task, problems: heldOut, samples: c.evaluationSamples, temperature: c.evaluationTemperature,
                maxNewTokens: c.maxNewTokens, seed: seed, engine: engine, rule: c.rule)
        }

        if let resumePath {
            let checkpoint = try TrainingCheckpoint.read(resumePath, expecting: policyConfig)
            trainer = GRPOTrainer(configuration: c, task: task, rewards: rewards, policy: GRUPolicy(parameters: checkpoint.policy))
            trainer.restore(policy: checkpoint.policy, optimizer: checkpoint.optimizer, reference: checkpoint.reference, step: checkpoint.step)
            log.note("resumed \(resumePath) at step \(checkpoint.step)")
        } else {
            if c.coldStartSteps > 0 {
                let demonstrations = task.demonstrations(count: c.coldStartDemonstrations, seed: c.seed, echoExpression: c.coldStartEchoesExpression)
                let initial = policy
                let (trained, loss) = await ComputeQueue.run {
                    var p = initial
                    let loss = ColdStart.train(
                        &p, demonstrations: demonstrations, steps: c.coldStartSteps, batch: c.coldStartBatch, learningRate: c.coldStartLearningRate,
                        maxGradientNorm: c.maxGradientNorm)
                    return (p, loss)
                }
                policy = trained
                log.note(String(format: "cold start: %d steps on %d template-only demonstrations, final loss %.3f", c.coldStartSteps, demonstrations.count, loss))
            }
            let report = try await evaluate(policy, seed: c.seed &+ 1)
            coldStartReport = report
            log.note(String(format: "held-out before RL: pass@1 %.3f on %d problems × %d samples", report.overall.passAt1.value, heldOut.count, c.evaluationSamples))
            trainer = GRPOTrainer(configuration: c, task: task, rewards: rewards, policy: policy)
        }

        var records: [StepRecord] = []
        while trainer.step < c.steps {
            var record = try await trainer.trainStep()
            if record.step % c.evaluateEvery == 0 || record.step == c.steps {
                record.heldOutAccuracy = try await evaluate(trainer.policy, seed: c.seed &+ UInt64(record.step) &+ 1).overall.passAt1.value
            }
            records.append(record)
            log.record(record, of: c.steps)
            if let savePath, record.step % 50 == 0 || record.step == c.steps {
                try TrainingCheckpoint(policy: trainer.policy.parameters, optimizer: trainer.optimizer, reference: trainer.reference, step: trainer.step)
                    .write(savePath)
            }
        }
        log.finish()
        let final = try await evaluate(trainer.policy, seed: c.seed &+ 0xF1AA1)
        if let chartPath {
            let title = String(format: "assay train — %@, GRPO (%@), %d steps, held-out pass@1 %.2f → %.2f", c.task, c.advantages.rawValue, c.steps,
                               coldStartReport?.overall.passAt1.value ?? .nan, final.overall.passAt1.value)
            let url = URL(fileURLWithPath: chartPath)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(TrainingChart.svg(records, title: title).utf8).write(to: url)
        }
        let total = records.reduce(0.0) { $0 + $1.sampleSeconds + $1.rewardSeconds + $1.updateSeconds }
        let reward = records.reduce(0.0) { $0 + $1.rewardSeconds }
        return Summary(
            coldStartHeldOut: coldStartReport, finalHeldOut: final, records: records, seconds: start.duration(to: .now).milliseconds / 1000,
            rewardShare: total > 0 ? reward / total : 0)
    }
}
