/// Splits one final answer into the values it offers: `2, 3 or 5`, `2 \text{ or } 3`, `x=2 \text{ or } x=3`,
/// `A or C`, `either 2 or 3`, `1 \lor 2`.
///
/// Splits at top level (outside brackets, braces and `\langle…\rangle`, but inside `\text{…}`-like wrappers) at `,`
/// and `;` (not the comma of `1,000`), the words `or` and `and`, `\lor` and `\vee`; drops the word `either`. One
/// linear pass.
enum AnswerCandidates {
    struct Split {
        /// The pieces as written, wrappers removed.
        var pieces: [String]
        /// Whether a disjunction (`or`, `either`, `\lor`, `\vee`) joined them.
        var disjunction: Bool
    }

    private static let wrappers: Set<String> = [
        "text", "textrm", "textbf", "textit", "textnormal", "mathrm", "mathbf", "mbox", "hbox", "emph",
    ]
    private static let spacing: Set<String> = ["quad", "qquad", ",", ";", ":", "!", " "]

    static func split(_ answer: String, maxPieces: Int = 64) -> Split {
        let b = Array(answer.utf8)
        var out = Split(pieces: [], disjunction: false)
        var piece: [UInt8] = []
        /// One entry per open group: whether it is a transparent `\text{` wrapper.
        var groups: [Bool] = []
        var depth = 0
        func flush() {
            let value = valueAfterWords(piece, ByteText.trimmed(piece, 0..<piece.count))
            if !value.isEmpty, out.pieces.count < maxPieces { out.pieces.append(ByteText.string(piece, value)) }
            piece.removeAll(keepingCapacity: true)
        }
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == ByteText.backslash {
                var j = i + 1
                while j < b.count, ByteText.isLetter(b[j]) { j += 1 }
                if j == i + 1, j < b.count { j += 1 }
                let name = ByteText.string(b, (i + 1)..<j)
                if wrappers.contains(name), j < b.count, b[j] == ByteText.openBrace {
                    groups.append(true)
                    i = j + 1
                    continue
                }
                if depth == 0, name == "lor" || name == "vee" {
                    out.disjunction = true
                    flush()
                } else if spacing.contains(name) {
                    piece.append(0x20)
                } else {
                    if name == "{" || name == "langle" { depth += 1 }
                    if name == "}" || name == "rangle" { depth = max(0, depth - 1) }
                    piece.append(contentsOf: b[i..<j])
                }
                i = j
                continue
            }
            if ByteText.isLetter(c), i == 0 || !ByteText.isLetter(b[i - 1]) {
                var j = i
                while j < b.count, ByteText.isLetter(b[j]) { j += 1 }
                let word = ByteText.string(b, i..<j).lowercased()
                if depth == 0, word == "or" || word == "and" || word == "either" {
                    if word != "and" { out.disjunction = true }
                    if word != "either" { flush() }
                    i = j
                    continue
                }
                piece.append(contentsOf: b[i..<j])
                i = j
                continue
            }
            switch c {
            case ByteText.openBrace:
                groups.append(false)
                depth += 1
                piece.append(c)
            case ByteText.closeBrace:
                if let transparent = groups.popLast() {
                    if transparent {
                        i += 1
                        continue
                    }
                    depth = max(0, depth - 1)
                }
                piece.append(c)
            case UInt8(ascii: "("), UInt8(ascii: "["):
                depth += 1
                piece.append(c)
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth = max(0, depth - 1)
                piece.append(c)
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                if depth == 0, !isThousandsComma(b, i, b.count) { flush() } else { piece.append(c) }
            default:
                piece.append(c)
            }
            i += 1
        }
        flush()
        return out
    }

    /// `,` between a digit and exactly three digits: `1,000` is one number.
    private static func isThousandsComma(_ b: [UInt8], _ i: Int, _ end: Int) -> Bool {
        guard i > 0, i + 3 < end, ByteText.isDigit(b[i - 1]), (1...3).allSatisfy({ ByteText.isDigit(b[i + $0]) }) else {
            return false
        }
        return i + 4 >= end || !ByteText.isDigit(b[i + 4])
    }

    private static let abbreviations: [[UInt8]] = ["i.e.", "e.g."].map { Array($0.utf8) }

    /// The value after leading words of two letters or more, each followed by a space, and `i.e.` / `e.g.`
    /// (`which is approximately 4.24` → `4.24`); the whole range when it is all words (`Monday`) or starts with a
    /// name (`x = 2`, `pi/2`, `sin x`).
    static func valueAfterWords(_ b: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var i = range.lowerBound
        while i < range.upperBound {
            if let abbreviation = abbreviations.first(where: { ByteText.matches(b, at: i, $0, end: range.upperBound) }) {
                i += abbreviation.count
                while i < range.upperBound, b[i] == 0x20 || b[i] == UInt8(ascii: ",") { i += 1 }
                continue
            }
            var j = i
            while j < range.upperBound, ByteText.isLetter(b[j]) { j += 1 }
            let word = ByteText.string(b, i..<j).lowercased()
            guard j - i >= 2, !Vocabulary.functions.contains(word), Vocabulary.constantsPlain[word] == nil else { break }
            var k = j
            while k < range.upperBound, b[k] == UInt8(ascii: ".") || b[k] == UInt8(ascii: ":") { k += 1 }
            guard k < range.upperBound, b[k] == 0x20 else { break }
            while k < range.upperBound, b[k] == 0x20 { k += 1 }
            i = k
        }
        guard i > range.lowerBound, i < range.upperBound, !ByteText.isLetter(b[i]) else { return range }
        return i..<range.upperBound
    }
}
