/// Light, purely syntactic clean-up of an extracted answer span: surrounding whitespace, math
/// delimiters that wrap the whole answer (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) and trailing sentence
/// punctuation. Normalisation of the mathematics itself is not done here.
enum AnswerCleanup {
    static func clean(_ b: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var r = ByteText.trimmed(b, range)
        var changed = true
        while changed, !r.isEmpty {
            changed = false
            let before = r
            r = stripTrailingPunctuation(b, r)
            r = stripDelimiters(b, r)
            r = ByteText.trimmed(b, r)
            if r != before { changed = true }
        }
        return r
    }

    private static func stripTrailingPunctuation(_ b: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var hi = range.upperBound
        while hi > range.lowerBound {
            let c = b[hi - 1]
            if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") || c == UInt8(ascii: ";") || ByteText.isSpace(c) {
                // Keep "\." / "\," style control symbols and a lone ".".
                if hi - 2 >= range.lowerBound, b[hi - 2] == ByteText.backslash { break }
                if hi - 1 == range.lowerBound { break }
                hi -= 1
            } else {
                break
            }
        }
        return range.lowerBound..<hi
    }

    private static func stripDelimiters(_ b: [UInt8], _ r: Range<Int>) -> Range<Int> {
        let n = r.count
        let lo = r.lowerBound, hi = r.upperBound
        if n >= 4, b[lo] == ByteText.dollar, b[lo + 1] == ByteText.dollar,
            b[hi - 1] == ByteText.dollar, b[hi - 2] == ByteText.dollar,
            count(b, ByteText.dollar, (lo + 2)..<(hi - 2)) == 0
        {
            return (lo + 2)..<(hi - 2)
        }
        if n >= 2, b[lo] == ByteText.dollar, b[hi - 1] == ByteText.dollar,
            count(b, ByteText.dollar, (lo + 1)..<(hi - 1)) == 0
        {
            return (lo + 1)..<(hi - 1)
        }
        if n >= 4, b[lo] == ByteText.backslash, b[hi - 2] == ByteText.backslash {
            let open = b[lo + 1], close = b[hi - 1]
            if (open == UInt8(ascii: "(") && close == UInt8(ascii: ")"))
                || (open == UInt8(ascii: "[") && close == UInt8(ascii: "]"))
            {
                return (lo + 2)..<(hi - 2)
            }
        }
        return r
    }

    private static func count(_ b: [UInt8], _ c: UInt8, _ r: Range<Int>) -> Int {
        var n = 0
        for i in r where b[i] == c && (i == r.lowerBound || b[i - 1] != ByteText.backslash) { n += 1 }
        return n
    }
}
