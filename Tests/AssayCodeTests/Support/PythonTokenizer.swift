// The tokenizer behind PythonMutator: bytes → tokens and logical lines, enough of Python's lexical rules to edit
// code on token boundaries (strings with prefixes and triple quotes, comments, continuations, brackets).

extension PythonMutator {
    enum Ascii {
        static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), tab = UInt8(ascii: "\t"), space = UInt8(ascii: " ")
        static let formFeed: UInt8 = 0x0C, backslash = UInt8(ascii: "\\"), hash = UInt8(ascii: "#")
        static let singleQuote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\""), dot = UInt8(ascii: ".")
        static let underscore = UInt8(ascii: "_")

        static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        /// Non-ASCII bytes count as identifier characters (Python allows Unicode identifiers).
        static func isIdentifierStart(_ c: UInt8) -> Bool { isLetter(c) || c == underscore || c >= 0x80 }
        static func isIdentifier(_ c: UInt8) -> Bool { isIdentifierStart(c) || isDigit(c) }
    }

    struct Token {
        enum Kind { case name, integer, number, string, op }
        var kind: Kind
        /// Byte offsets into the normalised source.
        var start: Int
        var end: Int
        /// Bracket depth the token sits at (an opening bracket and its closing one share their outer depth).
        var depth: Int
    }

    /// A logical line: one statement line, possibly spanning several physical lines (brackets, backslashes,
    /// triple-quoted strings). Blank and comment-only lines are not logical lines; comments are not tokens.
    struct LogicalLine {
        var tokens: Range<Int>
        /// Indentation column, tabs to the next multiple of 8 as in Python's tokenizer.
        var column: Int
        /// Byte offset of the start of its first physical line.
        var lineStart: Int
        /// Byte offset just past its final newline (or the end of the source).
        var end: Int
    }

    struct Function {
        var header: Int
        var openParen: Int
        var closeParen: Int
        var colon: Int
        /// Logical lines of an indented body; empty when the body follows the colon on the header line.
        var body: Range<Int>
        /// Every token after the colon, up to the end of the body.
        var bodyTokens: Range<Int>
    }

}

extension PythonMutator.Module {
    private static let threeCharOps: Set<String> = ["**=", "//=", ">>=", "<<=", "..."]
    private static let twoCharOps: Set<String> = [
        "==", "!=", "<=", ">=", "->", "**", "//", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", ":=",
    ]
    private static let oneCharOps = Set("+-*/%@&|^~<>()[]{},:;.=!".utf8)

    /// Tokens and logical lines, or nil when the source does not tokenize (unterminated string, unbalanced
    /// brackets, stray characters).
    func tokenize() -> (tokens: [PythonMutator.Token], lines: [PythonMutator.LogicalLine])? {
        let b = bytes, n = b.count
        var tokens: [PythonMutator.Token] = []
        var lines: [PythonMutator.LogicalLine] = []
        var i = 0, depth = 0
        var atLineStart = true
        var lineFirstToken = 0, lineColumn = 0, lineStart = 0

        func endLine(at end: Int) {
            if tokens.count > lineFirstToken {
                lines.append(PythonMutator.LogicalLine(tokens: lineFirstToken..<tokens.count, column: lineColumn, lineStart: lineStart, end: end))
            }
            atLineStart = true
        }

        while i < n {
            if atLineStart {
                let start = i
                var column = 0
                while i < n, b[i] == PythonMutator.Ascii.space || b[i] == PythonMutator.Ascii.tab || b[i] == PythonMutator.Ascii.formFeed {
                    column = b[i] == PythonMutator.Ascii.space ? column + 1 : b[i] == PythonMutator.Ascii.tab ? (column / 8 + 1) * 8 : 0
                    i += 1
                }
                if i >= n { break }
                if b[i] == PythonMutator.Ascii.lf { i += 1; continue }
                if b[i] == PythonMutator.Ascii.hash {
                    while i < n, b[i] != PythonMutator.Ascii.lf { i += 1 }
                    i += 1
                    continue
                }
                atLineStart = false
                lineFirstToken = tokens.count
                lineColumn = column
                lineStart = start
                continue
            }
            let c = b[i]
            if c == PythonMutator.Ascii.space || c == PythonMutator.Ascii.tab || c == PythonMutator.Ascii.formFeed {
                i += 1
            } else if c == PythonMutator.Ascii.backslash {
                guard i + 1 < n, b[i + 1] == PythonMutator.Ascii.lf else { return nil }
                i += 2
            } else if c == PythonMutator.Ascii.lf {
                i += 1
                if depth == 0 { endLine(at: i) }
            } else if c == PythonMutator.Ascii.hash {
                while i < n, b[i] != PythonMutator.Ascii.lf { i += 1 }
            } else if PythonMutator.Ascii.isIdentifierStart(c) {
                var j = i
                while j < n, PythonMutator.Ascii.isIdentifier(b[j]) { j += 1 }
                if j < n, b[j] == PythonMutator.Ascii.singleQuote || b[j] == PythonMutator.Ascii.doubleQuote, isStringPrefix(i..<j) {
                    guard let end = stringEnd(quoteAt: j) else { return nil }
                    tokens.append(PythonMutator.Token(kind: .string, start: i, end: end, depth: depth))
                    i = end
                } else {
                    tokens.append(PythonMutator.Token(kind: .name, start: i, end: j, depth: depth))
                    i = j
                }
            } else if c == PythonMutator.Ascii.singleQuote || c == PythonMutator.Ascii.doubleQuote {
                guard let end = stringEnd(quoteAt: i) else { return nil }
                tokens.append(PythonMutator.Token(kind: .string, start: i, end: end, depth: depth))
                i = end
            } else if PythonMutator.Ascii.isDigit(c) || (c == PythonMutator.Ascii.dot && i + 1 < n && PythonMutator.Ascii.isDigit(b[i + 1])) {
                let (end, isInteger) = numberEnd(at: i)
                tokens.append(PythonMutator.Token(kind: isInteger ? .integer : .number, start: i, end: end, depth: depth))
                i = end
            } else {
                var length = 0
                if i + 3 <= n, Self.threeCharOps.contains(String(decoding: b[i..<i + 3], as: UTF8.self)) {
                    length = 3
                } else if i + 2 <= n, Self.twoCharOps.contains(String(decoding: b[i..<i + 2], as: UTF8.self)) {
                    length = 2
                } else if Self.oneCharOps.contains(c) {
                    length = 1
                } else {
                    return nil
                }
                switch c {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                    tokens.append(PythonMutator.Token(kind: .op, start: i, end: i + 1, depth: depth))
                    depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    guard depth >= 0 else { return nil }
                    tokens.append(PythonMutator.Token(kind: .op, start: i, end: i + 1, depth: depth))
                default:
                    tokens.append(PythonMutator.Token(kind: .op, start: i, end: i + length, depth: depth))
                }
                i += length
            }
        }
        guard depth == 0 else { return nil }
        if !atLineStart { endLine(at: n) }
        return (tokens, lines)
    }

