import AssayCore

/// `math`: extracts the completion's final answer and decides whether it equals the gold answer
/// (`reference.answer`), by exact arithmetic and symbolic equivalence, within the item's budget.
///
/// Verdicts: `correct`, `wrong` (including hedged answers such as `\boxed{1} or \boxed{2}`), `no_answer`
/// (nothing extractable, or a truncated final answer), `unparsable` (an answer the parser cannot read).
/// A budget overrun (`9^{9^{9^9}}`, deep nesting, huge inputs) is status `limit`.
public struct MathVerifier: Verifier {
    public let name = "math"
    public let version = "2"
    public let cost = VerifierCost.expensive
    public let canonicalParams: JSONValue
    /// The comparison checks the item's deadline cooperatively (budget checks in the parser and evaluator).
    public let honoursDeadline = true

    let extraction: ExtractionOptions
    let compare: MathCompareOptions

    public init(params: inout VerifierParams) throws {
        var extraction = ExtractionOptions()
        extraction.source = try params.choice("source", default: .any)
        extraction.fallback = try params.choice("fallback", default: .none)
        extraction.hedgingIsWrong = try params.bool("hedging_is_wrong", default: true)
        self.extraction = extraction
        var compare = MathCompareOptions()
        compare.relativeTolerance = try params.double("relative_tolerance", default: compare.relativeTolerance, in: 0...0.1)
        compare.budget.maxInputBytes = try params.int("max_answer_bytes", default: compare.budget.maxInputBytes, in: 16...1_000_000)
        self.compare = compare
        canonicalParams = .object(params.values)
    }

    /// The gold answer: `reference.answer` (string or number), or the reference itself when it is a string or number.
    /// A worked solution is reduced to its final answer (see ``GoldAnswer``).
    public static func gold(from reference: JSONValue?) -> String? {
        switch reference {
        case .string(let s): return GoldAnswer.final(s)
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.double(d).canonicalText
        case .object(let object):
            return gold(from: object["answer"])
        default: return nil
        }
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        guard let gold = Self.gold(from: input.reference) else {
            return VerifierResult(
                score: 0, verdict: .error, detail: ["error": "reference.answer is missing: send {\"answer\": \"…\"}"],
                status: .invalid)
        }
        switch AnswerExtractor.extract(from: input.completion, options: extraction) {
        case .noAnswer(let reason):
            return VerifierResult(score: 0, verdict: .noAnswer, detail: ["gold": .string(gold), "reason": .string(reason)])
        case .hedged(let answers):
            return VerifierResult(
                score: 0, verdict: .wrong,
                detail: [
                    "gold": .string(gold), "extracted": .array(answers.map(JSONValue.string)),
                    "reason": "several different final answers (hedging)",
                ])
        case .answer(let answer, let source):
            var options = compare
            options.budget.deadline = input.deadline
            var comparison = MathEquivalence.compare(answer: answer, gold: gold, options: options)
            var via: String?
            if comparison.match == .different || comparison.match == .unparsableAnswer,
                let choices = MultipleChoice(reference: input.reference)
            {
                // A letter for the option's text, or the option's text for a letter.
                if let alternative = choices.alternative(answer: answer, gold: gold) {
                    let second = MathEquivalence.compare(answer: alternative.answer, gold: alternative.gold, options: options)
                    if second.match == .equivalent {
                        comparison = second
                        via = alternative.note
                    }
                }
            }
            var detailObject: [String: JSONValue] = [
                "gold": .string(gold), "extracted": .string(answer), "source": .string(source),
                "kind": .string(comparison.kind), "gold_parsed": .string(comparison.gold),
                "answer_parsed": .string(comparison.answer), "reason": .string(comparison.reason),
            ]
            if let via { detailObject["choice"] = .string(via) }
            let detail = JSONValue.object(detailObject)
            switch comparison.match {
            case .equivalent: return VerifierResult(score: 1, verdict: .correct, detail: detail)
            case .different: return VerifierResult(score: 0, verdict: .wrong, detail: detail)
            case .unparsableAnswer: return VerifierResult(score: 0, verdict: .unparsable, detail: detail)
            case .unparsableGold:
                return VerifierResult(score: 0, verdict: .unparsable, detail: detail, status: .error)
            case .limit: return VerifierResult(score: 0, verdict: .limit, detail: detail, status: .limit)
            }
        }
    }
}

