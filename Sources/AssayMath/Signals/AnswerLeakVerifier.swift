import AssayCore

/// `answer_leak`: the completion's final answer is a value the prompt states while the gold is not — the policy
/// copied a number from the question.
///
/// The prompt's values are its math segments (`$…$`, `\(…\)`, …), their items and right-hand sides, and its
/// numerals (see ``PromptValues``), except computations the problem asks for (`$2^{10}$`, `$3 \times 12$` state 2, 10,
/// 3 and 12, not their results); the answer matches one when they are mathematically the same. Verdicts: `leaked`
/// (score −1; detail: the answer, the prompt value and where it is), `clean` (0; a correct answer is never a leak,
/// `reference.choices` counting as in `math`; a gold option letter the prompt labels counts as stated),
/// `unknown` (0: the item has no prompt), `no_answer` (0). The prompt is scanned up to `max_prompt_bytes` and
/// `max_prompt_values`, within the item's deadline.
public struct AnswerLeakVerifier: Verifier {
    public let name = "answer_leak"
    public let version = "1"
    public let cost = VerifierCost.expensive
    public let canonicalParams: JSONValue
    public let honoursDeadline = true

    let extraction: ExtractionOptions
    let maxPromptBytes: Int
    let maxPromptValues: Int
    let budget: MathBudget

    public init(params: inout VerifierParams) throws {
        var extraction = ExtractionOptions(hedgingIsWrong: false)
        extraction.source = try params.choice("source", default: .any)
        extraction.fallback = try params.choice("fallback", default: .none)
        self.extraction = extraction
        maxPromptBytes = try params.int("max_prompt_bytes", default: 65_536, in: 1...(16 << 20))
        maxPromptValues = try params.int("max_prompt_values", default: 256, in: 1...4_096)
        var budget = MathBudget()
        budget.maxInputBytes = try params.int("max_answer_bytes", default: budget.maxInputBytes, in: 16...1_000_000)
        self.budget = budget
        canonicalParams = .object(params.values)
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        guard let gold = MathVerifier.gold(from: input.reference) else {
            return VerifierResult(
                score: 0, verdict: .error, detail: ["error": "reference.answer is missing: send {\"answer\": \"…\"}"],
                status: .invalid)
        }
        guard let prompt = input.item.prompt, prompt.utf8.contains(where: { !ByteText.isSpace($0) }) else {
            return VerifierResult(
                score: 0, verdict: .unknown, detail: ["reason": "no prompt: send the item's prompt to check for leaks"])
        }
        let answer: String
        let source: String
        switch AnswerExtractor.extract(from: input.completion, options: extraction) {
        case .answer(let text, let from): (answer, source) = (text, from)
        case .hedged(let texts): (answer, source) = (texts.last ?? "", "boxed")
        case .noAnswer(let reason):
            return VerifierResult(score: 0, verdict: .noAnswer, detail: ["gold": .string(gold), "reason": .string(reason)])
        }
        var budget = self.budget
        budget.deadline = input.deadline
        var detail: [String: JSONValue] = ["answer": .string(answer), "source": .string(source), "gold": .string(gold)]
        guard let answerValue = MathValue(answer, budget: budget) else {
            if answer.utf8.count > budget.maxInputBytes {
                return .failure(.limit, "the answer is \(answer.utf8.count) bytes, over max_answer_bytes \(budget.maxInputBytes)")
            }
            detail["reason"] = "empty answer"
            return VerifierResult(score: 0, verdict: .noAnswer, detail: .object(detail))
        }
        switch Self.correctness(answer, gold: gold, reference: input.reference, budget: budget) {
        case .equivalent:
            detail["reason"] = "the answer equals the gold"
            return VerifierResult(score: 0, verdict: .clean, detail: .object(detail))
        case .limit:
            return VerifierResult(score: 0, verdict: .limit, detail: .object(detail), status: .limit)
        default: break
        }

        let scan = PromptValues.scan(prompt, maxBytes: maxPromptBytes, maxValues: maxPromptValues)
        detail["prompt_values"] = .int(scan.values.count)
        if scan.truncated { detail["prompt_truncated"] = true }
        var parsed: [MathValue?] = []
        parsed.reserveCapacity(scan.values.count)
        var found: PromptValues.Value?
        for value in scan.values {
            if parsed.count % 16 == 0, ContinuousClock.now >= input.deadline {
                return .failure(.timeout, "deadline passed after \(parsed.count) prompt values")
            }
            let candidate = Self.stated(value, budget: budget)
            parsed.append(candidate)
            if let candidate, answerValue.same(as: candidate, budget: budget) {
                found = value
                break
            }
        }
        guard let found else {
            detail["reason"] = "the answer is not stated in the prompt"
            return VerifierResult(score: 0, verdict: .clean, detail: .object(detail))
        }
        detail["prompt_value"] = .string(found.text)
        detail["prompt_offset"] = .int(found.offset)
        detail["prompt_context"] = .string(Self.context(prompt, found))
        if let letter = MultipleChoice.letter(gold), Self.labelsOption(letter, in: prompt, maxBytes: maxPromptBytes) {
            detail["reason"] = .string("the answer is stated in the prompt, but so is the gold: option (\(letter))")
            return VerifierResult(score: 0, verdict: .clean, detail: .object(detail))
        }
        if let goldValue = MathValue(gold, budget: budget) {
            for (k, value) in scan.values.enumerated() {
                if k % 16 == 0, ContinuousClock.now >= input.deadline {
                    return .failure(.timeout, "deadline passed while looking for the gold in the prompt")
                }
                let candidate = k < parsed.count ? parsed[k] : Self.stated(value, budget: budget)
                if let candidate, goldValue.same(as: candidate, budget: budget) {
                    detail["reason"] = "the answer is stated in the prompt, but so is the gold"
                    detail["gold_prompt_value"] = .string(value.text)
                    return VerifierResult(score: 0, verdict: .clean, detail: .object(detail))
                }
            }
        }
        detail["reason"] = "the answer is a value the prompt states and the gold is not"
        return VerifierResult(score: -1, verdict: .leaked, detail: .object(detail))
    }

