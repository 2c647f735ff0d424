import AssayCore
import AssayText
import Testing

@Suite("tag_count, repetition and overlong verifiers")
struct ShapedRewardVerifierTests {
    func verifier(_ name: String, _ params: [String: JSONValue] = [:]) throws -> any Verifier {
        var registry = VerifierRegistry()
        TextVerifiers.register(into: &registry)
        return try registry.makeVerifier(named: name, params: params)
    }

    func run(_ v: any Verifier, _ completion: String, tokens: Int? = nil) async throws -> VerifierResult {
        let item = ScoreItem(id: 1, completion: completion, completionTokens: tokens)
        return try await v.verify(VerificationInput(item: item, deadline: .now + .seconds(10)))
    }

    func expectParamError(_ name: String, _ params: [String: JSONValue], key: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try verifier(name, params)
            Issue.record("expected a param error for \(params)", sourceLocation: sourceLocation)
        } catch let failure as VerifierParams.Failure {
            #expect(failure.key == key, "\(failure)", sourceLocation: sourceLocation)
            #expect(!failure.message.isEmpty, sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: tag_count

    @Test(arguments: [
        ("<think>\nabc\n</think>\n<answer>\n42\n</answer>", 1.0, "correct"),
        ("<think>abc</think><answer>42</answer>", 0.0, "wrong"),
        ("", 0.0, "wrong"),
        // No newline before </think>: that marker is missing; the other three count.
        ("<think>\nabc</think>\n<answer>\n42\n</answer>", 0.75, "partial"),
        // A second </answer>: that marker occurs twice, so it earns nothing.
        ("<think>\nabc\n</think>\n<answer>\n42\n</answer>\n</answer>", 0.75, "partial"),
        // Order is not checked.
        ("\n<answer>\n42\n</answer><think>\nabc\n</think>\n", 1.0, "correct"),
        // Python's str.count does not overlap: "\n</think>\n</think>\n" holds "\n</think>\n" once.
        ("<think>\nx\n</think>\n</think>\n<answer>\n1\n</answer>", 1.0, "correct"),
        // \r\n is not \n: only "\n</answer>" (inside "\r\n</answer>") is found.
        ("<think>\r\nx\r\n</think>\r\n<answer>\r\n1\r\n</answer>", 0.25, "partial"),
    ])
    func tagCountGivesAQuarterPerMarkerFoundExactlyOnce(completion: String, score: Double, verdict: String) async throws {
        let result = try await run(try verifier("tag_count"), completion)
        #expect(result.score == score)
        #expect(result.verdict.rawValue == verdict)
        #expect(result.status == .ok)
    }

    @Test func tagCountReportsEachMarkersCountAndTakesCustomTags() async throws {
        let result = try await run(try verifier("tag_count"), "<think>\nabc\n</think>\n<answer>\n42\n</answer>\n</answer>")
        #expect(result.detail?["counts"] == ["think_open": 1, "think_close": 1, "answer_open": 1, "answer_close": 2])
        let custom = try verifier("tag_count", ["think_tag": "reasoning", "answer_tag": "final"])
        #expect(try await run(custom, "<reasoning>\nr\n</reasoning>\n<final>\n1\n</final>").score == 1)
        #expect(try await run(custom, "<think>\nabc\n</think>\n<answer>\n42\n</answer>").score == 0)
        expectParamError("tag_count", ["think_tag": ""], key: "think_tag")
        expectParamError("tag_count", ["think_tags": "x"], key: "think_tags")
    }

    // MARK: repetition

    @Test(arguments: [
        ("", 0.0, "ok"),
        ("two words", 0.0, "ok"),  // fewer than 3 words
        ("a b c", 0.0, "ok"),  // one trigram
        ("a a a a a", -2.0 / 3, "repeated"),  // 3 trigrams, 1 unique
        (String(repeating: "go ", count: 12), -0.9, "repeated"),  // 10 identical trigrams: (1 − 1/10) × −1
        ("The cat sat. the CAT sat.", -0.25, "repeated"),  // lowercased: 4 trigrams, 3 unique
        ("one two three four five six", 0.0, "ok"),
    ])
    func repetitionIsTheRepeatedShareTimesMaxPenalty(completion: String, score: Double, verdict: String) async throws {
        let result = try await run(try verifier("repetition"), completion)
        #expect(abs(result.score - score) < 1e-12, "\(result.score) vs \(score)")
        #expect(result.verdict.rawValue == verdict)
    }

    @Test func repetitionParamsNgramSizeAndMaxPenalty() async throws {
        // Unigrams of "a b a": 3 total, 2 unique → (1 − 2/3) × −0.6 = −0.2.
        let unigrams = try verifier("repetition", ["ngram_size": 1, "max_penalty": -0.6])
        #expect(abs(try await run(unigrams, "a b a").score - -0.2) < 1e-12)
        // All n-grams identical approach max_penalty: 100 identical bigrams, 1 unique → 0.99 × −0.5.
        let bigrams = try verifier("repetition", ["ngram_size": 2, "max_penalty": -0.5])
        let result = try await run(bigrams, String(repeating: "same ", count: 101))
        #expect(abs(result.score - -0.495) < 1e-12)
        #expect(result.detail?["ngrams"] == 100)
        #expect(result.detail?["unique_ngrams"] == 1)
        #expect(try await run(try verifier("repetition", ["max_penalty": 0]), "a a a a").score == 0)
        // Fewer words than n: 0 with the reason.
        let short = try await run(try verifier("repetition", ["ngram_size": 5]), "a a a a")
        #expect(short.score == 0)
        #expect(short.detail?["reason"] == "fewer than 5 words")
    }

    @Test func repetitionComparesWordsByCodePointsAsPython() async throws {
        // "é" (U+00E9) and "e" + U+0301 are canonically equivalent in Swift but different words to Python:
        // bigrams (é, é′), (é′, é), (é, é′) → 3 total, 2 unique → −1/3 (Swift equality would give −2/3).
        let result = try await run(try verifier("repetition", ["ngram_size": 2]), "\u{e9} e\u{301} \u{e9} e\u{301}")
        #expect(abs(result.score - -1.0 / 3) < 1e-12)
    }

    @Test func repetitionParamErrorsNameTheParam() {
        expectParamError("repetition", ["max_penalty": 0.5], key: "max_penalty")
        expectParamError("repetition", ["max_penalty": "-1"], key: "max_penalty")
        expectParamError("repetition", ["ngram_size": 0], key: "ngram_size")
        expectParamError("repetition", ["ngram_size": 2.5], key: "ngram_size")
        expectParamError("repetition", ["n": 3], key: "n")
    }

    // MARK: overlong

    /// DAPO's setting: L_max 20480, L_cache 4096, so the buffer starts after 16384 tokens.
    @Test(arguments: [
        (0, 0.0, "ok"), (16_384, 0.0, "ok"), (16_385, -1.0 / 4096, "buffer"), (17_612, -1228.0 / 4096, "buffer"),
        (18_432, -0.5, "buffer"), (20_480, -1.0, "buffer"), (20_481, -1.0, "over"), (1_000_000, -1.0, "over"),
    ])
    func overlongFollowsDAPOEquation13(tokens: Int, score: Double, verdict: String) async throws {
        let overlong = try verifier("overlong", ["max_length": 20_480, "buffer": 4096])
        let result = try await run(overlong, "text", tokens: tokens)
        #expect(result.score == score)
        #expect(result.verdict.rawValue == verdict)
        #expect(result.detail?["length_source"] == "completion_tokens")
        #expect(result.detail?["length"] == .int(tokens))
    }

    @Test func overlongDetailSummarisesItsInputs() async throws {
        let overlong = try verifier("overlong", ["max_length": 20_480])  // buffer defaults to 4096
        let result = try await run(overlong, "text", tokens: 17_612)
        #expect(result.detail?["summary"] == "L=17612 tokens (completion_tokens), max 20480, buffer 4096 → −0.30")
    }

    @Test func overlongPenaltyFactorScalesThePenalty() async throws {
        let overlong = try verifier("overlong", ["max_length": 20_480, "buffer": 4096, "penalty_factor": 0.5])
        #expect(try await run(overlong, "x", tokens: 18_432).score == -0.25)
        #expect(try await run(overlong, "x", tokens: 30_000).score == -0.5)
        #expect(try await run(overlong, "x", tokens: 100).score == 0)
    }

    @Test func overlongEstimatesTokensWithTheFallbackWhenTheItemHasNoCount() async throws {
        // max 4, buffer 2: 0 up to 2 tokens, −0.5 at 3, −1 at 4, −1 beyond.
        let params: [String: JSONValue] = ["max_length": 4, "buffer": 2]
        let bytes = try await run(try verifier("overlong", params), "0123456789")  // ⌈10 / 4⌉ = 3
        #expect(bytes.score == -0.5)
        #expect(bytes.detail?["length_source"] == "bytes_per_4")
        #expect(bytes.detail?["summary"] == "L=3 tokens (bytes_per_4), max 4, buffer 2 → −0.50")
        var words = params
        words["fallback"] = "words"
        #expect(try await run(try verifier("overlong", words), "a b").score == 0)
        #expect(try await run(try verifier("overlong", words), "a b c d e").verdict == "over")
        var chars = params
        chars["fallback"] = "chars"
        #expect(try await run(try verifier("overlong", chars), "😀😀😀😀").score == -1)
        // A count on the item always wins over the fallback.
        #expect(try await run(try verifier("overlong", words), "a b c d e", tokens: 1).score == 0)
        var strict = params
        strict["fallback"] = "none"
        let missing = try await run(try verifier("overlong", strict), "a")
        #expect(missing.status == .invalid)
        #expect(missing.detail?["error"]?.stringValue?.contains("completion_tokens") == true)
    }

    @Test func overlongParamErrorsNameTheParam() {
        expectParamError("overlong", [:], key: "max_length")
        expectParamError("overlong", ["max_length": 0], key: "max_length")
        expectParamError("overlong", ["max_length": 1024], key: "buffer")  // default buffer 4096 > 1024
        expectParamError("overlong", ["max_length": 1024, "buffer": 0], key: "buffer")
        expectParamError("overlong", ["max_length": 1024, "buffer": 256, "penalty_factor": -1], key: "penalty_factor")
        expectParamError("overlong", ["max_length": 1024, "buffer": 256, "fallback": "tokens"], key: "fallback")
        expectParamError("overlong", ["max_length": 1024, "buffer": 256, "cache": 4], key: "cache")
    }

    @Test func bufferAsLongAsMaxLengthPenalisesFromTheFirstToken() async throws {
        let overlong = try verifier("overlong", ["max_length": 8, "buffer": 8])
        #expect(try await run(overlong, "", tokens: 0).score == 0)
        #expect(try await run(overlong, "", tokens: 2).score == -0.25)
    }
}
