/// Locates the reasoning block (`<think>…</think>`) and the `<answer>…</answer>` block.
/// Tags are matched ignoring ASCII case. All searches are linear.
enum TagScanner {
    static let thinkOpen = Array("<think>".utf8)
    static let thinkClose = Array("</think>".utf8)
    static let answerOpen = Array("<answer>".utf8)
    static let answerClose = Array("</answer>".utf8)

    /// Where the answer may be looked for, given the reasoning block.
    enum Region {
        /// No reasoning block: the whole text.
        case whole(Range<Int>)
        /// A closed reasoning block: `answer` is the text after the last `</think>`,
        /// `reasoning` the text before it.
        case afterThink(answer: Range<Int>, reasoning: Range<Int>)
        /// `<think>` was opened and never closed: the completion was cut off while reasoning.
        case unclosedThink
    }

    static func region(_ b: [UInt8]) -> Region {
        let end = b.count
        if let close = ByteText.findLast(b, thinkClose, from: 0, end: end) {
            return .afterThink(answer: (close + thinkClose.count)..<end, reasoning: 0..<close)
        }
        if ByteText.find(b, thinkOpen, from: 0, end: end) != nil { return .unclosedThink }
        return .whole(0..<end)
    }

    /// The `<answer>` block in a range.
    enum AnswerBlock {
        /// No `<answer>` tag.
        case absent
        /// The content of the last `<answer>` block (between the tags, untrimmed).
        case closed(Range<Int>)
        /// The last `<answer>` is never closed: truncated output.
        case unclosed
    }

    static func answerBlock(_ b: [UInt8], _ range: Range<Int>) -> AnswerBlock {
        guard let open = ByteText.findLast(b, answerOpen, from: range.lowerBound, end: range.upperBound) else {
            return .absent
        }
        let contentStart = open + answerOpen.count
        guard let close = ByteText.find(b, answerClose, from: contentStart, end: range.upperBound) else {
            return .unclosed
        }
        return .closed(contentStart..<close)
    }
}