    /// Whether the answer is the gold, also through `reference.choices` (a letter for its option's text and back).
    static func correctness(_ answer: String, gold: String, reference: JSONValue?, budget: MathBudget) -> MathMatch {
        let options = MathCompareOptions(budget: budget)
        let match = MathEquivalence.compare(answer: answer, gold: gold, options: options).match
        guard match == .different || match == .unparsableAnswer, let choices = MultipleChoice(reference: reference),
            let alternative = choices.alternative(answer: answer, gold: gold)
        else { return match }
        let second = MathEquivalence.compare(answer: alternative.answer, gold: alternative.gold, options: options).match
        return second == .equivalent ? .equivalent : match
    }

    /// Whether the prompt labels an option with `letter`: `(B)` anywhere, or `B)` / `B.` after a space or line start.
    static func labelsOption(_ letter: Character, in prompt: String, maxBytes: Int) -> Bool {
        guard let code = letter.asciiValue else { return false }
        let b = Array(prompt.utf8.prefix(maxBytes))
        for i in b.indices where b[i] == code && i + 1 < b.count {
            let before = i > 0 ? b[i - 1] : ByteText.newline
            if before == UInt8(ascii: "("), b[i + 1] == UInt8(ascii: ")") { return true }
            if ByteText.isSpace(before), b[i + 1] == UInt8(ascii: ")") || b[i + 1] == UInt8(ascii: ".") { return true }
        }
        return false
    }

    /// The value a prompt value states; nil for a computation (`2^{10}`) or a value the parser cannot read.
    static func stated(_ value: PromptValues.Value, budget: MathBudget) -> MathValue? {
        guard let parsed = MathValue(value.text, budget: budget), !parsed.isComputation else { return nil }
        return parsed
    }

    /// About 40 bytes of the prompt on each side of the value, cut at character boundaries.
    static func context(_ prompt: String, _ value: PromptValues.Value) -> String {
        let b = Array(prompt.utf8)
        var lo = max(0, value.offset - 40)
        var hi = min(b.count, value.offset + value.text.utf8.count + 40)
        while lo > 0, b[lo] & 0xC0 == 0x80 { lo -= 1 }
        while hi < b.count, b[hi] & 0xC0 == 0x80 { hi += 1 }
        return String(decoding: b[lo..<hi], as: UTF8.self)
    }
}