/// Registers the math verifiers: `math`, `cosine_length`, `steps`, and the answer signals `answer_leak`, `hedging`, `think_answer`.
public enum MathVerifiers {
    public static func register(into registry: inout VerifierRegistry) {
        registry.register("math", summary: "final answer vs reference.answer: exact arithmetic and symbolic equivalence") {
            try MathVerifier(params: &$0)
        }
        registry.register("cosine_length", summary: "open-r1 cosine length-scaled reward on math correctness (Yeo et al. 2025)") {
            try CosineLengthVerifier(params: &$0)
        }
        registry.register("steps", summary: "penalty for false arithmetic claims in <think> (equalities, comparisons, chains)") {
            try StepsVerifier(params: &$0)
        }
        registry.register("answer_leak", summary: "final answer is a value the prompt states and the gold is not (leaked −1)") {
            try AnswerLeakVerifier(params: &$0)
        }
        registry.register("hedging", summary: "final answer offers several candidates where the gold is one value (hedged −1)") {
            try HedgingVerifier(params: &$0)
        }
        registry.register("think_answer", summary: "answer stated in <think> vs the final answer (inconsistent −1)") {
            try ThinkAnswerVerifier(params: &$0)
        }
    }
}

/// The options of a multiple-choice item, from `reference.choices`: an object `{"A": "12", …}` or a list
/// `["12", …]` read as A, B, C…. Lets a letter stand for its option's text and the text for its letter.
struct MultipleChoice {
    var options: [Character: String]

    init?(reference: JSONValue?) {
        guard let raw = reference?["choices"] else { return nil }
        var options: [Character: String] = [:]
        switch raw {
        case .object(let object):
            for (key, value) in object {
                guard let letter = Self.letter(key), let text = value.stringValue ?? value.intValue.map(String.init) else { continue }
                options[letter] = text
            }
        case .array(let list):
            for (index, value) in list.prefix(26).enumerated() {
                guard let text = value.stringValue ?? value.intValue.map(String.init) else { continue }
                options[Character(Unicode.Scalar(UInt8(65 + index)))] = text
            }
        default:
            return nil
        }
        guard !options.isEmpty else { return nil }
        self.options = options
    }

    /// A single option letter written as `B`, `(B)`, `\text{(B)}`, `\textbf{B}` or `B)`; nil otherwise.
    static func letter(_ text: String) -> Character? {
        var s = Substring(text)
        for prefix in ["\\textbf{", "\\text{", "\\mathrm{", "\\mathbf{"] where s.hasPrefix(prefix) && s.hasSuffix("}") {
            s = s.dropFirst(prefix.count).dropLast()
        }
        let kept = s.filter { !" ()[]{}.:$".contains($0) }
        guard kept.count == 1, let c = kept.first, c.isASCII, c.isLetter else { return nil }
        return Character(c.uppercased())
    }

    /// The pair to compare instead: the answer's option text against the gold, or the answer against the
    /// gold letter's option text.
    func alternative(answer: String, gold: String) -> (answer: String, gold: String, note: String)? {
        if let goldLetter = Self.letter(gold), let goldText = options[goldLetter] {
            if let answerLetter = Self.letter(answer), let answerText = options[answerLetter] {
                return (answerText, goldText, "option \(answerLetter) vs option \(goldLetter)")
            }
            return (answer, goldText, "answer vs the text of option \(goldLetter)")
        }
        if let answerLetter = Self.letter(answer), let answerText = options[answerLetter] {
            return (answerText, gold, "the text of option \(answerLetter) vs the gold")
        }
        return nil
    }
}
