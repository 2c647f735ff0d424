import AssayCore

/// `steps`: a penalty for false arithmetic in the reasoning. Finds checkable claims in `<think>` — equalities
/// (`12 \times 7 = 84`, `\frac34 + \frac18 = \frac78`), comparisons (`3.11 > 3.8`), chains (`a = b = c`) — and
/// evaluates each exactly (see ``StepChecker``).
///
/// Verdicts: `clean` (claims checked, none false), `false_claims`, `no_claims` (nothing checkable). The score is
/// never positive, so writing many claims earns nothing: 0 when no claim is false, otherwise
/// `-min(max_penalty, per_false_claim × false)` (`penalty: count`) or `-max_penalty` (`penalty: any`).
/// `detail` counts true, false and uncheckable claims and quotes each false one with its byte offset and line.
public struct StepsVerifier: Verifier {
    public let name = "steps"
    public let version = "1"
    public let cost = VerifierCost.expensive
    public let canonicalParams: JSONValue
    public let honoursDeadline = true

    public enum Scope: String, CaseIterable, Sendable {
        /// The `<think>` block; without one, the text before `<answer>` (or everything).
        case think
        case all
    }

    public enum Penalty: String, CaseIterable, Sendable {
        /// `per_false_claim` for each false claim, capped at `max_penalty`.
        case count
        /// `max_penalty` for any false claim.
        case any
    }

    let scope: Scope
    let penalty: Penalty
    let perFalseClaim: Double
    let maxPenalty: Double
    let options: StepCheckOptions
    /// Most false claims quoted in `detail`.
    static let quoted = 20

    public init(params: inout VerifierParams) throws {
        scope = try params.choice("scope", default: .think)
        penalty = try params.choice("penalty", default: .count)
        perFalseClaim = try params.double("per_false_claim", default: 0.5, in: 0...10)
        maxPenalty = try params.double("max_penalty", default: 1, in: 0...100)
        var options = StepCheckOptions()
        options.maxClaims = try params.int("max_claims", default: options.maxClaims, in: 1...10_000)
        options.plainText = try params.bool("plain_text", default: true)
        options.forgiveRetracted = try params.bool("forgive_retracted", default: true)
        self.options = options
        canonicalParams = .object(params.values)
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        let bytes = Array(input.completion.utf8)
        let range = scope == .think ? Self.thinkRange(bytes) : 0..<bytes.count
        var options = self.options
        options.deadline = input.deadline
        let report = StepChecker.check(bytes, range: range, options: options)
        let falseCount = report.falseCount
        var detail: [String: JSONValue] = [
            "true": .int(report.trueCount), "false": .int(falseCount), "uncheckable": .int(report.uncheckableCount),
            "scope": .string(scope.rawValue),
        ]
        if report.skipped > 0 { detail["skipped"] = .int(report.skipped) }
        if falseCount > 0 {
            detail["false_claims"] = .array(
                report.falseClaims.prefix(Self.quoted).map { claim in
                    .object([
                        "claim": .string(claim.text), "offset": .int(claim.offset), "line": .int(claim.line),
                        "reason": .string(claim.reason),
                    ])
                })
        }
        let score: Double
        switch penalty {
        case .count: score = falseCount == 0 ? 0 : -min(maxPenalty, perFalseClaim * Double(falseCount))
        case .any: score = falseCount == 0 ? 0 : -maxPenalty
        }
        let verdict: AssayCore.Verdict = falseCount > 0 ? "false_claims" : report.trueCount > 0 ? "clean" : "no_claims"
        if report.timedOut {
            detail["error"] = "the item's time budget ran out during the scan; counts cover the text before it"
            return VerifierResult(score: score, verdict: .timeout, detail: .object(detail), status: .timeout)
        }
        return VerifierResult(score: score, verdict: verdict, detail: .object(detail))
    }

    /// The `<think>` block's content (``ThinkSplit``); without one, the text before `<answer>`, else everything.
    static func thinkRange(_ b: [UInt8]) -> Range<Int> {
        let split = ThinkSplit(b, thinkOpenedInPrompt: false)
        if let think = split.think { return think }
        return 0..<(ByteText.find(b, TagScanner.answerOpen, from: 0, end: b.count) ?? b.count)
    }
}
