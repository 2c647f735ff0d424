/// Finds arithmetic written without LaTeX in prose (`12 * 7 = 84`, `3.11 < 3.8`, `5 × 6 = 30`).
///
/// A run is a stretch of digits, spaces, operators (`+ - * / ^ ( ) .`, `×`, `÷`, `·`, `−`, `√`, `π`) and relations
/// (`= < > <= >= != ≤ ≥ ≠ ≈`), with `,` only as a thousands separator. A side that touches a word is not the
/// whole operand (`3 = 2x`, `x2`, `50% = 0.5`) and neither is one next to an operator word (`12 x 7 = 84`,
/// `half of 10 = 5`, `= 3 million`): such sides are marked so the claim is uncheckable, never false.
enum PlainClaimScanner {
    static let wordsBefore: Set<String> = [
        "times", "x", "of", "by", "plus", "minus", "over", "and", "to", "from", "divided", "multiplied", "than", "with",
        "into", "add", "subtract", "per", "mod", "modulo", "base", "square", "cube", "root", "sqrt", "log", "ln", "sin",
        "cos", "tan", "exp", "factorial", "choose", "power", "exponent", "dividing", "multiplying", "adding",
        "subtracting", "between", "among", "out", "or", "sum", "product", "difference", "quotient", "remainder", "step",
        "line", "case", "part", "item", "option", "page", "equation", "row", "column",
    ]
    static let wordsAfter: Set<String> = [
        "times", "x", "plus", "minus", "over", "divided", "multiplied", "squared", "cubed", "factorial", "percent",
        "mod", "modulo", "base", "to", "choose", "of", "per", "hundred", "thousand", "million", "billion", "trillion",
        "dozen", "half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth", "fifths",
        "tenth", "tenths", "remainder", "r", "with", "and", "or", "raised", "digits", "digit", "in", "pi",
        "sqrt", "root", "sin", "cos", "tan", "log", "ln", "e",
    ]

