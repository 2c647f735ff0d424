import AssayCore

/// `language`: the share of the target language in a scope of the completion, as DeepSeek-R1's
/// language-consistency reward (proportion of target-language words in the chain of thought).
///
/// Words count for space-separated scripts and characters for CJK, after code, LaTeX, numbers and URLs are removed.
/// The score is the share (or 1/0 against `threshold` when `binary: true`); an empty scope scores `empty_score`.
public struct LanguageVerifier: Verifier {
    public let name = "language"
    public let version = "1"
    public let cost = VerifierCost.cheap
    public let canonicalParams: JSONValue

    public enum Scope: String, CaseIterable, Sendable { case think, answer, all }

    static let targets: Set<String> = [
        "en", "fr", "de", "es", "it", "pt", "ru", "ar", "hi", "zh", "ja", "ko",
        "latin", "cyrillic", "arabic", "devanagari", "cjk",
    ]

    let target: String
    let scope: Scope
    let threshold: Double
    let binary: Bool
    let emptyScore: Double
    let options: FormatOptions

    public init(params: inout VerifierParams) throws {
        target = try params.string("target", default: "en")
        guard Self.targets.contains(target) else {
            throw VerifierParams.Failure(
                key: "target", message: "unsupported language \"\(target)\" (supported: \(Self.targets.sorted().joined(separator: ", ")))")
        }
        scope = try params.choice("scope", default: .think)
        threshold = try params.double("threshold", default: 0.95, in: 0...1)
        binary = try params.bool("binary", default: false)
        emptyScore = try params.double("empty_score", default: 1.0)
        var options = FormatOptions()
        options.thinkOpenedInPrompt = try params.bool("think_opened_in_prompt", default: false)
        self.options = options
        canonicalParams = .object(params.values)
        // Parse the language profiles now (a few ms, once per process) rather than inside the first batch.
        _ = LanguageIdentifier.shares(in: "warm up the profiles")
    }

    /// The text the share is measured on. A missing block falls back to the whole completion, since the
    /// completion still has a language (the format component judges the tags).
    func scopeText(_ completion: String) -> Substring {
        switch scope {
        case .all:
            return completion[...]
        case .think:
            return R1FormatChecker.check(completion, options: options).thinkText ?? completion[...]
        case .answer:
            return R1FormatChecker.check(completion, options: options).answerText ?? completion[...]
        }
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        let shares = LanguageIdentifier.shares(in: String(scopeText(input.completion)))
        var detail: [String: JSONValue] = ["scope": .string(scope.rawValue), "units": .double(shares.total)]
        var byLanguage: [String: JSONValue] = [:]
        for (code, units) in shares.units where units > 0 {
            byLanguage[code] = .double((units / shares.total * 1000).rounded() / 1000)
        }
        detail["shares"] = .object(byLanguage)
        guard shares.total > 0 else {
            return VerifierResult(score: emptyScore, verdict: "empty", detail: .object(detail))
        }
        let share = shares.share(of: target)
        detail["target_share"] = .double(share)
        let passed = share >= threshold
        let score = binary ? (passed ? 1 : 0) : share
        return VerifierResult(score: score, verdict: passed ? .correct : .wrong, detail: .object(detail))
    }
}
