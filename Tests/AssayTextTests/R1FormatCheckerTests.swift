import AssayCore
import Foundation
import Testing
@testable import AssayText

@Suite("R1FormatChecker")
struct R1FormatCheckerTests {
    static let strict = FormatOptions(requireNewlines: true)

    func failed(_ s: String, _ o: FormatOptions = FormatOptions()) -> [String] {
        R1FormatChecker.check(s, options: o).failedChecks
    }

    // MARK: Well-formed

    @Test func wellFormedBasic() {
        let r = R1FormatChecker.check("<think>reason</think><answer>42</answer>")
        #expect(r.wellFormed)
        #expect(r.passedFraction == 1.0)
        #expect(r.thinkText == "reason")
        #expect(r.answerText == "42")
        #expect(r.checks.map(\.name) == ["one_think_open", "one_think_close", "one_answer_open", "one_answer_close",
                                         "order", "nothing_before_think", "nothing_between", "answer_nonempty",
                                         "nothing_after_answer"])
        #expect(r.checks.allSatisfy { $0.message == nil })
    }

    @Test(arguments: [
        "  \n<think>a</think>\n\n<answer>b</answer>\n ",
        "<think>\nstep 1\nstep 2\n</think>\n<answer>\n\\boxed{3}\n</answer>",
        "<think>数学 😀 <b>bold</b> a<b</think> <answer>答案：7</answer>",
        "\t<think></think><answer>x</answer>\u{3000}",
    ])
    func wellFormedVariants(_ s: String) {
        let r = R1FormatChecker.check(s)
        #expect(r.wellFormed, "\(r.failedChecks)")
    }

    @Test func extractionUsesUTF8Boundaries() {
        let r = R1FormatChecker.check("<think>思考 😀</think><answer>答案 🎉</answer>")
        #expect(r.thinkText == "思考 😀")
        #expect(r.answerText == "答案 🎉")
    }

    // MARK: Malformed

    @Test func missingCloseThink() {
        let r = R1FormatChecker.check("<think>a<answer>b</answer>")
        #expect(r.failedChecks == ["one_think_close", "order", "nothing_between"])
        #expect(r.thinkText == "a")
        #expect(r.answerText == "b")
        #expect(r.check(named: "one_think_close")?.message == "expected 1 </think>, found 0")
    }

    @Test func missingCloseAnswerIsTruncatedAnswer() {
        let r = R1FormatChecker.check("<think>a</think><answer>partial")
        #expect(r.failedChecks == ["one_answer_close", "order", "nothing_after_answer"])
        #expect(r.answerText == "partial")
    }

    @Test func twoThinkBlocks() {
        let r = R1FormatChecker.check("<think>first</think><think>second</think><answer>x</answer>")
        #expect(r.failedChecks == ["one_think_open", "one_think_close", "nothing_between"])
        #expect(r.thinkText == "first")
    }

    @Test func twoAnswerBlocksTakesLast() {
        let r = R1FormatChecker.check("<think>t</think><answer>1</answer><answer>2</answer>")
        #expect(r.failedChecks == ["one_answer_open", "one_answer_close"])
        #expect(r.answerText == "2")
    }

    @Test func answerBeforeThink() {
        let r = R1FormatChecker.check("<answer>1</answer><think>x</think>")
        #expect(r.failedChecks.contains("order"))
        #expect(r.failedChecks.contains("nothing_before_think"))
        #expect(r.failedChecks.contains("nothing_after_answer"))
        #expect(!r.wellFormed)
        #expect(r.answerText == "1")
    }

    @Test func nestedAndInterleaved() {
        #expect(failed("<think>a<answer>b</answer>c</think>") == ["order", "nothing_between", "nothing_after_answer"])
        #expect(failed("<think>a<answer>b</think>c</answer>") == ["order", "nothing_between"])
    }

    @Test func textAroundTheBlocks() {
        #expect(failed("Sure! <think>a</think><answer>b</answer>") == ["nothing_before_think"])
        #expect(failed("<think>a</think><answer>b</answer> Hope this helps") == ["nothing_after_answer"])
        #expect(failed("<think>a</think> so <answer>b</answer>") == ["nothing_between"])
        let lenient = FormatOptions(allowTextBeforeThink: true, allowTextAfterAnswer: true)
        let r = R1FormatChecker.check("Sure! <think>a</think><answer>b</answer> Hope this helps", options: lenient)
        #expect(r.wellFormed)
        #expect(r.check(named: "nothing_before_think") == nil)
        #expect(r.check(named: "nothing_after_answer") == nil)
    }

    @Test func emptyAndBlankAnswers() {
        let empty = R1FormatChecker.check("<think>a</think><answer></answer>")
        #expect(empty.failedChecks == ["answer_nonempty"])
        #expect(empty.answerText == "")
        #expect(failed("<think>a</think><answer> \n\t\u{3000}\u{A0}</answer>") == ["answer_nonempty"])
        #expect(failed("<think>a</think><answer> \n1\u{3000}</answer>") == [])
    }

    @Test func partialCredit() {
        #expect(R1FormatChecker.check("hello").passedFraction == 0)
        #expect(R1FormatChecker.check("hello").thinkText == nil)
        #expect(R1FormatChecker.check("hello").answerText == nil)
        let onlyAnswer = R1FormatChecker.check("<answer>x</answer>")
        #expect(onlyAnswer.passedFraction == 4.0 / 9.0)
        #expect(onlyAnswer.thinkText == nil)
        let strict = R1FormatChecker.check("<think>a</think><answer>b</answer>", options: Self.strict)
        #expect(strict.failedChecks == ["newlines"])
        #expect(strict.passedFraction == 9.0 / 10.0)
    }

    @Test func loneCloseThinkIsBestEffortThinkText() {
        let r = R1FormatChecker.check("I reason here</think><answer>x</answer>")
        #expect(r.thinkText == "I reason here")
        #expect(r.failedChecks == ["one_think_open", "order", "nothing_before_think"])
    }

    // MARK: Options

    @Test func thinkOpenedInPrompt() {
        let o = FormatOptions(thinkOpenedInPrompt: true)
        let r = R1FormatChecker.check("Let me see.</think><answer>4</answer>", options: o)
        #expect(r.wellFormed)
        #expect(r.thinkText == "Let me see.")
        #expect(r.check(named: "nothing_before_think") == nil)
        let again = R1FormatChecker.check("<think>x</think><answer>4</answer>", options: o)
        #expect(again.failedChecks == ["one_think_open"])
        #expect(again.check(named: "one_think_open")?.message?.contains("prompt") == true)
        let unclosed = R1FormatChecker.check("still thinking", options: o)
        #expect(unclosed.thinkText == "still thinking")
        let strict = FormatOptions(thinkOpenedInPrompt: true, requireNewlines: true)
        #expect(R1FormatChecker.check("\nr\n</think>\n<answer>\n4\n</answer>", options: strict).wellFormed)
        #expect(R1FormatChecker.check("r\n</think>\n<answer>\n4\n</answer>", options: strict).failedChecks == ["newlines"])
    }

    @Test func requireNewlines() {
        let ok = "<think>\nr\n</think>\n<answer>\n4\n</answer>"
        #expect(R1FormatChecker.check(ok, options: Self.strict).wellFormed)
        #expect(R1FormatChecker.check(ok + "\n\n", options: Self.strict).wellFormed)
        #expect(failed(ok + " ", Self.strict) == ["newlines"])
        #expect(failed(" " + ok, Self.strict) == ["newlines"])
        #expect(failed("<think>\n</think>\n<answer>\n4\n</answer>", Self.strict) == ["newlines"])
        #expect(failed("<think>\nr\n</think>\n\n<answer>\n4\n</answer>", Self.strict) == ["newlines"])
        #expect(failed("<think>\nr\n</think>\n<answer>4\n</answer>", Self.strict) == ["newlines"])
    }

    @Test func crlfNewlines() {
        let crlf = "<think>\r\nr\r\n</think>\r\n<answer>\r\n4\r\n</answer>\r\n"
        let r = R1FormatChecker.check(crlf)
        #expect(r.wellFormed)
        #expect(r.thinkText == "\r\nr\r\n")
        #expect(r.answerText == "\r\n4\r\n")
        // open-r1's strict layout wants "\n" exactly, like Python's re.
        #expect(failed(crlf, Self.strict) == ["newlines"])
        #expect(R1FormatChecker.matchOpenR1(crlf) == .noMatch)
    }

    @Test func customTags() {
        let o = FormatOptions(thinkTag: "reasoning", answerTag: "final")
        let r = R1FormatChecker.check("<reasoning>r</reasoning><final>9</final>", options: o)
        #expect(r.wellFormed)
        #expect(r.answerText == "9")
        #expect(!R1FormatChecker.check("<think>r</think><answer>9</answer>", options: o).wellFormed)
        let p = R1FormatChecker.openR1Pattern(thinkTag: "r.s", answerTag: "a+")
        let outcome = R1FormatChecker.matchOpenR1("<r.s>\nx\n</r.s>\n<a+>\ny\n</a+>",
                                                   options: FormatOptions(thinkTag: "r.s", answerTag: "a+"))
        #expect(outcome.isMatch, "\(p)")
        #expect(R1FormatChecker.matchOpenR1("<rXs>\nx\n</rXs>\n<a+>\ny\n</a+>",
                                            options: FormatOptions(thinkTag: "r.s", answerTag: "a+")) == .noMatch)
    }

    @Test func hugeInput() {
        let body = String(repeating: "a < b and c <thin k> 数学 ", count: 200_000)  // ~5 MB
        let s = "<think>" + body + "</think><answer>done</answer>"
        let r = R1FormatChecker.check(s)
        #expect(r.wellFormed)
        #expect(r.thinkText?.utf8.count == body.utf8.count)
        let tags = String(repeating: "<think></think>", count: 100_000) + "<answer>x"
        let bad = R1FormatChecker.check(tags)
        #expect(bad.check(named: "one_think_open")?.message == "expected 1 <think>, found 100000")
        #expect(bad.thinkText == "")
        #expect(bad.answerText == "x")
    }

    // MARK: open-r1 pattern

    @Test func openR1PatternPinnedCases() throws {
        // Expected values are what Python 3.11 `re.match(p, s, re.DOTALL | re.MULTILINE)` returns.
        let cases: [(String, Bool)] = [
            ("<think>\nr\n</think>\n<answer>\n4\n</answer>", true),
            ("<think>\nr\n</think>\n<answer>\n4\n</answer>\njunk after", true),
            ("<think>\nr\n</think>\n<answer>\n4\n</answer> ", false),
            ("<think>\n</think>\n<answer>\n4\n</answer>", false),
            ("<think>\n\n</think>\n<answer>\n\n</answer>", true),
            (" <think>\nr\n</think>\n<answer>\n4\n</answer>", false),
            ("<think>\na\n</think>\n<think>\nb\n</think>\n<answer>\n4\n</answer>", true),
            ("<think>\r\nr\r\n</think>\r\n<answer>\r\n4\r\n</answer>\r\n", false),
            ("x\n<think>\nr\n</think>\n<answer>\n4\n</answer>", false),
        ]
        let regex = try R1FormatChecker.openR1Regex()
        for (s, expected) in cases {
            #expect(regex.matches(s) == expected, "\(s.debugDescription)")
            #expect(R1FormatChecker.matchOpenR1(s).isMatch == expected, "\(s.debugDescription)")
        }
        let whole = R1FormatChecker.matchOpenR1("<think>\nr\n</think>\n<answer>\n4\n</answer>\nmore")
        #expect(whole == .match([0..<39]))  // stops before "\nmore"
        let prompted = R1FormatChecker.matchOpenR1("\nr\n</think>\n<answer>\n4\n</answer>",
                                                    options: FormatOptions(thinkOpenedInPrompt: true))
        #expect(prompted == .match([0..<32]))
    }

    // MARK: Agreement with Python's re

    static let python = "/usr/bin/python3"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: python),
                   "needs /usr/bin/python3 to compute open-r1's reference answers"))
    func agreesWithPythonOpenR1() throws {
        let corpus = AgreementCorpus.generate(count: 500, seed: 0x5EED_A55A)
        let verdicts = try AgreementCorpus.pythonVerdicts(corpus, python: Self.python)
        try #require(verdicts.count == corpus.count)
        #expect(verdicts.filter { $0 }.count >= 100, "corpus needs enough matches")
        #expect(verdicts.filter { !$0 }.count >= 100, "corpus needs enough non-matches")

        let regex = try R1FormatChecker.openR1Regex()
        let prompted = FormatOptions(thinkOpenedInPrompt: true, requireNewlines: true)
        var divergent = 0
        for (s, py) in zip(corpus, verdicts) {
            // 1. The PCRE2 pattern is exactly open-r1's regex.
            #expect(regex.matches(s) == py, "PCRE2 vs Python on \(s.debugDescription)")

            // 2. The checker is open-r1 plus its own extra rules, nothing else.
            let report = R1FormatChecker.check(s, options: Self.strict)
            let extras = AgreementCorpus.eachTagOnce(s) && AgreementCorpus.answerNonBlank(s)
                && AgreementCorpus.onlyWhitespaceAfterAnswer(s)
            #expect(report.wellFormed == (py && extras), "checker vs Python on \(s.debugDescription): \(report.failedChecks)")
            if py && !extras { divergent += 1 }

            // 3. Same with the <think> moved into the prompt.
            if s.hasPrefix("<think>") {
                let c = String(s.dropFirst("<think>".count))
                #expect(R1FormatChecker.matchOpenR1(c, options: prompted).isMatch == py, "\(c.debugDescription)")
                #expect(R1FormatChecker.check(c, options: prompted).wellFormed == (py && extras), "\(c.debugDescription)")
            }
        }
        #expect(divergent > 10, "corpus should exercise open-r1's lenient cases")
    }
}

