/// How a program's stdout is compared with the expected output.
public enum OutputMode: String, Sendable, Hashable, CaseIterable {
    /// Line by line: trailing whitespace (`\r` included) trimmed per line, trailing blank lines
    /// dropped, every expected line required, no extra lines; within a line, space-separated
    /// fields are compared as by ``OutputComparator/tokensMatch(_:_:)``.
    case lines
    /// Byte for byte.
    case exact
    /// Whitespace-separated tokens (any amount of any whitespace), compared as by ``OutputComparator/tokensMatch(_:_:)``.
    case tokens
}

/// The outcome of an output comparison.
public struct OutputComparison: Sendable, Hashable {
    /// Whether the output is accepted.
    public var matches: Bool
    /// For a mismatch, a short description of the first difference, such as "line 3: expected \`5\`, got \`6\`"; `nil` on a match.
    public var message: String?

    /// Creates a comparison result.
    public init(matches: Bool, message: String? = nil) {
        self.matches = matches
        self.message = message
    }
}

/// Compares a program's stdout with the expected output of a stdin/stdout test.
///
/// Numbers: two tokens that both look like decimal numbers (``NumberToken``) and are not both
/// integers are equal when |a−b| ≤ 1e-6 or |a−b| ≤ 1e-6·max(|a|,|b|), so `2.0` matches `2`,
/// `1e-7` matches `0` and `1000000.5` matches `1000000.6` (relative error 1e-7). Two integers
/// must be equal exactly (after normalising sign and leading zeros): otherwise a wrong answer
/// like `1000000008` for `1000000007` would pass the relative tolerance.
public enum OutputComparator {
    /// The absolute and relative tolerance for numeric tokens.
    public static let tolerance = 1e-6
    /// Longest excerpt quoted in a message.
    public static let excerptLimit = 60

    /// Compares `actual` with `expected` under `mode`.
    public static func matches(actual: String, expected: String, mode: OutputMode = .lines) -> OutputComparison {
        switch mode {
        case .exact: compareExact(actual, expected)
        case .lines: compareLines(actual, expected)
        case .tokens: compareTokens(actual, expected)
        }
    }

    /// Whether two tokens are equal: identical text, or both numbers equal by the rule above.
    public static func tokensMatch(_ actual: Substring, _ expected: Substring) -> Bool {
        if actual == expected { return true }
        guard let a = NumberToken(actual), let e = NumberToken(expected) else { return false }
        if a.isInteger && e.isInteger { return a.normalizedInteger == e.normalizedInteger }
        let diff = abs(a.value - e.value)
        if diff <= tolerance { return true }
        return diff <= tolerance * max(abs(a.value), abs(e.value))
    }

    // MARK: - Modes

    private static func compareExact(_ actual: String, _ expected: String) -> OutputComparison {
        let a = Array(actual.utf8), e = Array(expected.utf8)
        if a == e { return OutputComparison(matches: true) }
        var i = 0
        while i < a.count, i < e.count, a[i] == e[i] { i += 1 }
        if i == e.count { return OutputComparison(matches: false, message: "byte \(i): unexpected extra output (\(a.count - i) bytes)") }
        if i == a.count { return OutputComparison(matches: false, message: "byte \(i): output ends early (\(e.count - i) bytes missing)") }
        return OutputComparison(
            matches: false,
            message: "byte \(i): expected \(quote(String(decoding: e[i...].prefix(excerptLimit), as: UTF8.self))), "
                + "got \(quote(String(decoding: a[i...].prefix(excerptLimit), as: UTF8.self)))")
    }

    private static func compareLines(_ actual: String, _ expected: String) -> OutputComparison {
        let a = normalizedLines(actual), e = normalizedLines(expected)
        for (i, expectedLine) in e.enumerated() {
            guard i < a.count else {
                return OutputComparison(matches: false, message: "line \(i + 1): expected \(quote(expectedLine)), got end of output")
            }
            if !lineMatches(a[i], expectedLine) {
                return OutputComparison(
                    matches: false, message: "line \(i + 1): expected \(quote(expectedLine)), got \(quote(a[i]))")
            }
        }
        if a.count > e.count {
            return OutputComparison(
                matches: false, message: "line \(e.count + 1): expected end of output, got \(quote(a[e.count]))")
        }
        return OutputComparison(matches: true)
    }

    private static func compareTokens(_ actual: String, _ expected: String) -> OutputComparison {
        let a = tokens(actual), e = tokens(expected)
        for (i, expectedToken) in e.enumerated() {
            guard i < a.count else {
                return OutputComparison(
                    matches: false, message: "token \(i + 1): expected \(quote(expectedToken)), got end of output")
            }
            if !tokensMatch(a[i], expectedToken) {
                return OutputComparison(
                    matches: false, message: "token \(i + 1): expected \(quote(expectedToken)), got \(quote(a[i]))")
            }
        }
        if a.count > e.count {
            return OutputComparison(
                matches: false, message: "token \(e.count + 1): expected end of output, got \(quote(a[e.count]))")
        }
        return OutputComparison(matches: true)
    }

    // MARK: - Helpers

    private static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\r" || s == "\n" || s == "\u{0B}" || s == "\u{0C}"
    }

    /// Lines split on `\n`, each with trailing whitespace removed, trailing blank lines dropped.
    static func normalizedLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        for raw in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            var end = raw.endIndex
            while end > raw.startIndex, isWhitespace(raw[raw.index(before: end)]) { end = raw.index(before: end) }
            lines.append(Substring(raw[raw.startIndex..<end]))
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }

    /// Whitespace-separated tokens.
    static func tokens(_ text: String) -> [Substring] {
        text.unicodeScalars.split(whereSeparator: isWhitespace).map { Substring($0) }
    }

    /// Lines match if identical, or if their single-space-separated fields match pairwise
    /// (so spacing inside a line still matters; only number formatting is tolerated).
    private static func lineMatches(_ actual: Substring, _ expected: Substring) -> Bool {
        if actual == expected { return true }
        let a = actual.unicodeScalars.split(separator: " ", omittingEmptySubsequences: false)
        let e = expected.unicodeScalars.split(separator: " ", omittingEmptySubsequences: false)
        guard a.count == e.count else { return false }
        for (x, y) in zip(a, e) where !tokensMatch(Substring(x), Substring(y)) { return false }
        return true
    }

    private static func quote<S: StringProtocol>(_ s: S) -> String {
        let text = String(s)
        let cut = text.count > excerptLimit ? String(text.prefix(excerptLimit)) + "…" : text
        return "`" + cut + "`"
    }
}
