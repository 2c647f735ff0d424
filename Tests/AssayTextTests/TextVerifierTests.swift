import AssayCore
import AssayText
import Testing

@Suite("format and language verifiers")
struct TextVerifierTests {
    func verifier(_ name: String, _ params: [String: JSONValue] = [:]) throws -> any Verifier {
        var registry = VerifierRegistry()
        TextVerifiers.register(into: &registry)
        return try registry.makeVerifier(named: name, params: params)
    }

    func run(_ v: any Verifier, _ completion: String) async throws -> VerifierResult {
        try await v.verify(VerificationInput(item: ScoreItem(id: 1, completion: completion), deadline: .now + .seconds(10)))
    }

    let good = "<think>\nWe add the numbers one by one and check the total.\n</think>\n<answer>\n42\n</answer>"

    @Test func tagsModeScoresOneForWellFormedAndListsFailedChecks() async throws {
        let format = try verifier("format")
        let ok = try await run(format, good)
        #expect(ok.verdict == .correct && ok.score == 1)
        let bad = try await run(format, good + "\nextra")
        #expect(bad.verdict == .wrong && bad.score == 0)
        #expect(bad.detail?["failed"] == ["nothing_after_answer"])
    }

    @Test func partialCreditGivesTheFractionOfPassedChecks() async throws {
        let format = try verifier("format", ["partial_credit": true])
        let result = try await run(format, good + "\nextra")
        #expect(result.verdict == .partial)
        #expect(result.score > 0.8 && result.score < 1)
        #expect(result.score == result.detail?["passed_fraction"]?.doubleValue)
    }

    @Test func openR1ModeMatchesItsRegexSemantics() async throws {
        let format = try verifier("format", ["mode": "open_r1"])
        #expect(try await run(format, good).verdict == .correct)
        // open-r1's `$` with MULTILINE accepts a newline and more text after </answer>; a space does not.
        #expect(try await run(format, good + "\nmore").verdict == .correct)
        #expect(try await run(format, good + " ").verdict == .wrong)
        #expect(try await run(format, "<think>x</think><answer>y</answer>").verdict == .wrong)
    }

    @Test func catastrophicCustomPatternIsALimitNotAHang() async throws {
        let format = try verifier("format", ["mode": "pattern", "pattern": "^(a+)+$", "match_limit": 100_000])
        let result = try await run(format, String(repeating: "a", count: 5000) + "!")
        #expect(result.status == .limit)
        #expect(result.verdict == .limit)
        #expect(try await run(format, "aaaa").verdict == .correct)
    }

    @Test(arguments: [
        (["mode": "pattern"] as [String: JSONValue], "pattern"),
        (["mode": "pattern", "pattern": "(unclosed"], "pattern"),
        (["mode": "fancy"], "mode"),
        (["pattern": "x"], "pattern"),
        (["partial_credit": "yes"], "partial_credit"),
        (["colour": "red"], "colour"),
    ])
    func badFormatParamsNameTheKey(params: [String: JSONValue], key: String) {
        do {
            _ = try verifier("format", params)
            Issue.record("expected an error")
        } catch let failure as VerifierParams.Failure {
            #expect(failure.key == key, "\(failure)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func languageScoresTheTargetShareOfTheThinkBlock() async throws {
        let language = try verifier("language")
        let english = try await run(language, good)
        #expect(english.verdict == .correct)
        #expect(english.score == 1)
        let mixed = try await run(
            language, "<think>\n我们先计算这个表达式的值然后检查结果。 Then we check the result.\n</think>\n<answer>\n42\n</answer>")
        #expect(mixed.verdict == .wrong)
        #expect(mixed.score > 0.1 && mixed.score < 0.6)
        #expect(mixed.detail?["shares"]?["zh"]?.doubleValue ?? 0 > 0.4)
        // Only the think block counts: a French answer does not lower the score.
        let frenchAnswer = try await run(language, "<think>\nWe add them.\n</think>\n<answer>\nLa réponse est quarante-deux.\n</answer>")
        #expect(frenchAnswer.score == 1)
    }

    @Test func languageScopesTargetsBinaryAndEmpty() async throws {
        let french = try verifier("language", ["target": "fr", "scope": "answer", "binary": true])
        let result = try await run(french, "<think>\nWe add them.\n</think>\n<answer>\nLa réponse est quarante-deux, évidemment.\n</answer>")
        #expect(result.score == 1)
        let cjk = try verifier("language", ["target": "cjk", "scope": "all"])
        #expect(try await run(cjk, "这是中文。").score == 1)
        let empty = try verifier("language", ["empty_score": 0.25])
        let onlyMath = try await run(empty, "<think>\n$x^2 + 1 = 5$, 2 + 2 = 4\n</think>\n<answer>\n4\n</answer>")
        #expect(onlyMath.verdict == "empty")
        #expect(onlyMath.score == 0.25)
        #expect(throws: VerifierParams.Failure.self) { try verifier("language", ["target": "klingon"]) }
        #expect(throws: VerifierParams.Failure.self) { try verifier("language", ["scope": "everything"]) }
        #expect(throws: VerifierParams.Failure.self) { try verifier("language", ["threshold": 2]) }
    }

    @Test func codeAndLatexDoNotCountAsLanguage() async throws {
        let language = try verifier("language")
        let completion = """
            <think>
            We write a short program and check it.
            ```python
            def función_de_prueba(número): return número * 2
            ```
            $\\frac{a}{b} = \\sqrt{c}$
            </think>
            <answer>
            2
            </answer>
            """
        let result = try await run(language, completion)
        #expect(result.score == 1, "\(result.detail ?? .null)")
    }
}
