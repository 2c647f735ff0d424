/// Splits reasoning text into LaTeX math segments and prose, skipping code and Asymptote figures.
///
/// Math segments: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`, and display environments (`align`, `equation`, …) written
/// outside dollars. A `$` that looks like currency (`$5 and $3`) is prose. Fenced code (```` ``` ````) and
/// `[asy]…[/asy]` are skipped: their `=` are assignments, not claims.
enum MathSegmentScanner {
    struct Segment: Equatable {
        enum Kind: Equatable { case latex, prose }
        var kind: Kind
        /// Byte range of the segment's content (without delimiters).
        var range: Range<Int>
    }

    static let displayEnvironments: Set<String> = [
        "align", "align*", "aligned", "alignat", "alignat*", "eqnarray", "eqnarray*", "gather", "gather*", "gathered",
        "equation", "equation*", "multline", "multline*", "split", "flalign", "flalign*",
    ]

    static func segments(_ b: [UInt8], in range: Range<Int>) -> [Segment] {
        var out: [Segment] = []
        var proseStart = range.lowerBound
        var i = range.lowerBound
        let end = range.upperBound

        /// Ends the prose before `start`, records `latex` (nil for skipped code) and resumes scanning at `resume`.
        func take(from start: Int, latex: Range<Int>?, resume: Int) {
            if start > proseStart { out.append(Segment(kind: .prose, range: proseStart..<start)) }
            if let latex { out.append(Segment(kind: .latex, range: latex)) }
            i = resume
            proseStart = resume
        }

        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "`"), hasPrefix(b, i, end, "```"), atLineStart(b, i, range.lowerBound) {
                let close = find(b, "```", from: i + 3, end: end) ?? end
                take(from: i, latex: nil, resume: min(end, close + 3))
                continue
            }
            if c == UInt8(ascii: "["), hasPrefix(b, i, end, "[asy]") {
                let close = find(b, "[/asy]", from: i + 5, end: end) ?? end
                take(from: i, latex: nil, resume: min(end, close + 6))
                continue
            }
            if c == UInt8(ascii: "$") {
                if i > range.lowerBound && b[i - 1] == UInt8(ascii: "\\") { i += 1; continue }
                if i + 1 < end && b[i + 1] == UInt8(ascii: "$") {
                    if let close = find(b, "$$", from: i + 2, end: end) {
                        take(from: i, latex: (i + 2)..<close, resume: close + 2)
                        continue
                    }
                    i += 2
                    continue
                }
                if let close = inlineDollarClose(b, from: i + 1, end: end), !looksLikeCurrency(b, i + 1, close) {
                    take(from: i, latex: (i + 1)..<close, resume: close + 1)
                    continue
                }
                i += 1
                continue
            }
            if c == UInt8(ascii: "\\"), i + 1 < end {
                let n = b[i + 1]
                if n == UInt8(ascii: "(") || n == UInt8(ascii: "[") {
                    let closer = n == UInt8(ascii: "(") ? "\\)" : "\\]"
                    if let close = find(b, closer, from: i + 2, end: end) {
                        take(from: i, latex: (i + 2)..<close, resume: close + 2)
                        continue
                    }
                }
                if hasPrefix(b, i, end, "\\begin{"), let (name, after) = braced(b, from: i + 6, end: end),
                    displayEnvironments.contains(name)
                {
                    let closer = "\\end{\(name)}"
                    let close = find(b, closer, from: after, end: end) ?? end
                    let stop = min(end, close + closer.utf8.count)
                    take(from: i, latex: i..<stop, resume: stop)
                    continue
                }
                i += 2
                continue
            }
            i += 1
        }
        if end > proseStart { out.append(Segment(kind: .prose, range: proseStart..<end)) }
        return out
    }

    /// The closing `$` of inline math: on the same paragraph, within 2,000 bytes, not escaped.
    static func inlineDollarClose(_ b: [UInt8], from start: Int, end: Int) -> Int? {
        var i = start
        let limit = min(end, start + 2000)
        while i < limit {
            let c = b[i]
            if c == UInt8(ascii: "$") && b[i - 1] != UInt8(ascii: "\\") { return i > start ? i : nil }
            if c == 10 && i + 1 < limit && b[i + 1] == 10 { return nil }
            i += 1
        }
        return nil
    }

    /// `$5 and $3`: content that starts with a digit and holds a plain word of three or more letters, or ends
    /// in a space, is currency, not math.
    static func looksLikeCurrency(_ b: [UInt8], _ start: Int, _ end: Int) -> Bool {
        guard start < end, ByteText.isDigit(b[start]) else { return false }
        if b[end - 1] == 32 { return true }
        var run = 0
        var i = start
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "\\") {
                // Skip the command name.
                i += 1
                while i < end && ByteText.isLetter(b[i]) { i += 1 }
                run = 0
                continue
            }
            if ByteText.isLetter(c) {
                run += 1
                if run >= 3 { return true }
            } else {
                run = 0
            }
            i += 1
        }
        return false
    }

    static func atLineStart(_ b: [UInt8], _ i: Int, _ lower: Int) -> Bool {
        var j = i - 1
        while j >= lower && (b[j] == 32 || b[j] == 9) { j -= 1 }
        return j < lower || b[j] == 10
    }

    /// `{name}` starting at `from` (which must be `{`): the name and the index after `}`.
    static func braced(_ b: [UInt8], from: Int, end: Int) -> (String, Int)? {
        guard from < end, b[from] == UInt8(ascii: "{") else { return nil }
        var j = from + 1
        while j < end && j < from + 40 && b[j] != UInt8(ascii: "}") { j += 1 }
        guard j < end, b[j] == UInt8(ascii: "}") else { return nil }
        return (String(decoding: b[(from + 1)..<j], as: UTF8.self), j + 1)
    }

    static func hasPrefix(_ b: [UInt8], _ i: Int, _ end: Int, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= end else { return false }
        return s.withUTF8Buffer { p in
            for k in 0..<n where b[i + k] != p[k] { return false }
            return true
        }
    }

    static func find(_ b: [UInt8], _ needle: String, from: Int, end: Int) -> Int? {
        let n = Array(needle.utf8)
        guard !n.isEmpty, from + n.count <= end else { return nil }
        var i = from
        while i + n.count <= end {
            if b[i] == n[0] {
                var k = 1
                while k < n.count && b[i + k] == n[k] { k += 1 }
                if k == n.count && !(n[0] == UInt8(ascii: "$") && i > 0 && b[i - 1] == UInt8(ascii: "\\")) { return i }
            }
            i += 1
        }
        return nil
    }
}
