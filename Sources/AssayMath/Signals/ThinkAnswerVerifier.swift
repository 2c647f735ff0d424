import AssayCore

/// `think_answer`: the final answer the reasoning states (its last `\boxed{}` or "answer is X" / "final answer: X",
/// see ``ThinkStatement``) against the final answer (the `<answer>` block, else what follows `</think>`).
///
/// Verdicts: `consistent` (0), `inconsistent` (−1: mathematically different; detail quotes both and where the think
/// statement is), `no_think_answer` (0: the reasoning states none — the common case, not a fault), `no_answer` (0).
/// The comparison is ``MathEquivalence`` with the final answer as the reference. With `think_opened_in_prompt` the
/// completion starts inside `<think>`.
public struct ThinkAnswerVerifier: Verifier {
    public let name = "think_answer"
    public let version = "1"
    public let cost = VerifierCost.expensive
    public let canonicalParams: JSONValue
    public let honoursDeadline = true

    let thinkOpenedInPrompt: Bool
    let budget: MathBudget

    /// A bare final part (no tag, box or phrase) longer than this is prose, not an answer.
    static let maxBareAnswerBytes = 200

    public init(params: inout VerifierParams) throws {
        thinkOpenedInPrompt = try params.bool("think_opened_in_prompt", default: false)
        var budget = MathBudget()
        budget.maxInputBytes = try params.int("max_answer_bytes", default: budget.maxInputBytes, in: 16...1_000_000)
        self.budget = budget
        canonicalParams = .object(params.values)
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        let options = ExtractionOptions(hedgingIsWrong: false)
        guard input.completion.utf8.count <= options.maxCompletionBytes else {
            return .failure(.limit, "completion over \(options.maxCompletionBytes) bytes")
        }
        let b = Array(input.completion.utf8)
        let split = ThinkSplit(b, thinkOpenedInPrompt: thinkOpenedInPrompt)
        var detail: [String: JSONValue] = [:]
        let statement = split.think.flatMap { ThinkStatement.find(b, in: $0) }
        if let statement, let think = split.think {
            detail["think_answer"] = .string(statement.text)
            detail["think_source"] = .string(statement.source)
            detail["think_offset"] = .int(statement.offset)
            let fraction = Double(statement.offset - think.lowerBound) / Double(max(1, think.count))
            detail["think_position"] = .double((fraction * 1000).rounded() / 1000)
        }
        guard let (answer, source) = finalAnswer(b, split, options) else {
            detail["reason"] =
                split.shape == .unclosed ? "unclosed <think> (output truncated while reasoning)" : "no final answer"
            return VerifierResult(score: 0, verdict: .noAnswer, detail: .object(detail))
        }
        detail["answer"] = .string(answer)
        detail["answer_source"] = .string(source)
        guard let statement else {
            detail["reason"] = .string(split.think == nil ? "no <think> block" : "the reasoning states no final answer")
            return VerifierResult(score: 0, verdict: .noThinkAnswer, detail: .object(detail))
        }
        var compare = MathCompareOptions(budget: budget)
        compare.budget.deadline = input.deadline
        let comparison = MathEquivalence.compare(answer: statement.text, gold: answer, options: compare)
        detail["reason"] = .string(comparison.reason)
        switch comparison.match {
        case .equivalent:
            return VerifierResult(score: 0, verdict: .consistent, detail: .object(detail))
        case .different:
            return VerifierResult(score: -1, verdict: .inconsistent, detail: .object(detail))
        case .unparsableAnswer:
            detail["reason"] = .string("the reasoning's statement is not readable as math: \(comparison.reason)")
            return VerifierResult(score: 0, verdict: .noThinkAnswer, detail: .object(detail))
        case .unparsableGold:
            return VerifierResult(score: 0, verdict: .noAnswer, detail: .object(detail))
        case .limit:
            return VerifierResult(score: 0, verdict: .limit, detail: .object(detail), status: .limit)
        }
    }

    /// The final answer and where it came from: ``AnswerExtractor`` on the part after `</think>` (its `<answer>` block,
    /// box or phrase), else that part itself when it is short.
    func finalAnswer(_ b: [UInt8], _ split: ThinkSplit, _ options: ExtractionOptions) -> (String, String)? {
        guard split.shape != .unclosed else { return nil }
        let final = ByteText.string(b, split.final)
        switch AnswerExtractor.extract(from: final, options: options) {
        case .answer(let text, let source): return (text, source)
        case .hedged(let texts): return texts.last.map { ($0, "boxed") }
        case .noAnswer:
            guard split.shape == .closed, case .absent = TagScanner.answerBlock(b, split.final) else { return nil }
            let bare = AnswerCleanup.clean(b, split.final)
            guard !bare.isEmpty, bare.count <= Self.maxBareAnswerBytes else { return nil }
            return (ByteText.string(b, bare), "after_think")
        }
    }
}
