import AssayCore
import AssayMath
import Foundation
import Testing

@Suite("cosine_length verifier")
struct CosineLengthVerifierTests {
    func verifier(_ params: [String: JSONValue] = [:]) throws -> any Verifier {
        var registry = VerifierRegistry()
        MathVerifiers.register(into: &registry)
        return try registry.makeVerifier(named: "cosine_length", params: params)
    }

    func run(_ v: any Verifier, _ completion: String, gold: JSONValue? = ["answer": "42"], tokens: Int? = nil) async throws
        -> VerifierResult
    {
        let item = ScoreItem(id: 1, completion: completion, reference: gold, completionTokens: tokens)
        return try await v.verify(VerificationInput(item: item, deadline: .now + .seconds(10)))
    }

    let right = "\\boxed{42}"
    let wrong = "\\boxed{41}"

    /// With `length: tokens` the item's count is L, so the endpoints are exact: defaults are open-r1's function's
    /// (correct 1.0 → 0.5, wrong −1.0 → −0.5 over 0…1000).
    @Test(arguments: [
        (true, 0, 1.0), (true, 1000, 0.5), (true, 500, 0.75), (false, 0, -1.0), (false, 1000, -0.5), (false, 500, -0.75),
        (true, 250, 0.5 + 0.25 * (1 + cos(Double.pi / 4))), (false, 250, -0.5 - 0.25 * (1 + cos(Double.pi / 4))),
    ])
    func endpointsAndMidpointsForCorrectAndWrong(correct: Bool, tokens: Int, expected: Double) async throws {
        let result = try await run(try verifier(["length": "tokens"]), correct ? right : wrong, tokens: tokens)
        #expect(abs(result.score - expected) < 1e-12, "\(result.score) vs \(expected)")
        #expect(result.verdict == (correct ? .correct : .wrong))
        #expect(result.status == .ok)
        #expect(result.detail?["length_source"] == "completion_tokens")
    }

    @Test func charactersAreUnicodeScalarsAsPythonLen() async throws {
        // "\boxed{42}" is 10 characters; with max_len 20, cos(π/2) = 0 → the middle of each range.
        let v = try verifier(["max_len": 20])
        let correct = try await run(v, right)
        #expect(abs(correct.score - 0.75) < 1e-12)
        #expect(correct.detail?["length"] == 10)
        #expect(correct.detail?["unit"] == "chars")
        #expect(correct.detail?["summary"] == "L=10 chars (completion), correct, max_len 20 → 0.75")
        #expect(abs(try await run(v, wrong).score - -0.75) < 1e-12)
        // 😀 is one character to Python (4 UTF-8 bytes, 2 UTF-16 units): L = 20 → the far end.
        #expect(abs(try await run(v, right + String(repeating: "😀", count: 10)).score - 0.5) < 1e-12)
    }

    @Test func noAnswerAndUnparsableAnswersAreWrong() async throws {
        let v = try verifier(["length": "tokens"])
        let empty = try await run(v, "", tokens: 0)
        #expect(empty.verdict == .wrong)
        #expect(empty.score == -1)
        #expect(empty.detail?["math"]?["verdict"] == "no_answer")
    }

    @Test func anUnparsableGoldScoresOneAsInOpenR1() async throws {
        let result = try await run(try verifier(), right, gold: ["answer": ""])
        #expect(result.score == 1)
        #expect(result.verdict == .unparsable)
        #expect(result.status == .ok)
        let missing = try await run(try verifier(), right, gold: nil)
        #expect(missing.status == .invalid)
    }

    @Test func clampHoldsLengthAtMaxLenAndFalseReproducesOpenR1() async throws {
        let clamped = try verifier(["length": "tokens"])
        #expect(abs(try await run(clamped, right, tokens: 2000).score - 0.5) < 1e-12)
        #expect(abs(try await run(clamped, wrong, tokens: 5000).score - -0.5) < 1e-12)
        // open-r1 does not clamp: cos(2π) = 1, so twice max_len scores like an empty completion.
        let openR1 = try verifier(["length": "tokens", "clamp": false])
        #expect(abs(try await run(openR1, right, tokens: 2000).score - 1.0) < 1e-12)
        #expect(abs(try await run(openR1, right, tokens: 1500).score - 0.75) < 1e-12)
    }

    @Test func customRangesAndOpenR1ScriptDefaults() async throws {
        // open-r1's GRPO script config: min_value_wrong 0 → a short wrong answer scores 0, a long one −0.5.
        let script = try verifier(["length": "tokens", "min_value_wrong": 0])
        #expect(abs(try await run(script, wrong, tokens: 0).score) < 1e-12)
        #expect(abs(try await run(script, wrong, tokens: 1000).score - -0.5) < 1e-12)
        let custom = try verifier(["length": "tokens", "min_value_correct": 0, "max_value_correct": 2, "max_len": 100])
        #expect(abs(try await run(custom, right, tokens: 50).score - 1.0) < 1e-12)
    }

    @Test func tokensFallBackToTheEstimateOrMakeTheItemInvalid() async throws {
        // ⌈10 bytes / 4⌉ = 3 tokens; words: 1.
        let bytes = try await run(try verifier(["length": "tokens", "max_len": 6]), right)
        #expect(bytes.detail?["length"] == 3)
        #expect(abs(bytes.score - 0.75) < 1e-12)
        let words = try await run(try verifier(["length": "tokens", "fallback": "words"]), right)
        #expect(words.detail?["length"] == 1)
        #expect(words.detail?["length_source"] == "words")
        let strict = try await run(try verifier(["length": "tokens", "fallback": "none"]), right)
        #expect(strict.status == .invalid)
    }

    @Test(arguments: [
        (["max_len": 0] as [String: JSONValue], "max_len"),
        (["max_len": 1.5], "max_len"),
        (["length": "bytes"], "length"),
        (["fallback": "words"], "fallback"),  // only with length: tokens
        (["length": "tokens", "fallback": "guess"], "fallback"),
        (["min_value_wrong": "low"], "min_value_wrong"),
        (["clamp": 1], "clamp"),
        (["source": "boxed"], "source"),  // the math verifier's params are not taken
    ])
    func paramErrorsNameTheParam(params: [String: JSONValue], key: String) {
        do {
            _ = try verifier(params)
            Issue.record("expected an error for \(params)")
        } catch let failure as VerifierParams.Failure {
            #expect(failure.key == key, "\(failure)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
