import Synchronization

extension R1FormatChecker {
    /// PCRE2 equivalent of open-r1's `format_reward`
    /// (`re.match(r"^<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$", s, re.DOTALL | re.MULTILINE)`).
    ///
    /// Python semantics carried over:
    /// - `re.match` only tries position 0, and with `MULTILINE` a `^` could also match after a
    ///   newline, so the pattern anchors with `\A` instead.
    /// - `(?s)` (`DOTALL`): `.` crosses newlines. `(?m)` (`MULTILINE`): `$` matches at the end or
    ///   **before any `\n`**, so `</answer>\n` followed by arbitrary text still matches.
    /// - `(*LF)`: only `\n` is a newline (as in Python), so `</answer>\r\n` does not match,
    ///   whatever newline convention the system library was built with.
    /// - The lazy `.*?` can run across extra tags, so duplicated blocks may still match.
    /// - `<think>\n\n</think>` is the shortest think block (`<think>\n</think>` does not match).
    ///
    /// Compile with the default ``PCRE2Options`` (the pattern carries its own flags).
    public static let openR1Pattern = #"(*LF)(?sm)\A<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$"#

    /// ``openR1Pattern`` with custom tag names (regex metacharacters in the names are escaped).
    public static func openR1Pattern(thinkTag: String, answerTag: String) -> String {
        let t = escapeLiteral(thinkTag), a = escapeLiteral(answerTag)
        return #"(*LF)(?sm)\A<"# + t + #">\n.*?\n</"# + t + #">\n<"# + a + #">\n.*?\n</"# + a + #">$"#
    }

    /// Runs the open-r1 format pattern (for `options`' tag names) on `completion`.
    ///
    /// With ``FormatOptions/thinkOpenedInPrompt`` the pattern is run on `"<think>" + completion`,
    /// and the reported range is shifted back to offsets in `completion` (clamped at 0).
    /// The other options do not change the pattern.
    public static func matchOpenR1(_ completion: String, options: FormatOptions = FormatOptions(),
                                   limits: PCRE2Limits = .default) -> PCRE2MatchOutcome {
        let regex: PCRE2Pattern
        do {
            regex = try openR1Regex(thinkTag: options.thinkTag, answerTag: options.answerTag)
        } catch {
            return .error(code: error.code, message: error.message)
        }
        guard options.thinkOpenedInPrompt else { return regex.firstMatch(in: completion, limits: limits) }
        let prefix = "<\(options.thinkTag)>"
        let shift = prefix.utf8.count
        switch regex.firstMatch(in: prefix + completion, limits: limits) {
        case .match(let groups):
            return .match(groups.map { $0.map { max(0, $0.lowerBound - shift)..<max(0, $0.upperBound - shift) } })
        case let other:
            return other
        }
    }

    /// The compiled (JIT when available) open-r1 pattern for the given tag names, cached.
    public static func openR1Regex(thinkTag: String = "think", answerTag: String = "answer") throws(PCRE2CompileError) -> PCRE2Pattern {
        if thinkTag == "think" && answerTag == "answer" { return try defaultOpenR1Regex.get() }
        let key = thinkTag + "\u{0}" + answerTag
        if let cached = openR1Cache.withLock({ $0[key] }) { return cached }
        let compiled = try PCRE2Pattern(openR1Pattern(thinkTag: thinkTag, answerTag: answerTag))
        openR1Cache.withLock { cache in
            if cache.count >= 64 { cache.removeAll() }
            cache[key] = compiled
        }
        return compiled
    }

    private static let defaultOpenR1Regex: Result<PCRE2Pattern, PCRE2CompileError> =
        Result { () throws(PCRE2CompileError) in try PCRE2Pattern(openR1Pattern) }

    private static let openR1Cache = Mutex<[String: PCRE2Pattern]>([:])

    /// Backslash-escapes every non-alphanumeric ASCII character (always literal in PCRE2).
    static func escapeLiteral(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.isASCII && !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) && scalar != "_" {
                out.append("\\")
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
