import AssayBench
import AssayCore

/// Accuracy on problems no training step saw: k sampled completions per held-out problem, graded by the engine
/// and summarised by the bench's code (`SetBenchmark`, `BenchAnalysis`: pass@1, pass@k, cons@k).
public enum HeldOutEvaluation {
    public static func run(
        policy: GRUPolicy<Float>, task: ArithmeticTask, problems: [ArithmeticProblem], samples: Int, temperature: Double,
        maxNewTokens: Int, seed: UInt64, engine: RewardEngine, rule: String
    ) async throws -> BenchReport {
        let prompts = problems.flatMap { Array(repeating: $0.promptTokens, count: samples) }
        let end = task.vocabulary.endOfSequence
        let drawn = await ComputeQueue.run {
            var random = SplitMix64(seed: seed)
            return policy.sample(prompts: prompts, maxNewTokens: maxNewTokens, endToken: end, temperature: Float(temperature), using: &random)
        }
        var completions: [String: [CompletionSample]] = [:]
        var benchProblems: [BenchProblem] = []
        for (i, problem) in problems.enumerated() {
            let id = "heldout-\(i)"
            benchProblems.append(BenchProblem(id: id, text: problem.text, task: "math", reference: ["answer": .string(problem.answer)]))
            completions[id] = drawn[(i * samples)..<((i + 1) * samples)].map { CompletionSample(text: task.vocabulary.decode($0.tokens)) }
        }
        let file = CompletionsFile(path: "(held-out samples)", samples: completions, order: benchProblems.map(\.id))
        let start = ContinuousClock.now
        let scored = try await SetBenchmark(rule: rule).score(benchProblems, completions: file, engine: engine)
        return try BenchAnalysis(problems: benchProblems, samples: scored, votes: true).report(
            set: "\(task.family.rawValue)-heldout", rule: rule, requestedKs: nil, missingProblems: 0,
            seconds: start.duration(to: .now).milliseconds / 1000)
    }
}