    /// Plain-math runs of `b[range]` that hold a relation, each with flags for sides joined to words.
    static func chains(_ b: [UInt8], _ range: Range<Int>) -> [RelationChain] {
        var out: [RelationChain] = []
        var i = range.lowerBound
        var runStart: Int?
        var hasRelation = false
        while i <= range.upperBound {
            let width = i < range.upperBound ? runCharWidth(b, i, range) : 0
            if width > 0 {
                if runStart == nil { runStart = i; hasRelation = false }
                let c = b[i]
                if c == UInt8(ascii: "=") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">")
                    || (c == 0xE2 && b[i + 1] == 0x89)
                {
                    hasRelation = true
                }
                i += width
                continue
            }
            if let start = runStart, hasRelation {
                out.append(contentsOf: chainsOfRun(b, start..<i, scope: range))
            }
            runStart = nil
            i += 1
        }
        return out
    }

    /// Bytes of the run character at `i`, or 0.
    static func runCharWidth(_ b: [UInt8], _ i: Int, _ range: Range<Int>) -> Int {
        let c = b[i]
        if ByteText.isDigit(c) { return 1 }
        switch c {
        case 32, 9, UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "^"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return 1
        case UInt8(ascii: "*"):
            // `**bold**` is Markdown, not multiplication.
            let double = (i + 1 < range.upperBound && b[i + 1] == c) || (i > range.lowerBound && b[i - 1] == c)
            return double ? 0 : 1
        case UInt8(ascii: "."):
            let digitBefore = i > range.lowerBound && ByteText.isDigit(b[i - 1])
            let digitAfter = i + 1 < range.upperBound && ByteText.isDigit(b[i + 1])
            return digitBefore && digitAfter ? 1 : 0
        case UInt8(ascii: ","):
            return RelationSplitter.isThousandsComma(b, i, range) ? 1 : 0
        case UInt8(ascii: "!"):
            return i + 1 < range.upperBound && b[i + 1] == UInt8(ascii: "=") ? 1 : 0
        case 0xC3 where i + 1 < range.upperBound && (b[i + 1] == 0x97 || b[i + 1] == 0xB7): return 2  // × ÷
        case 0xC2 where i + 1 < range.upperBound && b[i + 1] == 0xB7: return 2  // ·
        case 0xCF where i + 1 < range.upperBound && b[i + 1] == 0x80: return 2  // π
        case 0xE2 where i + 2 < range.upperBound:
            switch (b[i + 1], b[i + 2]) {
            case (0x88, 0x92), (0x88, 0x9A), (0x8B, 0x85), (0x89, 0xA4), (0x89, 0xA5), (0x89, 0xA0), (0x89, 0x88):
                return 3  // − √ ⋅ ≤ ≥ ≠ ≈
            default: return 0
            }
        default: return 0
        }
    }

    static func chainsOfRun(_ b: [UInt8], _ run: Range<Int>, scope: Range<Int>) -> [RelationChain] {
        var lo = run.lowerBound
        var hi = run.upperBound
        while lo < hi && (b[lo] == 32 || b[lo] == 9) { lo += 1 }
        while hi > lo && (b[hi - 1] == 32 || b[hi - 1] == 9) { hi -= 1 }
        guard lo < hi else { return [] }
        // A list marker at the start of a line: `- `, `* `, `+ `, `1. `, `2) `.
        if MathSegmentScanner.atLineStart(b, lo, scope.lowerBound) {
            var k = lo
            while k < hi && ByteText.isDigit(b[k]) { k += 1 }
            let numbered = k > lo && k + 1 < hi && (b[k] == UInt8(ascii: ")") || b[k] == UInt8(ascii: ".")) && b[k + 1] == 32
            let bullet = k == lo && lo + 1 < hi && "-*+".utf8.contains(b[lo]) && b[lo + 1] == 32
            if numbered { lo = k + 2 } else if bullet { lo += 2 }
        }
        // Unbalanced brackets at the edges belong to the prose: `(so 3 + 4 = 7)`.
        var balance = 0
        for k in lo..<hi {
            if b[k] == UInt8(ascii: "(") { balance += 1 } else if b[k] == UInt8(ascii: ")") { balance -= 1 }
        }
        while balance < 0 && hi > lo && b[hi - 1] == UInt8(ascii: ")") { hi -= 1; balance += 1 }
        while balance > 0 && lo < hi && b[lo] == UInt8(ascii: "(") { lo += 1; balance -= 1 }
        while hi > lo && (b[hi - 1] == 32 || b[hi - 1] == 9) { hi -= 1 }
        guard lo < hi else { return [] }
        var leftJoined = joinedBefore(b, lo, scope)
        if leftJoined == nil, "+-*/^".utf8.contains(b[lo]) || b[lo] >= 0x80, !MathSegmentScanner.atLineStart(b, lo, scope.lowerBound) {
            // `C + 15 = 110 - 5`: the left operand is a word before the run.
            leftJoined = "starts with an operator; its left operand is outside the run"
        }
        let rightJoined = joinedAfter(b, hi, scope)
        var chains = RelationSplitter.chains(b, lo..<hi, plain: true)
        guard !chains.isEmpty else { return [] }
        if let why = leftJoined { chains[0].sides[0].opaque = why }
        if let why = rightJoined {
            let last = chains.count - 1
            chains[last].sides[chains[last].sides.count - 1].opaque = why
        }
        return chains
    }

    /// Why the run's first side is not a whole operand, if it is not.
    static func joinedBefore(_ b: [UInt8], _ lo: Int, _ scope: Range<Int>) -> String? {
        guard lo > scope.lowerBound else { return nil }
        let prev = b[lo - 1]
        if prev != 32 && prev != 9 && prev != 10 {
            return prev == UInt8(ascii: ":") || prev == UInt8(ascii: "\"") ? nil : "joined to the text before it"
        }
        var k = lo - 1
        while k > scope.lowerBound && (b[k] == 32 || b[k] == 9) { k -= 1 }
        var start = k + 1
        while start > scope.lowerBound && ByteText.isLetter(b[start - 1]) { start -= 1 }
        let word = String(decoding: b[start..<(k + 1)], as: UTF8.self).lowercased()
        return wordsBefore.contains(word) ? "follows the operator word \"\(word)\"" : nil
    }

    /// Why the run's last side is not a whole operand, if it is not.
    static func joinedAfter(_ b: [UInt8], _ hi: Int, _ scope: Range<Int>) -> String? {
        guard hi < scope.upperBound else { return nil }
        let next = b[hi]
        if ByteText.isLetter(next) || next == UInt8(ascii: "%") || next == UInt8(ascii: "!")
            || next == UInt8(ascii: "_") || next == UInt8(ascii: "'") || next == UInt8(ascii: "^") || next >= 0x80
        {
            return "joined to the text after it"
        }
        var k = hi
        while k < scope.upperBound && (b[k] == 32 || b[k] == 9) { k += 1 }
        if k < scope.upperBound && (b[k] == UInt8(ascii: "%") || b[k] >= 0x80) { return "followed by a unit sign" }
        var end = k
        while end < scope.upperBound && ByteText.isLetter(b[end]) { end += 1 }
        let word = String(decoding: b[k..<end], as: UTF8.self).lowercased()
        return wordsAfter.contains(word) ? "followed by the operator word \"\(word)\"" : nil
    }
}
