import AssayCore
import Foundation

/// `cosine_length`: open-r1's `get_cosine_scaled_reward` (open-r1 `src/open_r1/rewards.py`), the cosine
/// length-scaled reward of Yeo et al., *Demystifying Long Chain-of-Thought Reasoning in LLMs* (2025):
///
///     reward = lo + ½ (hi − lo) (1 + cos(π L / max_len))
///
/// with `(lo, hi) = (min_value_correct, max_value_correct)` for a correct answer and
/// `(max_value_wrong, min_value_wrong)` for a wrong one: the shortest correct answers earn `max_value_correct`,
/// the shortest wrong ones `min_value_wrong`, and both tend to their other bound at `max_len`.
///
/// Correctness is the `math` verifier's (default params) on the same item: `correct`, or wrong for `wrong`,
/// `no_answer` and an unparsable answer (open-r1's `verify` of an empty parse is false). A gold that cannot be
/// parsed scores 1.0 with verdict `unparsable`, as open-r1 does; a missing gold is `invalid`, and a math `limit`
/// or `timeout` passes through. `L` is characters (Unicode scalars, open-r1's `len(content)`) or, with
/// `length: tokens`, `completion_tokens` (else the `fallback` estimate, as for `overlong`). open-r1 does not
/// clamp `L`, so past `max_len` its cosine climbs again; `clamp: true` (default) holds `L` at `max_len`,
/// `clamp: false` reproduces open-r1 exactly. Defaults are the function's; open-r1's script config sets
/// `min_value_wrong: 0`.
public struct CosineLengthVerifier: Verifier {
    public let name = "cosine_length"
    public let version: String
    public let cost = VerifierCost.expensive
    public let canonicalParams: JSONValue
    public let honoursDeadline = true

    let minValueWrong: Double
    let maxValueWrong: Double
    let minValueCorrect: Double
    let maxValueCorrect: Double
    let maxLength: Int
    let unit: CompletionLength.Unit
    let fallback: CompletionLength.TokenFallback
    let clamp: Bool
    let math: MathVerifier

    public init(params: inout VerifierParams) throws {
        minValueWrong = try params.double("min_value_wrong", default: -1.0)
        maxValueWrong = try params.double("max_value_wrong", default: -0.5)
        minValueCorrect = try params.double("min_value_correct", default: 0.5)
        maxValueCorrect = try params.double("max_value_correct", default: 1.0)
        maxLength = try params.int("max_len", default: 1000, in: 1...100_000_000)
        unit = try params.choice("length", default: .chars)
        if unit == .chars && params.values["fallback"] != nil {
            throw VerifierParams.Failure(key: "fallback", message: "only used with length: tokens")
        }
        fallback = try params.choice("fallback", default: .bytesPer4)
        clamp = try params.bool("clamp", default: true)
        var mathParams = VerifierParams()
        math = try MathVerifier(params: &mathParams)
        version = "1+math\(math.version)"
        canonicalParams = .object(params.values)
    }

    /// The reward for a length, given correctness.
    func reward(length: Int, correct: Bool) -> Double {
        let l = clamp ? min(length, maxLength) : length
        let cosine = cos(Double(l) / Double(maxLength) * .pi)
        let (lo, hi) = correct ? (minValueCorrect, maxValueCorrect) : (maxValueWrong, minValueWrong)
        return lo + 0.5 * (hi - lo) * (1 + cosine)
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        let graded = try await math.verify(input)
        var detail: [String: JSONValue] = ["math": ["verdict": .string(graded.verdict.rawValue), "detail": graded.detail ?? .null]]
        if graded.status == .error && graded.verdict == .unparsable {
            detail["reason"] = "the gold cannot be parsed; open-r1 scores such items 1.0"
            return VerifierResult(score: 1, verdict: .unparsable, detail: .object(detail))
        }
        guard graded.status == .ok else { return graded }
        let length: CompletionLength
        switch unit {
        case .chars: length = .characters(of: input.completion)
        case .tokens:
            guard let tokens = CompletionLength.tokens(of: input.item, fallback: fallback) else { return CompletionLength.missingTokens }
            length = tokens
        }
        let correct = graded.verdict == .correct
        let score = reward(length: length.value, correct: correct)
        detail.merge(length.detail) { _, new in new }
        detail["max_len"] = .int(maxLength)
        detail["summary"] = .string(length.summary("\(correct ? "correct" : "wrong"), max_len \(maxLength)", score: score))
        return VerifierResult(score: score, verdict: correct ? .correct : .wrong, detail: .object(detail))
    }
}
