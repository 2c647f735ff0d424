/// Extracts the final answer from a model completion.
///
/// The scanners are hand-written, work on UTF-8 bytes and are linear in the completion length
/// (no regular expressions), so a 1 MB completion or `\boxed{` repeated 100,000 times returns quickly.
///
/// Rules, in order:
/// 1. Completions longer than ``ExtractionOptions/maxCompletionBytes`` → `noAnswer`.
/// 2. Reasoning: when a `</think>` is present only the text after the last `</think>` is searched
///    (the chain of thought is not the answer). A `<think>` that is never closed means the output was
///    cut off while reasoning → `noAnswer`. When the text after `</think>` holds no answer but the
///    reasoning does, the result is `noAnswer(reason: "answer only inside <think>")` (after the
///    fallback, which also only looks after `</think>`).
/// 3. ``ExtractionOptions/Source/answerTag`` / ``ExtractionOptions/Source/any``: the last
///    `<answer>…</answer>` block; its content trimmed, or the box inside it if it holds one
///    (`"answer_tag+boxed"`). An unclosed last `<answer>` → `noAnswer` (truncated).
/// 4. ``ExtractionOptions/Source/boxed`` / ``ExtractionOptions/Source/any``: the last top-level
///    `\boxed{…}` / `\fbox{…}` (nested braces, escaped braces, `\boxed 5`). A box still open at the end
///    of the text → `noAnswer` (truncated; never an earlier box). The final answer is the last box
///    together with the boxes right before it joined by short text on the same paragraph; if they
///    differ (ignoring whitespace) the answer is `hedged`.
/// 5. ``ExtractionOptions/Source/any`` only: the last phrase — "final answer is …", "Answer: …",
///    `A: …` at the start of a line, `#### …` — with `$…$`, `\(…\)` and a trailing period removed.
/// 6. ``ExtractionOptions/Fallback/lastNumber``: the last number after the reasoning block.
public enum AnswerExtractor {
    /// Extracts the final answer from `completion`.
    /// - Parameters:
    ///   - completion: The model output (the whole completion, including any `<think>` block).
    ///   - options: Where to look and what to do when nothing explicit is found.
    /// - Returns: The answer with its source, the hedged candidates, or the reason nothing was found.
    public static func extract(from completion: String, options: ExtractionOptions = .init()) -> ExtractionOutcome {
        let size = completion.utf8.count
        if size > options.maxCompletionBytes {
            return .noAnswer(reason: "completion is \(size) bytes, over the \(options.maxCompletionBytes)-byte limit")
        }
        let b = Array(completion.utf8)
        switch TagScanner.region(b) {
        case .unclosedThink:
            return .noAnswer(reason: "unclosed <think> (output truncated while reasoning)")
        case .whole(let range):
            return finish(b, range, explicit(b, range, options), options)
        case .afterThink(let answer, let reasoning):
            let found = explicit(b, answer, options)
            if case .none = found, options.fallback == .none || LastNumberScanner.lastNumber(b, answer) == nil {
                if case .none = explicit(b, reasoning, options) {
                    return .noAnswer(reason: "no answer after </think>")
                }
                return .noAnswer(reason: "answer only inside <think>")
            }
            return finish(b, answer, found, options)
        }
    }

    /// The result of looking for an explicit answer (tag, box or phrase) in one range.
    private enum Found {
        case outcome(ExtractionOutcome)
        case none(reason: String)
    }

    private static func finish(_ b: [UInt8], _ range: Range<Int>, _ found: Found, _ options: ExtractionOptions)
        -> ExtractionOutcome
    {
        switch found {
        case .outcome(let outcome):
            return outcome
        case .none(let reason):
            if options.fallback == .lastNumber, let number = LastNumberScanner.lastNumber(b, range) {
                return .answer(number, source: "last_number")
            }
            return .noAnswer(reason: reason)
        }
    }

    private static func explicit(_ b: [UInt8], _ range: Range<Int>, _ options: ExtractionOptions) -> Found {
        if options.source != .boxed {
            switch TagScanner.answerBlock(b, range) {
            case .unclosed:
                return .outcome(.noAnswer(reason: "unclosed <answer> (output truncated)"))
            case .closed(let content):
                return .outcome(fromAnswerTag(b, content, options))
            case .absent:
                if options.source == .answerTag { return .none(reason: "no <answer> tag") }
            }
        }
        let boxes = BoxScanner.scan(b, range)
        if boxes.sawBoxCommand {
            return .outcome(fromBoxes(b, boxes, options, source: "boxed", group: true))
        }
        if options.source == .boxed { return .none(reason: "no \\boxed{} answer") }
        if let phrase = PhraseScanner.lastPhrase(b, range) {
            let inner = BoxScanner.scan(b, phrase.value)
            if inner.sawBoxCommand { return .outcome(fromBoxes(b, inner, options, source: phrase.source, group: false)) }
            return .outcome(.answer(ByteText.string(b, phrase.value), source: phrase.source))
        }
        return .none(reason: "no <answer> tag, \\boxed{} or answer phrase")
    }

    private static func fromAnswerTag(_ b: [UInt8], _ content: Range<Int>, _ options: ExtractionOptions)
        -> ExtractionOutcome
    {
        let boxes = BoxScanner.scan(b, content)
        if boxes.sawBoxCommand {
            return fromBoxes(b, boxes, options, source: "answer_tag+boxed", group: false)
        }
        let cleaned = AnswerCleanup.clean(b, content)
        if cleaned.isEmpty { return .noAnswer(reason: "empty <answer> block") }
        return .answer(ByteText.string(b, cleaned), source: "answer_tag")
    }

    /// Decides among boxes: truncation, hedging, or the last box.
    /// - Parameter group: whether only the final group of boxes counts (`true` in free text) or every
    ///   box in the range (`false` inside an `<answer>` block or after a phrase).
    private static func fromBoxes(
        _ b: [UInt8], _ result: BoxScanner.Result, _ options: ExtractionOptions, source: String, group: Bool
    ) -> ExtractionOutcome {
        if result.unterminated {
            return .noAnswer(reason: "unterminated \\boxed{ at the end (output truncated)")
        }
        let final = group ? BoxScanner.finalGroup(b, result.boxes) : result.boxes[...]
        guard let last = final.last else { return .noAnswer(reason: "no \\boxed{} answer") }
        if options.hedgingIsWrong, final.count > 1 {
            var distinct: [String] = []
            var keys: Set<String> = []
            for box in final {
                let text = ByteText.string(b, box.content)
                if keys.insert(ByteText.squeezed(text)).inserted { distinct.append(text) }
            }
            if distinct.count > 1 { return .hedged(distinct) }
        }
        if last.content.isEmpty { return .noAnswer(reason: "empty \\boxed{}") }
        return .answer(ByteText.string(b, last.content), source: source)
    }
}
