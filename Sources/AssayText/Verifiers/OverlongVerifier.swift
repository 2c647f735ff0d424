import AssayCore

/// `overlong`: DAPO's soft overlong punishment (Yu et al., *DAPO: An Open-Source LLM Reinforcement Learning
/// System at Scale*, 2025, Eq. 13; verl's `DAPORewardManager`, `overlong_buffer`). With `L_max = max_length` and
/// `L_cache = buffer`:
///
/// - `0` when `L ≤ L_max − L_cache` (verdict `ok`),
/// - `((L_max − L_cache) − L) / L_cache` when `L_max − L_cache < L ≤ L_max` (verdict `buffer`; −1 at `L_max`),
/// - `−1` when `L > L_max` (verdict `over`; verl keeps going linearly, but its responses never exceed `L_max`),
///
/// times `penalty_factor`. `L` is the item's `completion_tokens`, the trainer's own count; without it, the
/// `fallback` estimate: `bytes_per_4` (⌈UTF-8 bytes / 4⌉, default), `words`, `chars`, or `none` (item `invalid`).
public struct OverlongVerifier: Verifier {
    public let name = "overlong"
    public let version = "1"
    public let cost = VerifierCost.cheap
    public let canonicalParams: JSONValue

    let maxLength: Int
    let buffer: Int
    let penaltyFactor: Double
    let fallback: CompletionLength.TokenFallback

    public init(params: inout VerifierParams) throws {
        guard params.values["max_length"] != nil else {
            throw VerifierParams.Failure(
                key: "max_length", message: "required: the trainer's maximum response length in tokens (DAPO: 20480)")
        }
        maxLength = try params.int("max_length", default: 0, in: 1...100_000_000)
        buffer = try params.int("buffer", default: 4096, in: 1...100_000_000)
        guard buffer <= maxLength else {
            throw VerifierParams.Failure(key: "buffer", message: "must be ≤ max_length (\(maxLength)); got \(buffer)")
        }
        penaltyFactor = try params.double("penalty_factor", default: 1.0, in: 0...1_000)
        fallback = try params.choice("fallback", default: .bytesPer4)
        canonicalParams = .object(params.values)
    }

    /// The penalty before `penalty_factor`, in −1…0, and its verdict.
    func penalty(length: Int) -> (value: Double, verdict: Verdict) {
        let expected = maxLength - buffer
        if length <= expected { return (0, "ok") }
        if length <= maxLength { return (Double(expected - length) / Double(buffer), "buffer") }
        return (-1, "over")
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        guard let length = CompletionLength.tokens(of: input.item, fallback: fallback) else { return CompletionLength.missingTokens }
        let (value, verdict) = penalty(length: length.value)
        let score = value == 0 ? 0 : value * penaltyFactor
        var detail = length.detail
        detail["max_length"] = .int(maxLength)
        detail["buffer"] = .int(buffer)
        detail["summary"] = .string(length.summary("max \(maxLength), buffer \(buffer)", score: score))
        return VerifierResult(score: score, verdict: verdict, detail: .object(detail))
    }
}
