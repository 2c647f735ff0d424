import Foundation
import AssayMath

/// The final answer the judge is shown, found by the math verifier's extractor (`<answer>`, `\boxed{}`,
/// "final answer" phrases) or, for free-form answers, as the text after the reasoning block.
enum JudgeAnswerExtraction {
    enum Outcome: Equatable {
        case answer(String, source: String)
        case hedged([String])
        case none(reason: String)
    }

    static func extract(_ completion: String, source: JudgeVerifier.AnswerSource) -> Outcome {
        var options = ExtractionOptions()
        switch source {
        case .answer: options.source = .answerTag
        case .boxed: options.source = .boxed
        case .any: options.source = .any
        case .text: return afterThink(completion)
        }
        switch AnswerExtractor.extract(from: completion, options: options) {
        case .answer(let text, let from):
            return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                ? .none(reason: "the final answer is empty") : .answer(text, source: from)
        case .hedged(let answers):
            return .hedged(answers)
        case .noAnswer(let reason):
            // Free-form completions state their answer without a tag or box: use the text after the reasoning.
            // Where the tail holds answer markup (an empty or unclosed <answer>, an empty or unterminated box) the
            // answer is missing or truncated, not free-form; an unclosed <think> is truncated too (afterThink).
            guard source == .any else { return .none(reason: reason) }
            let free = afterThink(completion)
            if case .answer(let text, _) = free, text.contains("<answer") || text.contains("\\boxed") || text.contains("\\fbox") {
                return .none(reason: reason)
            }
            return free
        }
    }

    /// The trimmed text after the last `</think>`, or the whole completion when it has none.
    static func afterThink(_ completion: String) -> Outcome {
        if completion.contains("<think>") && !completion.contains("</think>") {
            return .none(reason: "unclosed <think> (output truncated while reasoning)")
        }
        let tail = completion.range(of: "</think>", options: .backwards).map { completion[$0.upperBound...] } ?? completion[...]
        let text = tail.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? .none(reason: "no text after the reasoning") : .answer(text, source: "text")
    }
}
