/// Finds the last answer phrase in a range: "final answer is …" / "final answer: …",
/// "Answer: …" (also `**Answer:**`), a GSM8K-style `A: …` at the start of a line, and `#### …`.
/// The value runs to the end of its math delimiters (`$…$`, `\(…\)`, `\[…\]`) when it starts with
/// one, else to the end of the line or the end of the sentence (". " followed by more text).
enum PhraseScanner {
    struct Match {
        var value: Range<Int>
        var source: String
    }

    private static let finalAnswerIs = Array("final answer is".utf8)
    private static let finalAnswerColon = Array("final answer:".utf8)
    private static let answerColon = Array("answer:".utf8)
    private static let hashes = Array("####".utf8)

    /// The last phrase in `range` that is followed by a non-empty value.
    static func lastPhrase(_ b: [UInt8], _ range: Range<Int>) -> Match? {
        let lo = range.lowerBound, end = range.upperBound
        var best: (at: Int, valueStart: Int, source: String)?
        func consider(_ at: Int, _ valueStart: Int, _ source: String) {
            if best == nil || at > best!.at { best = (at, valueStart, source) }
        }
        // Each candidate is the last occurrence of its pattern; the latest candidate wins.
        if let p = ByteText.findLast(b, finalAnswerIs, from: lo, end: end) {
            consider(p, p + finalAnswerIs.count, "phrase:final answer")
        }
        if let p = ByteText.findLast(b, finalAnswerColon, from: lo, end: end) {
            consider(p, p + finalAnswerColon.count, "phrase:final answer")
        }
        if let p = lastAnswerColon(b, lo, end) {
            consider(p, p + answerColon.count, "phrase:Answer:")
        }
        if let p = lastLineStartA(b, lo, end) {
            consider(p, p + 2, "phrase:A:")
        }
        if let p = ByteText.findLast(b, hashes, from: lo, end: end) {
            var q = p + hashes.count
            while q < end, b[q] == UInt8(ascii: "#") { q += 1 }
            consider(p, q, "phrase:####")
        }
        guard let found = best else { return nil }
        let value = valueSpan(b, found.valueStart, end)
        let cleaned = AnswerCleanup.clean(b, value)
        guard !cleaned.isEmpty else { return nil }
        return Match(value: cleaned, source: found.source)
    }

    /// The last "answer:" that is not the tail of "final answer:" and not inside a word ("manswer:").
    private static func lastAnswerColon(_ b: [UInt8], _ lo: Int, _ end: Int) -> Int? {
        var hi = end
        while let p = ByteText.findLast(b, answerColon, from: lo, end: hi) {
            let wordStart = p == lo || !ByteText.isLetter(b[p - 1])
            if wordStart, !ByteText.matches(b, at: p - 6, finalAnswerColon, end: end) { return p }
            hi = p + answerColon.count - 1  // search strictly before p next
            if hi <= lo { break }
        }
        return nil
    }

    /// The last `A:` that starts a line (after optional spaces).
    private static func lastLineStartA(_ b: [UInt8], _ lo: Int, _ end: Int) -> Int? {
        var i = end - 2
        while i >= lo {
            if b[i] == UInt8(ascii: "A"), b[i + 1] == UInt8(ascii: ":") {
                var j = i - 1
                while j >= lo, b[j] == 0x20 || b[j] == 0x09 { j -= 1 }
                if j < lo || b[j] == ByteText.newline { return i }
            }
            i -= 1
        }
        return nil
    }

    /// The raw value after a phrase.
    private static func valueSpan(_ b: [UInt8], _ start: Int, _ end: Int) -> Range<Int> {
        var i = start
        while i < end, b[i] == 0x20 || b[i] == 0x09 || b[i] == UInt8(ascii: "*") || b[i] == UInt8(ascii: ":") {
            i += 1
        }
        guard i < end else { return i..<i }
        // Delimited math: take up to and including the closing delimiter.
        if let close = closingDelimiter(b, i, end) { return i..<close }
        // Plain text: to the end of the line, cut at the end of the first sentence.
        var j = i
        while j < end, b[j] != ByteText.newline {
            if b[j] == UInt8(ascii: "."), j + 1 < end, b[j + 1] == 0x20 || b[j + 1] == 0x09 {
                var k = j + 1
                while k < end, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
                if k < end, b[k] != ByteText.newline { break }
            }
            j += 1
        }
        return i..<j
    }

    /// If a math delimiter opens at `i`, the index just after its closing delimiter.
    private static func closingDelimiter(_ b: [UInt8], _ i: Int, _ end: Int) -> Int? {
        let closer: [UInt8]
        var from = i + 1
        if b[i] == ByteText.dollar {
            if i + 1 < end, b[i + 1] == ByteText.dollar {
                closer = [ByteText.dollar, ByteText.dollar]
                from = i + 2
            } else {
                closer = [ByteText.dollar]
            }
        } else if b[i] == ByteText.backslash, i + 1 < end, b[i + 1] == UInt8(ascii: "(") {
            closer = Array("\\)".utf8)
            from = i + 2
        } else if b[i] == ByteText.backslash, i + 1 < end, b[i + 1] == UInt8(ascii: "[") {
            closer = Array("\\]".utf8)
            from = i + 2
        } else {
            return nil
        }
        // An escaped dollar (`\$36`) is text, not the closing delimiter.
        var search = from
        while let c = ByteText.find(b, closer, from: search, end: end) {
            if closer[0] == ByteText.dollar, c > from, b[c - 1] == ByteText.backslash {
                search = c + 1
                continue
            }
            return c + closer.count
        }
        return nil
    }
}
