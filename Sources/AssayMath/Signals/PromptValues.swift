/// The values a prompt states, in order of appearance: each math segment (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`), its
/// top-level items and the right-hand sides of its `=`, and every numeral, inside math or not (`12`, `-4`, `3.5`,
/// `1{,}000` and `1\,000` as one value, and `1,000` outside math; `3/4`, `\frac{3}{4}`).
///
/// One linear pass over at most `maxBytes` bytes; values are deduplicated by text and capped at `maxValues`.
enum PromptValues {
    struct Value {
        var text: String
        /// UTF-8 byte offset in the prompt.
        var offset: Int
    }

    struct Scan {
        var values: [Value] = []
        /// The prompt was longer than the bytes scanned, or stated more values than kept.
        var truncated = false
    }

    /// Longest segment or item kept as a value; longer ones are formulas, not stated values.
    static let maxValueBytes = 200

    static func scan(_ prompt: String, maxBytes: Int, maxValues: Int) -> Scan {
        let utf8 = prompt.utf8
        var b = Array(utf8.prefix(maxBytes))
        var out = Scan()
        out.truncated = utf8.count > maxBytes
        // Never end inside a UTF-8 sequence: drop the character the cut split.
        if out.truncated, let next = utf8.dropFirst(b.count).first, next & 0xC0 == 0x80 {
            while let last = b.popLast(), last & 0xC0 == 0x80 {}
        }
        var seen: Set<String> = []
        func add(_ range: Range<Int>) {
            guard out.values.count < maxValues else { return }
            let r = ByteText.trimmed(b, range)
            guard !r.isEmpty, r.count <= maxValueBytes else { return }
            let text = ByteText.string(b, r)
            if seen.insert(text).inserted { out.values.append(Value(text: text, offset: r.lowerBound)) }
        }
        var closerMissing: Set<[UInt8]> = []
        var i = 0
        while i < b.count, out.values.count < maxValues {
            if let segment = mathSegment(b, at: i, closerMissing: &closerMissing) {
                add(segment.content)
                for item in items(b, segment.content) where item != ByteText.trimmed(b, segment.content) { add(item) }
                for side in rightHandSides(b, segment.content) { add(side) }
                numerals(b, segment.content, inMath: true, add)
                i = segment.end
                continue
            }
            let next = nextMathOpener(b, from: i)
            numerals(b, i..<next, inMath: false, add)
            i = next == i ? i + 1 : next
        }
        if i < b.count { out.truncated = true }
        return out
    }

    /// The first index at or after `from` where a math delimiter may open.
    private static func nextMathOpener(_ b: [UInt8], from: Int) -> Int {
        var j = from
        while j < b.count {
            if b[j] == ByteText.dollar, j == 0 || b[j - 1] != ByteText.backslash { return j }
            if b[j] == ByteText.backslash, j + 1 < b.count, b[j + 1] == UInt8(ascii: "(") || b[j + 1] == UInt8(ascii: "[") {
                return j
            }
            j += 1
        }
        return b.count
    }

    /// A math segment opening at `i`: its content and the index after its closer. An opener whose closer is missing
    /// is remembered, so that later openers of the same kind do not search again (the scan stays linear).
    private static func mathSegment(_ b: [UInt8], at i: Int, closerMissing: inout Set<[UInt8]>)
        -> (content: Range<Int>, end: Int)?
    {
        let closer: [UInt8]
        let from: Int
        if b[i] == ByteText.dollar {
            guard i == 0 || b[i - 1] != ByteText.backslash else { return nil }
            let double = i + 1 < b.count && b[i + 1] == ByteText.dollar
            closer = double ? [ByteText.dollar, ByteText.dollar] : [ByteText.dollar]
            from = i + closer.count
        } else if b[i] == ByteText.backslash, i + 1 < b.count, b[i + 1] == UInt8(ascii: "(") || b[i + 1] == UInt8(ascii: "[") {
            closer = [ByteText.backslash, b[i + 1] == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]")]
            from = i + 2
        } else {
            return nil
        }
        guard !closerMissing.contains(closer) else { return nil }
        var search = from
        while let c = ByteText.find(b, closer, from: search, end: b.count) {
            if closer[0] == ByteText.dollar, b[c - 1] == ByteText.backslash {
                search = c + 1
                continue
            }
            return (from..<c, c + closer.count)
        }
        closerMissing.insert(closer)
        return nil
    }

