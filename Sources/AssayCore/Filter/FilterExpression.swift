/// A keep expression: comma-separated ``FilterTerm``s that must all hold, e.g.
/// `accuracy=correct,language>=0.95,steps.false=0,no_code_blocks`.
///
/// ```
/// expression := term ("," term)*
/// term       := subject ("." key)* [op value ("|" value)*]
/// subject    := word                      a component of the rule, else a registered verifier
/// key        := word                      a key of `detail` (an integer indexes an array)
/// op         := "=" | "!=" | ">=" | "<=" | ">" | "<"
/// value      := number | true | false | word | "quoted"
/// word       := [A-Za-z0-9_-]+  (values may also hold "." and "+")
/// ```
///
/// Spaces around terms, operators and values are ignored. A bare subject means `subject=correct`. Without a key,
/// `=` and `!=` take verdicts (`a|b`: any of them) and the orderings take one number, compared with the subject's
/// mapped score; with a key, `=` and `!=` take numbers, booleans or strings, the orderings one number.
/// A number is what `Double` reads, starting with a digit, `+`, `-` or `.`; `"…"` is always a string (`\"`, `\\`).
public struct FilterExpression: Sendable, Hashable, CustomStringConvertible {
    /// In written order; all must hold.
    public var terms: [FilterTerm]

    public init(terms: [FilterTerm]) {
        self.terms = terms
    }

    /// The canonical text: each term's canonical form, in written order.
    public var description: String { terms.map(\.description).joined(separator: ",") }

    /// Parses an expression; errors carry the column and the offending text.
    public static func parse(_ text: String) throws(FilterExpressionError) -> FilterExpression {
        var parser = Parser(chars: Array(text))
        parser.skipSpaces()
        guard !parser.atEnd else { throw parser.error(at: parser.i, "expected at least one term") }
        var terms: [FilterTerm] = []
        while true {
            terms.append(try parser.term(first: terms.isEmpty))
            parser.skipSpaces()
            if parser.atEnd { break }
            guard parser.chars[parser.i] == "," else {
                throw parser.error(at: parser.i, "expected \",\" between terms, got \(parser.offending(parser.i))")
            }
            parser.i += 1
        }
        return FilterExpression(terms: terms)
    }

    /// Whether `text` reads back as the same string without quotes.
    static func isBareWord(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy(Parser.isValueCharacter) && Parser.classify(text) == .string(text)
    }

    private struct Parser {
        let chars: [Character]
        var i = 0

        var atEnd: Bool { i >= chars.count }

        static func isWordCharacter(_ c: Character) -> Bool {
            c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-")
        }

        static func isValueCharacter(_ c: Character) -> Bool { isWordCharacter(c) || c == "." || c == "+" }

        /// A bare value: a finite number, a boolean, or a string.
        static func classify(_ word: String) -> JSONValue {
            if word == "true" { return .bool(true) }
            if word == "false" { return .bool(false) }
            if let first = word.first, first.isNumber || first == "-" || first == "+" || first == ".",
                let number = Double(word), number.isFinite
            {
                return .double(number)
            }
            return .string(word)
        }

        func error(at index: Int, _ message: String) -> FilterExpressionError {
            FilterExpressionError(column: index + 1, message: message)
        }

        /// The text at `index`, up to the next comma, quoted for a message.
        func offending(_ index: Int) -> String {
            var end = index
            while end < chars.count && chars[end] != "," && end - index < 24 { end += 1 }
            return "\"" + String(chars[index..<end]) + "\""
        }

        mutating func skipSpaces() {
            while i < chars.count && (chars[i] == " " || chars[i] == "\t") { i += 1 }
        }

        mutating func word(_ accept: (Character) -> Bool) -> String {
            let start = i
            while i < chars.count && accept(chars[i]) { i += 1 }
            return String(chars[start..<i])
        }