/// Deterministic mutations of well-formed completions, shared by the agreement test.
enum AgreementCorpus {
    static let thinks = ["r", "", "\n", "step 1\nstep 2", "数学 😀", "a < b", "x\n\ny"]
    static let answers = ["4", "", " ", "\\boxed{7}", "答案", "\n", "line1\nline2"]
    static let tokens = ["<think>", "</think>", "<answer>", "</answer>", "\n", "\r\n", " ", "x", "日本", "😀",
                         "\n</answer>", "</answer>\n", "\n<answer>\n", "<think>\n", "\n\n", "\t"]

    static func generate(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        var out: [String] = []
        for i in 0..<count {
            let t = thinks[rng.below(thinks.count)], a = answers[rng.below(answers.count)]
            var s = "<think>\n\(t)\n</think>\n<answer>\n\(a)\n</answer>"
            let mutations = i % 5 == 0 ? 0 : 1 + rng.below(3)
            for _ in 0..<mutations { s = mutate(s, &rng) }
            out.append(s)
        }
        return out
    }

    static func mutate(_ s: String, _ rng: inout SplitMix64) -> String {
        var chars = Array(s.unicodeScalars)
        switch rng.below(6) {
        case 0, 1:  // insert a token anywhere
            let tok = tokens[rng.below(tokens.count)]
            chars.insert(contentsOf: tok.unicodeScalars, at: rng.below(chars.count + 1))
        case 2:  // delete one scalar
            if !chars.isEmpty { chars.remove(at: rng.below(chars.count)) }
        case 3:  // append trailing text
            let tails = ["\n", " ", "\nextra", "extra", "\n\n", "\r\n", "\n</answer>"]
            chars.append(contentsOf: tails[rng.below(tails.count)].unicodeScalars)
        case 4:  // prepend
            let heads = [" ", "\n", "x", "<think>\n"]
            chars.insert(contentsOf: heads[rng.below(heads.count)].unicodeScalars, at: 0)
        default:  // duplicate a slice
            let a = rng.below(chars.count + 1), b = rng.below(chars.count + 1)
            let slice = chars[min(a, b)..<max(a, b)]
            chars.insert(contentsOf: slice, at: rng.below(chars.count + 1))
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: chars)
        return result
    }

