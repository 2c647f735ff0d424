import ArgumentParser
import AssayBench
import AssayCore
import AssayTrain
import Foundation

struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "An embedded minimal GRPO trainer: a small GRU policy learns arithmetic from Assay's r1-zero-math rewards.",
        discussion: """
            The DeepSeek-R1-Zero loop in one command: cold start on template-only demonstrations, then GRPO steps that
            sample a group of completions per prompt, score them with the engine (or --server URL), and update the policy.
            assay train                                   # the default run (~2.5 min on 2 cores)
            assay train --server http://127.0.0.1:8420    # the same batches through a running `assay serve`
            assay train --eval var/train/policy.ckpt      # held-out pass@1/pass@k of a checkpoint
            """)

    @Option(help: "Task family: chain (2–4 digits summing to at most 9), walk (a±b±c within 0…9), sum3 (a+b+c), add1 (a+b), add2 (two digits + one digit).")
    var task: String?
    @Option(help: "GRPO steps.") var steps: Int?
    @Option(help: "Random seed (policy, task split, sampling).") var seed: UInt64 = 1
    @Option(help: "Prompts per step.") var prompts: Int?
    @Option(help: "Completions per prompt (the GRPO group).") var group: Int?
    @Option(help: "Sampling temperature.") var temperature: Double?
    @Option(help: "Learning rate (Adam).") var learningRate: Double?
    @Option(help: "Learning-rate schedule: constant or cosine (down to a tenth at the last step).") var lrSchedule: String?
    @Option(help: "KL coefficient β (k3, to the policy at the start of RL).") var beta: Double?
    @Option(help: "Inner updates per batch (μ).") var innerUpdates: Int?
    @Option(help: "Advantages and loss normalisation: grpo or dr_grpo.") var advantages: String = "grpo"
    @Flag(help: "Skip the supervised cold start (pure R1-Zero).") var noColdStart = false
    @Option(help: "Cold-start steps (minibatches of demonstrations).") var coldStartSteps: Int?
    @Option(help: "Cold-start demonstrations (template-only, wrong answers).") var coldStartDemos: Int?
    @Option(help: "What demonstrations write in <think>: empty or echo (the expression).") var think: String?
    @Option(help: "Hidden size of the GRU.") var hiddenSize: Int?
    @Option(help: "Held-out evaluation every N steps.") var evalEvery: Int?
    @Option(help: "Sampling temperature of held-out evaluations.") var evalTemperature: Double?
    @Flag(help: "A tiny configuration for smoke tests.") var tiny = false
    @Option(help: "The reward rule (default r1-zero-math: accuracy 1/0 + 0.5 × format).") var rule: String?
    @Option(help: "Score rollouts with a running assay serve at this URL instead of in-process.") var server: String?
    @Option(help: "JSONL log, one line per step.") var log: String = "var/train/log.jsonl"
    @Option(help: "SVG chart of the curves, written at the end.") var chart: String = "var/train/curves.svg"
    @Option(help: "Checkpoint written every 50 steps and at the end.") var save: String = "var/train/policy.ckpt"
    @Option(help: "Continue from this checkpoint.") var resume: String?
    @Option(help: "Only evaluate this checkpoint on the held-out problems.") var eval: String?
    @Option(help: "Samples per held-out problem for --eval.") var evalSamples: Int = 8
    @OptionGroup var engine: EngineOptions

    func run() async throws {
        var c = tiny ? TrainConfiguration.tiny : TrainConfiguration()
        if let task { c.task = task }
        c.seed = seed
        if let steps { c.steps = steps }
        if let prompts { c.promptsPerStep = prompts }
        if let group { c.groupSize = group }
        if let temperature { c.temperature = temperature }
        if let learningRate { c.learningRate = learningRate }
        if let lrSchedule {
            guard let schedule = LearningRateSchedule(rawValue: lrSchedule) else { throw ValidationError("--lr-schedule must be constant or cosine") }
            c.learningRateSchedule = schedule
        }
        if let beta { c.klCoefficient = beta }
        if let innerUpdates { c.innerUpdates = innerUpdates }
        if let coldStartSteps { c.coldStartSteps = coldStartSteps }
        if noColdStart { c.coldStartSteps = 0 }
        if let coldStartDemos { c.coldStartDemonstrations = coldStartDemos }
        if let think {
            guard think == "empty" || think == "echo" else { throw ValidationError("--think must be empty or echo") }
            c.coldStartEchoesExpression = think == "echo"
        }
        if let hiddenSize { c.hiddenSize = hiddenSize }
        if let evalEvery { c.evaluateEvery = evalEvery }
        if let evalTemperature { c.evaluationTemperature = evalTemperature }
        if let rule { c.rule = rule }
        guard let mode = AdvantageMode(rawValue: advantages), mode != .none else { throw ValidationError("--advantages must be grpo or dr_grpo") }
        c.advantages = mode
        guard ArithmeticTask.Family(rawValue: c.task) != nil else {
            throw ValidationError("--task must be one of \(ArithmeticTask.Family.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard c.steps >= 1, c.promptsPerStep >= 1, c.groupSize >= 2, c.innerUpdates >= 1 else {
            throw ValidationError("--steps, --prompts and --inner-updates must be at least 1, --group at least 2")
        }
        guard c.hiddenSize >= 1, c.evaluateEvery >= 1, c.coldStartDemonstrations >= 1, c.coldStartSteps >= 0 else {
            throw ValidationError("--hidden-size, --eval-every and --cold-start-demos must be at least 1, --cold-start-steps at least 0")
        }
        guard c.temperature > 0, c.evaluationTemperature > 0, c.learningRate > 0, c.klCoefficient >= 0 else {
            throw ValidationError("--temperature, --eval-temperature and --learning-rate must be positive, --beta at least 0")
        }
        let rewardEngine = try engine.makeEngine(useCache: false)
        let rewards: any RewardSource
        if let server {
            do { rewards = try HTTPRewardSource(baseURL: server) } catch { throw ValidationError(error.description) }
        } else {
            rewards = EngineRewardSource(engine: rewardEngine)
        }
        let run = TrainingRun(
            configuration: c, rewards: rewards, engine: rewardEngine, logPath: log, chartPath: chart, savePath: save, resumePath: resume)
        if let eval {
            let checkpoint = try TrainingCheckpoint.read(eval, expecting: run.policyConfig)
            let family = ArithmeticTask.Family(rawValue: c.task)!
            let taskSet = ArithmeticTask(family: family, seed: c.seed)
            let report = try await HeldOutEvaluation.run(
                policy: GRUPolicy(parameters: checkpoint.policy), task: taskSet, problems: taskSet.heldOutProblems, samples: evalSamples,
                temperature: c.evaluationTemperature, maxNewTokens: c.maxNewTokens, seed: c.seed &+ 77, engine: rewardEngine, rule: c.rule)
            print(BenchTable.render(report, color: isatty(1) == 1), terminator: "")
            return
        }
        printError("assay train: \(c.task), \(c.steps) steps × \(c.promptsPerStep) prompts × \(c.groupSize) samples, rewards \(rewards.name), rule \(c.rule)")
        let summary = try await run.run()
        let before = summary.coldStartHeldOut?.overall.passAt1.value
        print(String(format: "held-out pass@1: %@ → %.3f (%d problems × %d samples); pass@%d %.3f", before.map { String(format: "%.3f", $0) } ?? "—",
                     summary.finalHeldOut.overall.passAt1.value, summary.finalHeldOut.problems, c.evaluationSamples, summary.finalHeldOut.ks.last ?? 1,
                     summary.finalHeldOut.overall.passAtK[summary.finalHeldOut.ks.last ?? 1]?.value ?? .nan))
        print(String(format: "%.1f s in all; waiting on rewards (%@): %.1f%% of GRPO step time", summary.seconds, rewards.name, summary.rewardShare * 100))
        print("log \(log), chart \(chart), checkpoint \(save)")
    }
}
