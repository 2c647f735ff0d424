/// Small helpers for hand-written, linear-time scanners over UTF-8 bytes.
/// Every helper inspects each byte a bounded number of times.
enum ByteText {
    static let backslash = UInt8(ascii: "\\")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let dollar = UInt8(ascii: "$")
    static let newline = UInt8(ascii: "\n")

    static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    static func lower(_ c: UInt8) -> UInt8 { isLetter(c) ? c | 0x20 : c }

    /// Whether `literal` (ASCII, lowercase) occurs at `i` in `b`, ignoring ASCII case; the match must end by `end`.
    static func matches(_ b: [UInt8], at i: Int, _ literal: [UInt8], end: Int) -> Bool {
        guard i >= 0, i + literal.count <= end else { return false }
        for k in 0..<literal.count where lower(b[i + k]) != literal[k] { return false }
        return true
    }

    /// The first index `>= from` where `literal` starts (case-insensitive), before `end`.
    /// Linear in `(end - from) * literal.count`; literals are short constants.
    static func find(_ b: [UInt8], _ literal: [UInt8], from: Int, end: Int) -> Int? {
        guard let first = literal.first else { return nil }
        var i = from
        while i + literal.count <= end {
            if lower(b[i]) == first, matches(b, at: i, literal, end: end) { return i }
            i += 1
        }
        return nil
    }

    /// The last index in `[from, end)` where `literal` starts (case-insensitive).
    static func findLast(_ b: [UInt8], _ literal: [UInt8], from: Int, end: Int) -> Int? {
        guard let first = literal.first else { return nil }
        var i = end - literal.count
        while i >= from {
            if lower(b[i]) == first, matches(b, at: i, literal, end: end) { return i }
            i -= 1
        }
        return nil
    }

    /// `range` with ASCII whitespace removed at both ends.
    static func trimmed(_ b: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, isSpace(b[lo]) { lo += 1 }
        while hi > lo, isSpace(b[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    static func string(_ b: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: b[range], as: UTF8.self)
    }

    /// Whether `range` contains a blank line (two newlines with only spaces or tabs between).
    static func containsBlankLine(_ b: [UInt8], _ range: Range<Int>) -> Bool {
        var sawNewline = false
        for i in range {
            let c = b[i]
            if c == newline {
                if sawNewline { return true }
                sawNewline = true
            } else if c == 0x0D || c == 0x20 || c == 0x09 {
                continue
            } else {
                sawNewline = false
            }
        }
        return false
    }

    /// The text with all ASCII whitespace removed (used to compare boxed answers for hedging).
    static func squeezed(_ s: String) -> String {
        String(decoding: s.utf8.filter { !isSpace($0) }, as: UTF8.self)
    }
}
