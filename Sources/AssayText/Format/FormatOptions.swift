/// How ``R1FormatChecker`` judges a completion against the DeepSeek-R1 layout
/// `<think>…</think><answer>…</answer>`.
public struct FormatOptions: Sendable, Equatable, Hashable {
    /// R1-Zero prompts end with `<think>`, so the completion starts *inside* the think block.
    /// The completion is then judged as if `<think>` were prepended to it: it must not contain
    /// another `<think>`, and the think text runs from the start of the completion.
    public var thinkOpenedInPrompt: Bool = false
    /// open-r1 strict layout: `<think>\n…\n</think>\n<answer>\n…\n</answer>` with nothing
    /// (not even whitespace) before `<think>`, `\n` exactly where shown (a `\r\n` does not count),
    /// and `</answer>` followed by the end of the text or a `\n`. Adds the `newlines` check.
    public var requireNewlines: Bool = false
    /// Allow arbitrary text before `<think>` (drops the `nothing_before_think` check).
    /// Leading whitespace is always fine (except under ``requireNewlines``, see there).
    public var allowTextBeforeThink: Bool = false
    /// Allow arbitrary text after the last `</answer>` (drops the `nothing_after_answer` check).
    /// Trailing whitespace is always fine.
    public var allowTextAfterAnswer: Bool = false
    /// Name of the reasoning tag, without angle brackets.
    public var thinkTag: String = "think"
    /// Name of the answer tag, without angle brackets.
    public var answerTag: String = "answer"

    /// Creates options; every argument has the default shown on the property.
    public init(thinkOpenedInPrompt: Bool = false, requireNewlines: Bool = false,
                allowTextBeforeThink: Bool = false, allowTextAfterAnswer: Bool = false,
                thinkTag: String = "think", answerTag: String = "answer") {
        self.thinkOpenedInPrompt = thinkOpenedInPrompt
        self.requireNewlines = requireNewlines
        self.allowTextBeforeThink = allowTextBeforeThink
        self.allowTextAfterAnswer = allowTextAfterAnswer
        self.thinkTag = thinkTag
        self.answerTag = answerTag
    }
}

/// One named rule of the format check.
public struct FormatCheck: Sendable, Equatable, Hashable {
    /// Stable identifier, e.g. `"one_think_open"` (see ``R1FormatChecker`` for the list).
    public var name: String
    /// Whether the completion satisfies the rule.
    public var passed: Bool
    /// Why the rule failed (`nil` when it passed).
    public var message: String?

    /// Creates a check result.
    public init(name: String, passed: Bool, message: String? = nil) {
        self.name = name
        self.passed = passed
        self.message = message
    }
}

/// The outcome of ``R1FormatChecker/check(_:options:)``.
public struct FormatReport: Sendable, Equatable {
    /// Every applicable rule, in a fixed order.
    public var checks: [FormatCheck]
    /// Partial credit: passed checks / all checks (0 when there are no checks).
    public var passedFraction: Double
    /// `true` when every check passed.
    public var wellFormed: Bool
    /// Raw content of the first think block (newlines included, not trimmed); best effort on
    /// malformed input, `nil` when there is no think block at all.
    public var thinkText: Substring?
    /// Raw content of the last answer block (not trimmed); best effort on malformed input,
    /// `nil` when there is no `<answer>` at all.
    public var answerText: Substring?

    /// Creates a report; ``passedFraction`` and ``wellFormed`` are derived from `checks`.
    public init(checks: [FormatCheck], thinkText: Substring?, answerText: Substring?) {
        self.checks = checks
        let passed = checks.reduce(0) { $0 + ($1.passed ? 1 : 0) }
        self.passedFraction = checks.isEmpty ? 0 : Double(passed) / Double(checks.count)
        self.wellFormed = passed == checks.count
        self.thinkText = thinkText
        self.answerText = answerText
    }

    /// The check called `name`, if it was applicable.
    public func check(named name: String) -> FormatCheck? {
        checks.first { $0.name == name }
    }

    /// Names of the failed checks, in order.
    public var failedChecks: [String] {
        checks.filter { !$0.passed }.map(\.name)
    }
}
