import Testing
@testable import AssayText

@Suite("PCRE2Pattern")
struct PCRE2PatternTests {
    @Test func compileErrorCarriesMessageAndOffset() throws {
        let error = #expect(throws: PCRE2CompileError.self) { try PCRE2Pattern("ab(cd") }
        #expect(error?.offset == 5)
        #expect(error?.message.contains("parenthesis") == true)
        #expect(error?.code == 114)

        let bad = #expect(throws: PCRE2CompileError.self) { try PCRE2Pattern("日本[z-a]") }
        // "日本[z-" is 9 UTF-8 bytes (a character offset would be 5): PCRE2 points at the "a".
        #expect(bad?.offset == 9)
        #expect(bad?.message.contains("range out of order") == true)
    }

    @Test func capturesAndUnsetGroups() throws {
        let p = try PCRE2Pattern(#"(\d+)-(x)?(\d+)"#)
        #expect(p.captureCount == 3)
        #expect(p.firstMatch(in: "ab 12-345 cd") == .match([3..<9, 3..<5, nil, 6..<9]))
        #expect(p.firstMatch(in: "no digits") == .noMatch)
        #expect(p.matches("7-8") == true)
    }

    @Test func namedGroups() throws {
        let p = try PCRE2Pattern(#"<answer>(?<body>.*?)</answer>"#, options: [.utf, .dotAll])
        let idx = try #require(p.captureIndex(named: "body"))
        #expect(idx == 1)
        #expect(p.captureIndex(named: "nope") == nil)
        let groups = try #require(p.firstMatch(in: "x<answer>4\n2</answer>").captures)
        #expect(groups[idx] == 9..<12)
    }

    @Test func optionsChangeSemantics() throws {
        #expect(try PCRE2Pattern("HELLO").matches("hello") == false)
        #expect(try PCRE2Pattern("HELLO", options: [.utf, .caseless]).matches("hello") == true)
        #expect(try PCRE2Pattern("^b$").matches("a\nb\nc") == false)
        #expect(try PCRE2Pattern("^b$", options: [.utf, .multiline]).matches("a\nb\nc") == true)
        #expect(try PCRE2Pattern("a.b").matches("a\nb") == false)
        #expect(try PCRE2Pattern("a.b", options: [.utf, .dotAll]).matches("a\nb") == true)
        #expect(try PCRE2Pattern("a b # comment", options: [.utf, .extended]).matches("ab") == true)
        #expect(try PCRE2Pattern(#"^\w+$"#).matches("数学") == false)
        #expect(try PCRE2Pattern(#"^\w+$"#, options: [.utf, .ucp]).matches("数学") == true)
    }

    @Test func utf8SubjectsGiveByteRanges() throws {
        let p = try PCRE2Pattern("(答案)：(.)")
        // "思考" = 6 bytes, "答案" = 6 bytes, "：" = 3 bytes, "😀" = 4 bytes.
        #expect(p.firstMatch(in: "思考答案：😀!") == .match([6..<19, 6..<12, 15..<19]))
        let dot = try PCRE2Pattern("^.$")
        #expect(dot.matches("😀") == true)  // one code point, not four bytes
        let e = try PCRE2Pattern("🎉+")
        #expect(e.firstMatch(in: "ab🎉🎉c") == .match([2..<10]))
    }

    @Test func invalidUTF8IsToleratedInBytes() throws {
        let p = try PCRE2Pattern("b+")
        let bytes: [UInt8] = [0x61, 0xFF, 0xC3, 0x62, 0x62, 0x80]
        #expect(p.firstMatch(inUTF8: bytes) == .match([3..<5]))
        #expect(p.firstMatch(inUTF8: bytes[0..<3]) == .noMatch)
    }

    @Test func countsNonOverlappingMatches() throws {
        let p = try PCRE2Pattern("<think>")
        #expect(p.matches(in: "<think>a<think>b<think>") == .count(3))
        #expect(p.matches(in: "<think>a<think>b<think>", cap: 2) == .count(2))
        #expect(p.matches(in: "nothing") == .count(0))
        #expect(try PCRE2Pattern("aa").matches(in: "aaaaa") == .count(2))
        // Empty matches are counted like Python's re.findall("a*", "baa") -> ['', 'aa', ''].
        #expect(try PCRE2Pattern("a*").matches(in: "baa") == .count(3))
        #expect(try PCRE2Pattern("x*").matches(in: "日本") == .count(3))
    }

    @Test(arguments: [true, false])
    func catastrophicPatternsHitALimit(jit: Bool) throws {
        let subject = String(repeating: "a", count: 5000) + "!"
        let nested = try PCRE2Pattern("(a+)+$", jit: jit)
        #expect(nested.isJITCompiled == (jit && PCRE2Pattern.jitAvailable))
        guard case .limitExceeded = nested.firstMatch(in: subject) else {
            Issue.record("expected limitExceeded, got \(nested.firstMatch(in: subject))")
            return
        }
        let words = try PCRE2Pattern(#"(\w+\s?)*$"#, jit: jit)
        let wordSubject = String(repeating: "word ", count: 2000) + "!"
        if case .limitExceeded = words.firstMatch(in: wordSubject) {} else {
            Issue.record("expected limitExceeded for (\\w+\\s?)*$")
        }
        // Counting stops at the limit too.
        if case .limitExceeded = nested.matches(in: subject) {} else {
            Issue.record("expected limitExceeded from matches(in:)")
        }
    }

    @Test func interpreterReportsEachLimitKind() throws {
        let subject = String(repeating: "a", count: 5000) + "!"
        let p = try PCRE2Pattern("(a+)+$", jit: false)
        #expect(p.firstMatch(in: subject, limits: PCRE2Limits(matchLimit: 1000)) == .limitExceeded(.match))
        #expect(p.firstMatch(in: subject, limits: PCRE2Limits(depthLimit: 10)) == .limitExceeded(.depth))
        #expect(p.firstMatch(in: subject, limits: PCRE2Limits(heapLimitKiB: 1)) == .limitExceeded(.heap))
        // A small subject stays under the limits and is a real no-match.
        #expect(p.firstMatch(in: "aaaa!") == .noMatch)
    }

    @Test(.enabled(if: PCRE2Pattern.jitAvailable, "the JIT stack only exists with JIT"))
    func jitStackLimitIsMapped() throws {
        // Deep recursion through a capturing group with alternation exhausts the 1 MiB JIT stack.
        let p = try PCRE2Pattern(#"(a|b)*c"#)
        let subject = String(repeating: "ab", count: 400_000)
        let outcome = p.firstMatch(in: subject, limits: PCRE2Limits(matchLimit: 100_000_000))
        #expect(outcome == .limitExceeded(.jitStack))
    }

    @Test func sharedPatternFromManyTasks() async throws {
        let p = try PCRE2Pattern(#"<answer>\s*(\d+)\s*</answer>"#)
        let results = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
            for i in 0..<64 {
                group.addTask {
                    var ok = true
                    for j in 0..<200 {
                        let n = i * 1000 + j
                        let prefix = String(repeating: "é", count: j % 7)
                        let s = "\(prefix)<answer> \(n) </answer>"
                        let start = prefix.utf8.count + 9
                        let expected = start..<(start + String(n).utf8.count)
                        if p.firstMatch(in: s).captures?[1] != expected { ok = false }
                        if p.firstMatch(in: "<answer>x</answer>") != .noMatch { ok = false }
                    }
                    return ok
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }

    @Test func emptyPatternAndSubject() throws {
        let p = try PCRE2Pattern("")
        #expect(p.firstMatch(in: "") == .match([0..<0]))
        #expect(try PCRE2Pattern("a").firstMatch(in: "") == .noMatch)
    }
}