    static func occurrences(_ s: String, _ tag: String) -> Int {
        s.components(separatedBy: tag).count - 1
    }

    static func eachTagOnce(_ s: String) -> Bool {
        ["<think>", "</think>", "<answer>", "</answer>"].allSatisfy { occurrences(s, $0) == 1 }
    }

    static func answerNonBlank(_ s: String) -> Bool {
        guard let open = s.range(of: "<answer>"), let close = s.range(of: "</answer>"),
              open.upperBound <= close.lowerBound else { return false }
        return s[open.upperBound..<close.lowerBound].unicodeScalars.contains { !$0.properties.isWhitespace }
    }

    static func onlyWhitespaceAfterAnswer(_ s: String) -> Bool {
        guard let close = s.range(of: "</answer>", options: .backwards) else { return false }
        return s[close.upperBound...].unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// Python's `re.match(open-r1 pattern, s, re.DOTALL | re.MULTILINE)` for every string.
    static func pythonVerdicts(_ corpus: [String], python: String) throws -> [Bool] {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("assay-r1-agreement-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("corpus.json")
        try JSONEncoder().encode(corpus).write(to: input)
        let script = """
        import json, re, sys
        pattern = r"^<think>\\n.*?\\n</think>\\n<answer>\\n.*?\\n</answer>$"
        corpus = json.load(open(sys.argv[1], encoding="utf-8"))
        print(json.dumps([re.match(pattern, s, re.DOTALL | re.MULTILINE) is not None for s in corpus]))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, input.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [] }
        return try JSONDecoder().decode([Bool].self, from: data)
    }
}
