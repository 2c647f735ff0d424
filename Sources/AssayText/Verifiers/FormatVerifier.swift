import AssayCore

/// `format`: does the completion follow the R1 template `<think>…</think><answer>…</answer>`?
///
/// Modes: `tags` (default) checks tag counts, order, a non-empty answer and nothing outside the blocks,
/// with partial credit as a param; `open_r1` applies open-r1's `format_reward` pattern; `pattern` applies a custom
/// PCRE2 pattern. Every pattern runs under PCRE2's match limit, so a catastrophic pattern or input comes back with
/// status `limit` instead of hanging.
public struct FormatVerifier: Verifier {
    public let name = "format"
    public let version = "1"
    public let cost = VerifierCost.cheap
    public let canonicalParams: JSONValue

    public enum Mode: String, CaseIterable, Sendable { case tags, openR1 = "open_r1", pattern }

    let mode: Mode
    let options: FormatOptions
    let partialCredit: Bool
    let pattern: PCRE2Pattern?
    let limits: PCRE2Limits

    public init(params: inout VerifierParams) throws {
        mode = try params.choice("mode", default: .tags)
        var options = FormatOptions()
        options.thinkOpenedInPrompt = try params.bool("think_opened_in_prompt", default: false)
        options.requireNewlines = try params.bool("require_newlines", default: false)
        options.allowTextBeforeThink = try params.bool("allow_text_before_think", default: false)
        options.allowTextAfterAnswer = try params.bool("allow_text_after_answer", default: false)
        options.thinkTag = try params.string("think_tag", default: "think")
        options.answerTag = try params.string("answer_tag", default: "answer")
        self.options = options
        partialCredit = try params.bool("partial_credit", default: false)
        var limits = PCRE2Limits()
        limits.matchLimit = UInt32(try params.int("match_limit", default: Int(limits.matchLimit), in: 1_000...100_000_000))
        self.limits = limits
        let patternText = try params.optionalString("pattern")
        let caseless = try params.bool("caseless", default: false)
        let dotAll = try params.bool("dot_all", default: true)
        let multiline = try params.bool("multiline", default: false)
        switch mode {
        case .tags:
            if patternText != nil { throw VerifierParams.Failure(key: "pattern", message: "only used with mode: pattern") }
            pattern = nil
        case .openR1:
            if patternText != nil { throw VerifierParams.Failure(key: "pattern", message: "only used with mode: pattern") }
            do {
                pattern = try R1FormatChecker.openR1Regex(thinkTag: options.thinkTag, answerTag: options.answerTag)
            } catch {
                throw VerifierParams.Failure(key: "think_tag", message: "tags make an invalid pattern: \(error.message)")
            }
        case .pattern:
            guard let patternText else {
                throw VerifierParams.Failure(key: "pattern", message: "mode: pattern needs a PCRE2 `pattern`")
            }
            pattern = try Self.compile(patternText, key: "pattern", caseless: caseless, dotAll: dotAll, multiline: multiline)
        }
        canonicalParams = .object(params.values)
    }

    static func compile(_ text: String, key: String, caseless: Bool, dotAll: Bool, multiline: Bool) throws -> PCRE2Pattern {
        var options = PCRE2Options.default
        if caseless { options.insert(.caseless) }
        if dotAll { options.insert(.dotAll) }
        if multiline { options.insert(.multiline) }
        do {
            return try PCRE2Pattern(text, options: options)
        } catch {
            throw VerifierParams.Failure(key: key, message: "invalid PCRE2 pattern at byte \(error.offset): \(error.message)")
        }
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        if let pattern {
            switch pattern.firstMatch(in: input.completion, limits: limits) {
            case .match:
                return VerifierResult(score: 1, verdict: .correct, detail: ["mode": .string(mode.rawValue)])
            case .noMatch:
                return VerifierResult(score: 0, verdict: .wrong, detail: ["mode": .string(mode.rawValue)])
            case .limitExceeded(let kind):
                return .failure(.limit, "PCRE2 \(kind) exceeded while matching the format pattern")
            case .error(let code, let message):
                return .failure(.error, "PCRE2 error \(code): \(message)")
            }
        }
        let report = R1FormatChecker.check(input.completion, options: options)
        if report.wellFormed {
            return VerifierResult(score: 1, verdict: .correct)
        }
        let failed = report.checks.filter { !$0.passed }
        let detail: JSONValue = [
            "failed": .array(failed.map { .string($0.name) }),
            "message": failed.first?.message.map(JSONValue.string) ?? .null,
            "passed_fraction": .double(report.passedFraction),
        ]
        if partialCredit && report.passedFraction > 0 {
            return VerifierResult(score: report.passedFraction, verdict: .partial, detail: detail)
        }
        return VerifierResult(score: 0, verdict: .wrong, detail: detail)
    }
}
