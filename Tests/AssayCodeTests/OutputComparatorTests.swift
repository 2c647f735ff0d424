import Testing

import AssayCode

@Suite struct OutputComparatorTests {
    func ok(_ actual: String, _ expected: String, _ mode: OutputMode = .lines) -> Bool {
        OutputComparator.matches(actual: actual, expected: expected, mode: mode).matches
    }

    func message(_ actual: String, _ expected: String, _ mode: OutputMode = .lines) -> String? {
        OutputComparator.matches(actual: actual, expected: expected, mode: mode).message
    }

    // MARK: lines

    @Test func linesTrimTrailingWhitespaceAndBlankLines() {
        #expect(ok("1 2 3\n", "1 2 3"))
        #expect(ok("1 2 3  \r\n\r\n\n", "1 2 3\n"))
        #expect(ok("a\r\nb\r\n", "a\nb\n"))
        #expect(ok("a\t\nb", "a\nb\n\n"))
        #expect(ok("", ""))
        #expect(ok("\n\n", ""))
    }

    @Test func linesRequireEveryLineAndNoExtra() {
        #expect(!ok("1\n2\n", "1\n2\n3\n"))
        #expect(!ok("1\n2\n3\n4\n", "1\n2\n3\n"))
        #expect(!ok("", "1"))
        #expect(!ok("1", ""))
        #expect(!ok("1\n\n2", "1\n2"))
    }

    @Test func linesKeepLeadingAndInnerSpacing() {
        #expect(!ok(" 1", "1"))
        #expect(!ok("1  2", "1 2"))
        #expect(!ok("1 2", "12"))
    }

    @Test func linesMessages() {
        #expect(message("1\n2\n6\n", "1\n2\n5\n") == "line 3: expected `5`, got `6`")
        #expect(message("1\n", "1\n2\n") == "line 2: expected `2`, got end of output")
        #expect(message("1\n2\n", "1\n") == "line 2: expected end of output, got `2`")
        #expect(message("1\n", "1\n") == nil)
        let long = String(repeating: "x", count: 500)
        #expect((message(long, "y") ?? "").count < 200)
    }

    @Test(arguments: [
        ("2.0", "2"), ("2", "2.000000"), ("1e-7", "0"), ("0.1234567", "0.1234568"),
        ("1000000.5", "1000000.6"), ("-0.0", "0"), ("3.14159265", "3.141592"),
        ("1E3", "1000"), (".5", "0.5"), ("+1.5", "1.5"), ("0.333333333", "0.3333333"),
    ])
    func numbersWithinTolerance(pair: (String, String)) {
        for mode in [OutputMode.lines, .tokens] {
            #expect(ok(pair.0, pair.1, mode), "\(pair) \(mode)")
            #expect(ok(pair.1, pair.0, mode), "\(pair) \(mode)")
        }
        #expect(!ok(pair.0, pair.1, .exact))
    }

    @Test(arguments: [
        ("2.1", "2"), ("0.001", "0"), ("1e-5", "0"), ("1000000007", "1000000008"),
        ("3", "4"), ("1.0001", "1"), ("-1", "1"), ("1.5", "abc"), ("nan", "nan0"),
    ])
    func numbersOutsideTolerance(pair: (String, String)) {
        for mode in [OutputMode.lines, .tokens] {
            #expect(!ok(pair.0, pair.1, mode), "\(pair) \(mode)")
        }
    }

    @Test func integersCompareExactlyButNormalised() {
        #expect(ok("007", "7"))
        #expect(ok("-0", "0"))
        #expect(ok("+5", "5"))
        #expect(!ok("123456789012345678901", "123456789012345678902"))
        #expect(ok("123456789012345678901", "123456789012345678901"))
    }

