import AssayCore
import AssayMath

/// One completion after scoring: what the metrics are computed from.
public struct ScoredSample: Sendable, Hashable {
    public var problem: String
    /// Position among the problem's samples (file order).
    public var index: Int
    /// The deciding component's verdict is `correct` and the item's status is `ok`.
    public var correct: Bool
    public var status: ItemStatus
    /// The deciding component's verdict.
    public var verdict: String
    /// The final answer the verifier extracted (nil: none, or several when hedging).
    public var answer: String?
    /// The answer's equivalence class within its problem (see ``AnswerClasses``).
    public var vote: Int?
    public var label: Bool?

    public init(
        problem: String, index: Int, correct: Bool, status: ItemStatus, verdict: String, answer: String?, vote: Int? = nil,
        label: Bool? = nil
    ) {
        self.problem = problem
        self.index = index
        self.correct = correct
        self.status = status
        self.verdict = verdict
        self.answer = answer
        self.vote = vote
        self.label = label
    }
}

/// Scores a set's completions with the engine, under one rule, as the trainer's reward would.
///
/// A sample is correct when its *deciding component* says `correct`: the component named by `component`, or
/// the first component of the item's rule that checks answers (verifier or fallback `math`, `code` or `judge`).
/// A sample whose item is not `ok` (timeout, limit, error) is not correct and is counted in the statuses.
public struct SetBenchmark: Sendable {
    public var rule: String
    public var component: String?
    /// Items per engine batch; progress is reported after each.
    public var chunkSize: Int

    /// Verifiers whose verdict says whether an answer is right.
    public static let answerVerifiers: Set<String> = ["math", "code", "judge"]

    public init(rule: String, component: String? = nil, chunkSize: Int = 256) {
        self.rule = rule
        self.component = component
        self.chunkSize = max(1, chunkSize)
    }

    /// Scores every sample of `problems` (in their order); `progress` gets the number of samples done.
    public func score(
        _ problems: [BenchProblem], completions: CompletionsFile, engine: RewardEngine, progress: @Sendable (Int) -> Void = { _ in }
    ) async throws -> [ScoredSample] {
        guard let requested = engine.rules[rule] else {
            throw BenchInputError("unknown rule \"\(rule)\" (known: \(engine.rules.names.joined(separator: ", ")))")
        }
        var items: [ScoreItem] = []
        var places: [(problem: BenchProblem, index: Int, label: Bool?)] = []
        for problem in problems {
            for (i, sample) in (completions.samples[problem.id] ?? []).enumerated() {
                items.append(ScoreItem(id: .int(items.count), completion: sample.text, reference: problem.reference, task: problem.task))
                places.append((problem, i, sample.label))
            }
        }
        var deciding: [String: Int] = [:]
        for task in Set(problems.map(\.task)) {
            guard let effective = engine.rules.resolve(requested, task: task) else {
                throw BenchInputError("rule \"\(rule)\" has no route for task \"\(task)\" and no default")
            }
            deciding[task] = try decidingComponent(of: effective)
        }

        var samples: [ScoredSample] = []
        samples.reserveCapacity(items.count)
        var start = 0
        while start < items.count {
            let end = min(start + chunkSize, items.count)
            let batch = try await engine.score(ScoreRequest(rule: rule, items: Array(items[start..<end])))
            for (offset, result) in batch.results.enumerated() {
                let place = places[start + offset]
                samples.append(sample(result, place: place, component: deciding[place.problem.task]!))
            }
            start = end
            progress(end)
        }
        Self.assignVotes(&samples)
        return samples
    }

    func decidingComponent(of rule: Rule) throws(BenchInputError) -> Int {
        if let component {
            guard let index = rule.components.firstIndex(where: { $0.name == component }) else {
                throw BenchInputError(
                    "rule \"\(rule.name)\" has no component \"\(component)\" (it has \(rule.components.map(\.name).joined(separator: ", ")))")
            }
            return index
        }
        if let index = rule.components.firstIndex(where: {
            Self.answerVerifiers.contains($0.verifier.name) || $0.fallback.map { Self.answerVerifiers.contains($0.verifier.name) } == true
        }) {
            return index
        }
        if rule.components.count == 1 { return 0 }
        throw BenchInputError(
            "rule \"\(rule.name)\" has no component that checks answers (math, code or judge); name one with --component")
    }

    func sample(_ result: ItemResult, place: (problem: BenchProblem, index: Int, label: Bool?), component: Int) -> ScoredSample {
        let outcome = result.components.indices.contains(component) ? result.components[component].result : nil
        let verdict = outcome?.verdict.rawValue ?? (result.error != nil ? "invalid" : "none")
        var answer: String?
        if place.problem.task == "math", let outcome, outcome.verdict != .noAnswer {
            answer = outcome.detail?["extracted"]?.stringValue ?? outcome.detail?["primary"]?["extracted"]?.stringValue
        }
        return ScoredSample(
            problem: place.problem.id, index: place.index, correct: result.status == .ok && outcome?.verdict == .correct,
            status: result.status, verdict: verdict, answer: answer, vote: nil, label: place.label)
    }

    /// Numbers each math problem's answers by equivalence class.
    static func assignVotes(_ samples: inout [ScoredSample]) {
        var start = 0
        while start < samples.count {
            var end = start
            while end < samples.count && samples[end].problem == samples[start].problem { end += 1 }
            let classes = AnswerClasses.classify(samples[start..<end].map(\.answer))
            for (offset, vote) in classes.enumerated() { samples[start + offset].vote = vote }
            start = end
        }
    }
}