        mutating func term(first: Bool) throws(FilterExpressionError) -> FilterTerm {
            skipSpaces()
            let start = i
            let subject = word(Self.isWordCharacter)
            guard !subject.isEmpty else {
                if atEnd || chars[i] == "," {
                    throw error(at: i, first ? "expected a term" : "expected a term after \",\"")
                }
                throw error(at: i, "expected a component or verifier name, got \(offending(i))")
            }
            var path: [String] = []
            while i < chars.count && chars[i] == "." {
                i += 1
                let key = word(Self.isWordCharacter)
                guard !key.isEmpty else {
                    throw error(at: i, "expected a field name after \".\"" + (atEnd ? "" : ", got \(offending(i))"))
                }
                path.append(key)
            }
            let written = ([subject] + path).joined(separator: ".")
            skipSpaces()
            if atEnd || chars[i] == "," {
                guard path.isEmpty else {
                    throw error(at: i, "expected an operator (=, !=, >=, <=, >, <) after \"\(written)\": a field needs a comparison")
                }
                return FilterTerm(subject: subject, comparison: .equal, operands: [.string(Verdict.correct.rawValue)], column: start + 1)
            }
            let comparison = try self.comparison(after: written)
            var operands: [JSONValue] = []
            while true {
                skipSpaces()
                let at = i
                let operand = try value(after: operands.isEmpty ? comparison.rawValue : "|")
                try check(operand, at: at, comparison: comparison, hasPath: !path.isEmpty, alternatives: operands.count)
                operands.append(operand)
                skipSpaces()
                guard i < chars.count && chars[i] == "|" else { break }
                if comparison.isOrdering { throw error(at: i, "\"|\" (alternatives) goes with = and != only") }
                i += 1
            }
            return FilterTerm(subject: subject, path: path, comparison: comparison, operands: operands, column: start + 1)
        }

        mutating func comparison(after written: String) throws(FilterExpressionError) -> FilterTerm.Comparison {
            let at = i
            let next = i + 1 < chars.count ? chars[i + 1] : nil
            let op: FilterTerm.Comparison
            switch (chars[i], next) {
            case ("!", "="): op = .notEqual
            case (">", "="): op = .atLeast
            case ("<", "="): op = .atMost
            case ("=", "="): throw error(at: at, "unknown operator \"==\"; use \"=\"")
            case ("=", _): op = .equal
            case (">", _): op = .greater
            case ("<", _): op = .less
            default:
                throw error(at: at, "expected an operator (=, !=, >=, <=, >, <) or \",\" after \"\(written)\", got \(offending(at))")
            }
            i += op.rawValue.count
            return op
        }

        mutating func value(after what: String) throws(FilterExpressionError) -> JSONValue {
            guard !atEnd, chars[i] != ",", chars[i] != "|" else {
                throw error(at: i, "expected a value after \"\(what)\"")
            }
            if chars[i] == "\"" {
                let open = i
                i += 1
                var text = ""
                while i < chars.count && chars[i] != "\"" {
                    if chars[i] == "\\" && i + 1 < chars.count { i += 1 }
                    text.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw error(at: open, "unterminated string \(offending(open))") }
                i += 1
                return .string(text)
            }
            let bare = word(Self.isValueCharacter)
            guard !bare.isEmpty else { throw error(at: i, "expected a value after \"\(what)\", got \(offending(i))") }
            return Self.classify(bare)
        }

        func check(_ operand: JSONValue, at: Int, comparison: FilterTerm.Comparison, hasPath: Bool, alternatives: Int)
            throws(FilterExpressionError)
        {
            if comparison.isOrdering {
                guard case .double = operand else {
                    throw error(at: at, "expected a number after \"\(comparison.rawValue)\", got \(offending(at))")
                }
            } else if !hasPath {
                guard case .string = operand else {
                    let after = alternatives == 0 ? comparison.rawValue : "|"
                    throw error(at: at, "expected a verdict (a word such as correct) after \"\(after)\", got \(offending(at))")
                }
            }
        }
    }
}

/// Why a keep expression was refused: the column (1-based, in characters) and what was wrong there.
public struct FilterExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// `keep: column 12: expected a value after ">="`.
    public var description: String { "keep: column \(column): \(message)" }
}
