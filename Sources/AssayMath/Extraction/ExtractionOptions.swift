/// Configuration for ``AnswerExtractor``: where to look for the final answer, what to do when
/// nothing explicit is found, and how to treat several different boxed answers.
public struct ExtractionOptions: Sendable, Equatable {
    /// Where the final answer may come from.
    public enum Source: String, Sendable, CaseIterable {
        /// Only an `<answer>…</answer>` block (and the `\boxed{}` inside it, if any).
        case answerTag = "answer"
        /// Only the last `\boxed{…}` / `\fbox{…}`.
        case boxed
        /// An `<answer>` block if present (then the box inside it, if any), else the last box,
        /// else a phrase such as "The final answer is …", "Answer: …", "A: …" or "#### …".
        case any
    }

    /// What to do when no explicit answer is found.
    public enum Fallback: String, Sendable, CaseIterable {
        /// Use the last number in the text after the reasoning block.
        case lastNumber = "last_number"
        /// Report ``ExtractionOutcome/noAnswer(reason:)``.
        case none
    }

    /// Where the final answer may come from. Default ``Source/any``.
    public var source: Source = .any
    /// What to do when nothing explicit is found. Default ``Fallback/none``.
    /// The fallback never applies to truncated output (an unterminated box, `<answer>` or `<think>`)
    /// nor to hedged answers.
    public var fallback: Fallback = .none
    /// When the final answer holds several *different* boxed answers ("\boxed{1} or \boxed{2}"),
    /// report ``ExtractionOutcome/hedged(_:)`` (default). When `false`, the last box wins.
    public var hedgingIsWrong = true
    /// Completions longer than this many UTF-8 bytes are not scanned and yield
    /// ``ExtractionOutcome/noAnswer(reason:)``.
    public var maxCompletionBytes = 1 << 20

    /// Creates extraction options; every parameter has the documented default.
    public init(
        source: Source = .any,
        fallback: Fallback = .none,
        hedgingIsWrong: Bool = true,
        maxCompletionBytes: Int = 1 << 20
    ) {
        self.source = source
        self.fallback = fallback
        self.hedgingIsWrong = hedgingIsWrong
        self.maxCompletionBytes = maxCompletionBytes
    }
}
