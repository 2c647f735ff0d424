/// The final answer a reasoning block states, if any: whichever comes last of its last `\boxed{}` (``BoxScanner``), its
/// last answer phrase (``PhraseScanner``: "final answer is …", "final answer: …", "Answer: …") and its last
/// "answer is X" where X starts like a value (a digit, a sign, `$`, `\`, a bracket).
struct ThinkStatement {
    var text: String
    /// UTF-8 byte offset of the stated value in the completion.
    var offset: Int
    /// `boxed`, `phrase:final answer`, `phrase:Answer:`, `phrase:answer is`, …
    var source: String

    /// A statement longer than this is prose, not a stated answer.
    static let maxBytes = 500

    static func find(_ b: [UInt8], in range: Range<Int>) -> ThinkStatement? {
        var best: ThinkStatement?
        func consider(_ value: Range<Int>, _ source: String) {
            guard !value.isEmpty, value.count <= maxBytes, best.map({ value.lowerBound > $0.offset }) ?? true else { return }
            best = ThinkStatement(text: ByteText.string(b, value), offset: value.lowerBound, source: source)
        }
        if let phrase = PhraseScanner.lastPhrase(b, range) { consider(phrase.value, phrase.source) }
        if let value = lastAnswerIs(b, range) { consider(value, "phrase:answer is") }
        if let box = BoxScanner.scan(b, range).boxes.last { consider(box.content, "boxed") }
        return best
    }

    private static let answerIs = Array("answer is".utf8)

    /// The value after the last "answer is" whose value starts like one; at most 64 occurrences are tried.
    private static func lastAnswerIs(_ b: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        var hi = range.upperBound
        for _ in 0..<64 {
            guard let p = ByteText.findLast(b, answerIs, from: range.lowerBound, end: hi) else { return nil }
            hi = p + answerIs.count - 1
            var i = p + answerIs.count
            while i < range.upperBound, b[i] == 0x20 || b[i] == UInt8(ascii: ":") || b[i] == UInt8(ascii: "*") { i += 1 }
            guard i < range.upperBound, startsValue(b[i]) else { continue }
            let value = valueSpan(b, i, range.upperBound)
            let cleaned = AnswerCleanup.clean(b, value)
            if !cleaned.isEmpty { return cleaned }
        }
        return nil
    }

    private static func startsValue(_ c: UInt8) -> Bool {
        ByteText.isDigit(c) || c == ByteText.dollar || c == ByteText.backslash || c == UInt8(ascii: "-")
            || c == UInt8(ascii: "(") || c == UInt8(ascii: "[")
    }

    /// To the end of a leading `$…$` / `\(…\)` / `\[…\]`, else to the end of the line, the sentence or the value
    /// (a `,` or `;` followed by a word: `6, then we check`).
    private static func valueSpan(_ b: [UInt8], _ start: Int, _ end: Int) -> Range<Int> {
        let pairs: [([UInt8], [UInt8])] = [
            (Array("$$".utf8), Array("$$".utf8)), (Array("$".utf8), Array("$".utf8)),
            (Array("\\(".utf8), Array("\\)".utf8)), (Array("\\[".utf8), Array("\\]".utf8)),
        ]
        for (open, close) in pairs where ByteText.matches(b, at: start, open, end: end) {
            let limit = min(end, start + maxBytes)
            if let c = ByteText.find(b, close, from: start + open.count, end: limit) { return start..<(c + close.count) }
            return start..<start
        }
        var j = start
        while j < end, j - start <= maxBytes, b[j] != ByteText.newline {
            if b[j] == UInt8(ascii: "."), j + 1 < end, b[j + 1] == 0x20 || b[j + 1] == ByteText.newline { break }
            // A clause after the value: "6, then we check".
            if b[j] == UInt8(ascii: ",") || b[j] == UInt8(ascii: ";"), j + 3 < end, b[j + 1] == 0x20,
                ByteText.isLetter(b[j + 2]), ByteText.isLetter(b[j + 3])
            {
                break
            }
            j += 1
        }
        return start..<j
    }
}