    /// r, u, b, f and the two-letter combinations rb/br/fr/rf, in any case.
    private func isStringPrefix(_ range: Range<Int>) -> Bool {
        guard range.count <= 2 else { return false }
        let letters = Set(bytes[range].map { $0 | 0x20 })
        guard letters.count == range.count, letters.isSubset(of: Set("rubf".utf8)) else { return false }
        return range.count == 1 || letters.contains(UInt8(ascii: "r")) && !letters.contains(UInt8(ascii: "u"))
    }

    /// The end of the string literal whose opening quote is at `q`; nil if it is unterminated.
    private func stringEnd(quoteAt q: Int) -> Int? {
        let b = bytes, n = b.count, quote = b[q]
        let triple = q + 2 < n && b[q + 1] == quote && b[q + 2] == quote
        var i = triple ? q + 3 : q + 1
        while i < n {
            let c = b[i]
            if c == PythonMutator.Ascii.backslash {
                i += 2
            } else if c == quote {
                if !triple { return i + 1 }
                if i + 2 < n, b[i + 1] == quote, b[i + 2] == quote { return i + 3 }
                i += 1
            } else if c == PythonMutator.Ascii.lf, !triple {
                return nil
            } else {
                i += 1
            }
        }
        return nil
    }

    /// The end of the numeric literal at `i`, and whether it is an integer (not a float or imaginary number).
    private func numberEnd(at start: Int) -> (Int, Bool) {
        let b = bytes, n = b.count
        var i = start
        if b[i] == UInt8(ascii: "0"), i + 1 < n, "xXoObB".utf8.contains(b[i + 1]) {
            i += 2
            while i < n, PythonMutator.Ascii.isDigit(b[i]) || PythonMutator.Ascii.isLetter(b[i]) || b[i] == PythonMutator.Ascii.underscore { i += 1 }
            return (i, true)
        }
        var isInteger = true
        while i < n, PythonMutator.Ascii.isDigit(b[i]) || b[i] == PythonMutator.Ascii.underscore { i += 1 }
        if i < n, b[i] == PythonMutator.Ascii.dot {
            isInteger = false
            i += 1
            while i < n, PythonMutator.Ascii.isDigit(b[i]) || b[i] == PythonMutator.Ascii.underscore { i += 1 }
        }
        if i < n, b[i] | 0x20 == UInt8(ascii: "e") {
            var j = i + 1
            if j < n, b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") { j += 1 }
            if j < n, PythonMutator.Ascii.isDigit(b[j]) {
                isInteger = false
                i = j
                while i < n, PythonMutator.Ascii.isDigit(b[i]) || b[i] == PythonMutator.Ascii.underscore { i += 1 }
            }
        }
        if i < n, b[i] | 0x20 == UInt8(ascii: "j") {
            isInteger = false
            i += 1
        }
        return (i, isInteger)
    }

}
