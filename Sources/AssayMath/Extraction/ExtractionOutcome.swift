/// The result of ``AnswerExtractor/extract(from:options:)``.
public enum ExtractionOutcome: Sendable, Equatable {
    /// The extracted final answer (raw LaTeX or text, trimmed; not normalised) and where it came from:
    /// `"answer_tag"`, `"boxed"`, `"answer_tag+boxed"`, `"phrase:final answer"`, `"phrase:Answer:"`,
    /// `"phrase:A:"`, `"phrase:####"` or `"last_number"`.
    case answer(String, source: String)
    /// The final answer holds several different boxed answers (in order of appearance, duplicates removed).
    /// Never merged into a set: a hedged answer is not a correct answer.
    case hedged([String])
    /// Nothing extractable, with a human-readable reason. Truncated output (an unterminated final
    /// `\boxed{`, an unclosed `<answer>` or `<think>`) always ends here.
    case noAnswer(reason: String)

    /// The extracted answer string, or `nil` for ``hedged(_:)`` and ``noAnswer(reason:)``.
    public var answerText: String? {
        if case .answer(let text, _) = self { return text }
        return nil
    }
}