    /// The top-level items of a math segment, split at `,` and `;` outside brackets (in math, thousands are `{,}`).
    static func items(_ b: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var depth = 0
        var start = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            let c = b[i]
            if c == ByteText.backslash {
                if i + 1 < range.upperBound, b[i + 1] == ByteText.openBrace { depth += 1 }
                if i + 1 < range.upperBound, b[i + 1] == ByteText.closeBrace { depth = max(0, depth - 1) }
                i += 2
                continue
            }
            switch c {
            case UInt8(ascii: "("), UInt8(ascii: "["), ByteText.openBrace: depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), ByteText.closeBrace: depth = max(0, depth - 1)
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                if depth == 0 {
                    out.append(start..<i)
                    start = i + 1
                }
            default: break
            }
            i += 1
        }
        out.append(start..<range.upperBound)
        return out.count > 1 ? out : []
    }

    /// What follows each top-level `=` of each item (`$f(2) = 7$` states 7).
    private static func rightHandSides(_ b: [UInt8], _ range: Range<Int>) -> [Range<Int>] {
        let parts = items(b, range)
        var out: [Range<Int>] = []
        for part in parts.isEmpty ? [range] : parts {
            var depth = 0
            var i = part.lowerBound
            while i < part.upperBound {
                switch b[i] {
                case ByteText.backslash: i += 1
                case UInt8(ascii: "("), UInt8(ascii: "["), ByteText.openBrace: depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), ByteText.closeBrace: depth = max(0, depth - 1)
                case UInt8(ascii: "=") where depth == 0:
                    var end = i + 1
                    while end < part.upperBound, b[end] != UInt8(ascii: "=") { end += 1 }
                    out.append((i + 1)..<end)
                default: break
                }
                i += 1
            }
        }
        return out
    }

    /// Calls `add` with every numeral in `range`. In math a plain comma separates items (`[-500,500]`), so only `{,}`
    /// and `\,` group thousands there.
    private static func numerals(_ b: [UInt8], _ range: Range<Int>, inMath: Bool, _ add: (Range<Int>) -> Void) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            if b[i] == ByteText.backslash, let fraction = digitFraction(b, i, end) {
                add(fraction)
                // `\frac34` holds no numeral of its own; the digits of `\frac{3}{4}` are still read.
                if b[fraction.upperBound - 1] != ByteText.closeBrace {
                    i = fraction.upperBound
                    continue
                }
            }
            guard ByteText.isDigit(b[i]) else {
                i += 1
                continue
            }
            var start = i
            if start > range.lowerBound, b[start - 1] == UInt8(ascii: "."),
                start - 1 == range.lowerBound || !ByteText.isDigit(b[start - 2])
            {
                start -= 1
            }
            if start > range.lowerBound, b[start - 1] == UInt8(ascii: "-"), isUnaryMinus(b, start - 1, range.lowerBound) {
                start -= 1
            }
            var j = i
            while true {
                while j < end, ByteText.isDigit(b[j]) { j += 1 }
                if let group = thousandsGroup(b, j, end, plainComma: !inMath) {
                    j = group
                    continue
                }
                break
            }
            if b[start] != UInt8(ascii: "."), j + 1 < end, b[j] == UInt8(ascii: "."), ByteText.isDigit(b[j + 1]) {
                j += 1
                while j < end, ByteText.isDigit(b[j]) { j += 1 }
            }
            add(start..<j)
            if j + 1 < end, b[j] == UInt8(ascii: "/"), ByteText.isDigit(b[j + 1]) {
                var k = j + 1
                while k < end, ByteText.isDigit(b[k]) { k += 1 }
                add(start..<k)
            }
            i = j
        }
    }

    /// If a thousands separator (`,`, `{,}`, `\,`) and three digits follow `j`, the index after those digits.
    private static func thousandsGroup(_ b: [UInt8], _ j: Int, _ end: Int, plainComma: Bool) -> Int? {
        for sep in plainComma ? separators : mathSeparators where ByteText.matches(b, at: j, sep, end: end) {
            let k = j + sep.count
            guard k + 3 <= end, (0..<3).allSatisfy({ ByteText.isDigit(b[k + $0]) }) else { continue }
            if k + 3 < end, ByteText.isDigit(b[k + 3]) { continue }
            return k + 3
        }
        return nil
    }

    private static let mathSeparators: [[UInt8]] = [Array("{,}".utf8), Array("\\,".utf8)]
    private static let separators = mathSeparators + [Array(",".utf8)]

    /// A minus sign that negates (not `3-4`, `x-1`, `)-2`, `{a}-1`).
    private static func isUnaryMinus(_ b: [UInt8], _ i: Int, _ lower: Int) -> Bool {
        var k = i - 1
        while k >= lower, b[k] == 0x20 { k -= 1 }
        guard k >= lower else { return true }
        let c = b[k]
        if c == ByteText.closeBrace, closesBegin(b, k, lower) { return true }
        return !(ByteText.isLetter(c) || ByteText.isDigit(c) || c == UInt8(ascii: ")") || c == UInt8(ascii: "]")
            || c == ByteText.closeBrace || c == UInt8(ascii: "!"))
    }

    private static let begin = Array("\\begin{".utf8)

    /// Whether the `}` at `k` closes `\begin{name}` (`\begin{pmatrix} -7` starts with a negative number).
    private static func closesBegin(_ b: [UInt8], _ k: Int, _ lower: Int) -> Bool {
        var j = k - 1
        while j >= lower, ByteText.isLetter(b[j]) || b[j] == UInt8(ascii: "*") { j -= 1 }
        return ByteText.matches(b, at: j - begin.count + 1, begin, end: k)
    }

    private static let fractionCommands: [[UInt8]] = ["\\frac", "\\dfrac", "\\tfrac"].map { Array($0.utf8) }

    /// `\frac{3}{4}` or `\frac34` with digits only, starting at `i`.
    private static func digitFraction(_ b: [UInt8], _ i: Int, _ end: Int) -> Range<Int>? {
        guard let command = fractionCommands.first(where: { ByteText.matches(b, at: i, $0, end: end) }) else { return nil }
        var j = i + command.count
        for _ in 0..<2 {
            guard j < end else { return nil }
            if ByteText.isDigit(b[j]) {
                j += 1
            } else if b[j] == ByteText.openBrace {
                var k = j + 1
                while k < end, ByteText.isDigit(b[k]) { k += 1 }
                guard k > j + 1, k < end, b[k] == ByteText.closeBrace else { return nil }
                j = k + 1
            } else {
                return nil
            }
        }
        return i..<j
    }
}
