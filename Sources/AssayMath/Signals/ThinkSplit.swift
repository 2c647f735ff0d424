/// The reasoning block and the final part of an R1-layout completion (`<think>…</think><answer>…</answer>`), as byte
/// ranges. Tags are matched ignoring ASCII case, like ``TagScanner``; the final part starts after the last `</think>`.
struct ThinkSplit {
    enum Shape: Equatable {
        /// No `<think>` or `</think>` (and the prompt did not open the block).
        case noThink
        /// A closed reasoning block.
        case closed
        /// A reasoning block that never closes: the output was cut off while reasoning.
        case unclosed
    }

    var shape: Shape
    /// The reasoning block's content; nil for ``Shape/noThink``.
    var think: Range<Int>?
    /// The text after the last `</think>` (the whole text without a reasoning block, empty when unclosed).
    var final: Range<Int>

    /// - Parameter thinkOpenedInPrompt: the template already opened `<think>`, so the completion starts inside it.
    init(_ b: [UInt8], thinkOpenedInPrompt: Bool) {
        let end = b.count
        let close = ByteText.findLast(b, TagScanner.thinkClose, from: 0, end: end)
        let open = ByteText.find(b, TagScanner.thinkOpen, from: 0, end: close ?? end)
        let start = open.map { $0 + TagScanner.thinkOpen.count } ?? 0
        if let close {
            shape = .closed
            think = start..<max(start, close)
            final = (close + TagScanner.thinkClose.count)..<end
        } else if open != nil || thinkOpenedInPrompt {
            shape = .unclosed
            think = start..<end
            final = end..<end
        } else {
            shape = .noThink
            think = nil
            final = 0..<end
        }
    }

    /// The final answer region: the last closed `<answer>` block inside ``final``, else ``final`` itself.
    func answerRegion(_ b: [UInt8]) -> Range<Int> {
        if case .closed(let content) = TagScanner.answerBlock(b, final) { return content }
        return final
    }
}
