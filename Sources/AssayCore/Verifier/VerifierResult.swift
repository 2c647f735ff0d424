/// What one verifier says about one item.
public struct VerifierResult: Sendable, Hashable, Codable {
    /// The verifier's own score, usually in [0, 1]; a rule's score map may replace it by verdict.
    public var score: Double
    public var verdict: Verdict
    /// Free-form evidence (extracted answer, per-language shares, failed check…).
    public var detail: JSONValue?
    public var status: ItemStatus

    public init(score: Double, verdict: Verdict, detail: JSONValue? = nil, status: ItemStatus = .ok) {
        self.score = score
        self.verdict = verdict
        self.detail = detail
        self.status = status
    }

    /// A result for an item that hit a bound or failed: score 0 and a verdict named after the status.
    public static func failure(_ status: ItemStatus, _ message: String) -> VerifierResult {
        let verdict: Verdict =
            switch status {
            case .limit: .limit
            case .timeout: .timeout
            default: .error
            }
        return VerifierResult(score: 0, verdict: verdict, detail: ["error": .string(message)], status: status)
    }
}
