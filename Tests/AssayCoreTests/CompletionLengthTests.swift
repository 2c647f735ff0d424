import AssayCore
import Foundation
import Testing

@Suite("Completion length and Python words")
struct CompletionLengthTests {
    @Test func wordsSplitAsPythonStrSplit() {
        // Python: "  a\tb\n\nc \u{a0}d\u{3000}e\u{200b}f ".split() == ['a', 'b', 'c', 'd', 'e\u200bf']
        let text = "  a\tb\n\nc \u{a0}d\u{3000}e\u{200b}f "
        #expect(PythonWords.split(text) == ["a", "b", "c", "d", "e\u{200b}f"])
        #expect(PythonWords.count(text) == 5)
        #expect(PythonWords.split("").isEmpty && PythonWords.count(" \n\t ") == 0)
        // A space followed by a combining mark is one Character in Swift but still separates words in Python.
        #expect(PythonWords.split("a \u{301}b") == ["a", "\u{301}b"])
        #expect(PythonWords.count("a \u{301}b") == 2)
        // \x1c–\x1f and \x85 are whitespace to Python; U+200B and U+FEFF are not.
        #expect(PythonWords.count("a\u{1c}b\u{85}c\u{feff}d") == 3)
    }

    func item(_ completion: String, tokens: Int? = nil) -> ScoreItem {
        ScoreItem(id: 1, completion: completion, completionTokens: tokens)
    }

    @Test func tokensComeFromTheItemWhenPresent() {
        let length = CompletionLength.tokens(of: item("four words in here", tokens: 1234), fallback: .none)
        #expect(length == CompletionLength(value: 1234, unit: .tokens, source: "completion_tokens"))
        #expect(length?.description == "L=1234 tokens (completion_tokens)")
        #expect(CompletionLength.tokens(of: item("x", tokens: 0), fallback: .words)?.value == 0)
    }

    @Test func fallbacksEstimateWithoutATokenCount() {
        let text = "héllo wörld 😀"  // 13 scalars, 18 UTF-8 bytes, 3 words
        #expect(CompletionLength.tokens(of: item(text), fallback: .bytesPer4) == CompletionLength(value: 5, unit: .tokens, source: "bytes_per_4"))
        #expect(CompletionLength.tokens(of: item(text), fallback: .words)?.value == 3)
        #expect(CompletionLength.tokens(of: item(text), fallback: .chars)?.value == 13)
        #expect(CompletionLength.tokens(of: item(text), fallback: .none) == nil)
        #expect(CompletionLength.tokens(of: item(""), fallback: .bytesPer4)?.value == 0)
        #expect(CompletionLength.tokens(of: item("abcd"), fallback: .bytesPer4)?.value == 1)
        #expect(CompletionLength.tokens(of: item("abcde"), fallback: .bytesPer4)?.value == 2)
        #expect(CompletionLength.characters(of: "e\u{301}😀").value == 3)
    }

    @Test func summaryShowsInputsAndTwoDecimals() {
        let length = CompletionLength(value: 17_612, unit: .tokens, source: "completion_tokens")
        #expect(length.summary("max 20480, buffer 4096", score: -0.3) == "L=17612 tokens (completion_tokens), max 20480, buffer 4096 → −0.30")
        #expect(length.summary("x", score: 0) == "L=17612 tokens (completion_tokens), x → 0.00")
        #expect(length.summary("x", score: -0.001) == "L=17612 tokens (completion_tokens), x → 0.00")
        #expect(length.summary("x", score: 1) == "L=17612 tokens (completion_tokens), x → 1.00")
        #expect(length.summary("x", score: 0.056) == "L=17612 tokens (completion_tokens), x → 0.06")
    }

    @Test func completionTokensAreInTheCacheKey() async throws {
        let counter = CallCounter()
        let directory = temporaryDirectory()
        let cache = try ResultCache(path: directory + "/cache.sqlite")
        defer { cache.close() }
        let rule = try loadRule("components: {n: {verifier: counting}}", file: "t.yaml", registry: testRegistry(counter: counter))
        let engine = RewardEngine(rules: try RuleSet([rule]), cache: cache)
        let items = [item("same text"), item("same text", tokens: 7), item("same text", tokens: 8)]
        let first = try await engine.score(ScoreRequest(rule: "t", items: items))
        #expect(first.results.allSatisfy { !$0.cached })
        #expect(counter.count.current == 3, "no count, 7 and 8 are three keys")
        cache.flush()
        let second = try await engine.score(ScoreRequest(rule: "t", items: items))
        #expect(second.results.allSatisfy { $0.cached })
        #expect(counter.count.current == 3)
    }
}