    @Test func nonNumbersAreNotNumbers() {
        #expect(NumberToken("inf") == nil)
        #expect(NumberToken("nan") == nil)
        #expect(NumberToken("0x10") == nil)
        #expect(NumberToken("1_000") == nil)
        #expect(NumberToken("1e") == nil)
        #expect(NumberToken(".") == nil)
        #expect(NumberToken("-") == nil)
        #expect(NumberToken("1.") != nil)
        #expect(NumberToken("12")?.isInteger == true)
        #expect(NumberToken("1.0")?.isInteger == false)
        #expect(NumberToken("-000")?.normalizedInteger == "0")
        #expect(!ok("inf", "1e309"))
        #expect(ok("YES", "YES"))
        #expect(!ok("YES", "yes"))
    }

    @Test func numbersInsideLines() {
        #expect(ok("1.0 2.00 3\n", "1 2 3\n"))
        #expect(!ok("1.0 2.01 3\n", "1 2 3\n"))
        #expect(ok("Case #1: 0.5000000\n", "Case #1: 0.5\n"))
    }

    // MARK: exact

    @Test func exactIsBytes() {
        #expect(ok("a\nb\n", "a\nb\n", .exact))
        #expect(!ok("a\nb", "a\nb\n", .exact))
        #expect(!ok("a\r\nb\n", "a\nb\n", .exact))
        #expect(!ok("a \n", "a\n", .exact))
        #expect(ok("", "", .exact))
        #expect(message("abcX", "abcY", .exact) == "byte 3: expected `Y`, got `X`")
        #expect(message("abc", "abcd", .exact) == "byte 3: output ends early (1 bytes missing)")
        #expect(message("abcd", "abc", .exact) == "byte 3: unexpected extra output (1 bytes)")
    }

    // MARK: tokens

    @Test func tokensIgnoreWhitespaceLayout() {
        #expect(ok("1 2\n3", "1\n2 3", .tokens))
        #expect(ok("  1\t\t2\r\n\n 3 \n", "1 2 3", .tokens))
        #expect(!ok("1 2", "1 2 3", .tokens))
        #expect(!ok("1 2 3 4", "1 2 3", .tokens))
        #expect(!ok("12 3", "1 23", .tokens))
        #expect(message("1 2 7", "1 2 3", .tokens) == "token 3: expected `3`, got `7`")
        #expect(message("1", "1 2", .tokens) == "token 2: expected `2`, got end of output")
        #expect(message("1 2", "1", .tokens) == "token 2: expected end of output, got `2`")
    }

    @Test func modesHaveStableRawValues() {
        #expect(OutputMode.allCases.map(\.rawValue) == ["lines", "exact", "tokens"])
        #expect(OutputMode(rawValue: "tokens") == .tokens)
    }

    // MARK: Real data

    @Test func codeContestsOutputs() throws {
        guard let rows = CodeDatasets.rows("codecontests_test.jsonl") else { return }
        var checked = 0
        for row in rows {
            let outputs = try #require(row["outputs"] as? [String])
            let id = row["id"] as? String ?? "?"
            for out in outputs {
                for mode in OutputMode.allCases {
                    #expect(ok(out, out, mode), "\(id) \(mode)")
                }
                let padded = out.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0 + "  " }.joined(separator: "\r\n") + "\r\n\r\n"
                #expect(ok(padded, out, .lines), "\(id) padded lines")
                #expect(ok(padded, out, .tokens), "\(id) padded tokens")
                if let mutated = changeOneDigit(out) {
                    for mode in OutputMode.allCases {
                        #expect(!ok(mutated, out, mode), "\(id) mutated \(mode)")
                    }
                }
                checked += 1
            }
        }
        #expect(checked > 0)
    }

    /// Changes the first digit in the text (the most significant digit of the first number), so
    /// the number moves far beyond the tolerance: changing a low digit of `1697753.38` would
    /// rightly stay within the 1e-6 relative tolerance.
    func changeOneDigit(_ text: String) -> String? {
        var scalars = Array(text.unicodeScalars)
        guard let i = scalars.firstIndex(where: { ("0"..."9").contains($0) }) else { return nil }
        let d = scalars[i].value - 48
        scalars[i] = Unicode.Scalar(48 + (d + 1) % 10)!
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }
}
