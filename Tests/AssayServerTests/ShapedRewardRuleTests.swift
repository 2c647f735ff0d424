import AssayCore
import AssayMath
import AssayServer
import AssayText
import Foundation
import Testing

/// The shaped-reward verifiers together in one rule, through the engine, the wire and HTTP.
@Suite("shaped rewards in rules", .serialized)
struct ShapedRewardRuleTests {
    static let combined = """
        components:
          accuracy: {verifier: math, scores: {correct: 1, wrong: 0, unparsable: 0, no_answer: 0}}
          tags: {verifier: tag_count, weight: 0.5}
          repetition: {verifier: repetition}
          overlong: {verifier: overlong, params: {max_length: 100, buffer: 40}}
        """

    func engine() throws -> RewardEngine {
        var registry = VerifierRegistry()
        TextVerifiers.register(into: &registry)
        MathVerifiers.register(into: &registry)
        let rule = try RuleLoader(registry: registry).load(yaml: Self.combined, file: "shaped.yaml")
        return RewardEngine(rules: try RuleSet([rule]))
    }

    static func answer(_ think: String, _ boxed: String) -> String {
        "<think>\n\(think)\n</think>\n<answer>\n\\boxed{\(boxed)}\n</answer>"
    }

    @Test func engineComposesAccuracyTagsRepetitionAndOverlong() async throws {
        let items = [
            // Right, all four markers, 13 distinct words, 50 tokens (before the buffer at 60): 1 + 0.5 + 0 + 0.
            ScoreItem(id: 0, completion: Self.answer("add six and seven to get the sum", "13"), reference: ["answer": "13"], completionTokens: 50),
            // Wrong, 80 tokens: (60 − 80) / 40 = −0.5 → 0 + 0.5 + 0 − 0.5.
            ScoreItem(id: 1, completion: Self.answer("add six and seven to get the sum", "12"), reference: ["answer": "13"], completionTokens: 80),
            // Right but "again" ×10: 15 words, 13 trigrams, 6 distinct → −7/13; 120 tokens > 100 → −1.
            ScoreItem(
                id: 2, completion: Self.answer(String(repeating: "again ", count: 10).trimmingCharacters(in: .whitespaces), "13"),
                reference: ["answer": "13"], completionTokens: 120),
            // No tags, no count: ⌈10 bytes / 4⌉ = 3 tokens → 1 + 0 + 0 + 0.
            ScoreItem(id: 3, completion: "\\boxed{13}", reference: ["answer": "13"]),
        ]
        let batch = try await engine().score(ScoreRequest(rule: "shaped", items: items))
        let expected = [1.5, 0, 0.5 - 7.0 / 13, 1.0]
        for (result, reward) in zip(batch.results, expected) {
            #expect(abs((result.reward ?? .nan) - reward) < 1e-12, "item \(result.id): \(result.reward ?? .nan) vs \(reward)")
            #expect(result.status == .ok)
        }
        let third = batch.results[2].components
        #expect(third.map(\.name) == ["accuracy", "tags", "repetition", "overlong"])
        #expect(third[2].result.verdict == "repeated")
        #expect(third[3].result.verdict == "over")
        #expect(batch.results[1].components[3].result.detail?["summary"] == "L=80 tokens (completion_tokens), max 100, buffer 40 → −0.50")
        #expect(batch.results[3].components[3].result.detail?["length_source"] == "bytes_per_4")
    }

    @Test func completionTokensFlowFromTheJSONBodyToTheVerifier() async throws {
        let body = #"""
            {"rule":"shaped","items":[
              {"id":"a","completion":"<think>\nx\n</think>\n<answer>\n\\boxed{13}\n</answer>","reference":{"answer":"13"},"completion_tokens":90},
              {"id":"b","completion":"\\boxed{13}","reference":{"answer":"13"},"completion_tokens":-1},
              {"id":"c","completion":"\\boxed{13}","reference":{"answer":"13"},"completion_tokens":1.5},
              {"id":"d","completion":"\\boxed{13}","reference":{"answer":"13"},"completion_tokens":"3"},
              {"id":"e","completion":"\\boxed{13}","reference":{"answer":"13"},"completion_tokens":null}
            ]}
            """#
        let fast = try ScoreRequestParser.parse(Array(body.utf8))
        let slow = try ScoreRequest.decode(from: Data(body.utf8))
        let batch = try await engine().score(fast)
        let viaDecoder = try await engine().score(slow)
        #expect(batch.results.map(\.reward) == viaDecoder.results.map(\.reward))
        // (60 − 90) / 40 = −0.75 → 1 + 0.5 − 0.75.
        #expect(batch.results[0].reward == 0.75)
        #expect(batch.results[0].components[3].result.detail?["length"] == 90)
        #expect(batch.results[0].components[3].result.detail?["length_source"] == "completion_tokens")
        for index in 1...3 {
            #expect(batch.results[index].status == .invalid)
            #expect(batch.results[index].error?.hasPrefix("items[\(index)].completion_tokens:") == true, "\(batch.results[index].error ?? "")")
            #expect(viaDecoder.results[index].error?.hasPrefix("items[\(index)].completion_tokens:") == true)
        }
        // null is absent: the estimate is used.
        #expect(batch.results[4].status == .ok)
        #expect(batch.results[4].components[3].result.detail?["length_source"] == "bytes_per_4")
    }

    @Test func shippedRulesScoreOverHTTP() async throws {
        let server = try TestServer()
        let client = server.client()
        for name in ["open-r1-math", "open-r1-cosine", "dapo-math"] {
            #expect(server.engine.rules[name] != nil, "\(name) is shipped")
        }
        let right = Self.answer("six plus seven", "13")
        let body = #"{"rule":"dapo-math","items":["#
            + #"{"id":1,"completion":"# + quoted(right) + #","reference":{"answer":"13"},"completion_tokens":17612},"#
            + #"{"id":2,"completion":"\\boxed{12}","reference":{"answer":"13"},"completion_tokens":100},"#
            + #"{"id":3,"completion":"\\boxed{13}","reference":{"answer":"13"},"completion_tokens":-5}]}"#
        let response = try await client.post("/v1/score", json: body)
        #expect(response.status == 200)
        let results = try response.json().results
        // 1 − 1228 / 4096 (DAPO: buffer from 16384 to 20480).
        #expect(results[0]["reward"]?.doubleValue == 1 - 1228.0 / 4096)
        #expect(results[0]["components"]?["overlong"]?["verdict"] == "buffer")
        #expect(
            results[0]["components"]?["overlong"]?["detail"]?["summary"]
                == "L=17612 tokens (completion_tokens), max 20480, buffer 4096 → −0.30")
        #expect(results[1]["reward"]?.doubleValue == -1)
        #expect(results[2]["status"] == "invalid")
        #expect(results[2]["error"]?.stringValue?.contains("completion_tokens") == true)

        // open-r1-math: a well-formed right answer earns accuracy, format and all four tag_count markers.
        let openR1 = try await client.post(
            "/v1/score",
            json: scoreBody(rule: "open-r1-math", items: [ScoreItem(id: 1, completion: right, reference: ["answer": "13"])]))
        let first = try openR1.json().results[0]
        #expect(first["reward"]?.doubleValue == 3)
        #expect(first["components"]?["tag_count"]?["score"]?.doubleValue == 1)
        await server.stop()
    }

    func quoted(_ s: String) -> String {
        var out = ""
        JSONText.appendQuoted(s, to: &out)
        return out
    }

    /// The shipped `r1-mc` rule with the real math verifier: multiple-choice letters against `reference.choices`
    /// (k = 4), a yes/no gold (k = 2), and an open numeric item that stays ±1.
    @Test func shippedChanceCorrectedRuleOverTheRealVerifier() async throws {
        let server = try TestServer()
        let choices: JSONValue = ["A": "3", "B": "5", "C": "7", "D": "9"]
        let r1 = { (answer: String) in "<think>\nchecking each option\n</think>\n<answer>\n\(answer)\n</answer>" }
        let items = [
            ScoreItem(id: 0, completion: r1("C"), reference: ["answer": "C", "choices": choices]),
            ScoreItem(id: 1, completion: r1("A"), reference: ["answer": "C", "choices": choices]),
            ScoreItem(id: 2, completion: r1("no"), reference: ["answer": "yes"]),
            ScoreItem(id: 3, completion: r1("41"), reference: ["answer": "42"]),
            ScoreItem(id: 4, completion: "I am not sure.", reference: ["answer": "C", "choices": choices]),
        ]
        let batch = try await server.engine.score(ScoreRequest(rule: "r1-mc", items: items))
        let accuracy = batch.results.map { $0.components.first { $0.name == "accuracy" }?.score }
        #expect(accuracy == [1, -1.0 / 3, -1, -1, 0], "\(batch.results.map { $0.components.map { "\($0.name)=\($0.result.verdict)" } })")
        #expect(batch.results[1].reward == -1.0 / 3 + 0.5)
        await server.stop()
    }

    @Test func shippedStepRuleOverTheServer() async throws {
        let server = try TestServer()
        let r1 = { (think: String, answer: String) in "<think>\n\(think)\n</think>\n<answer>\n\(answer)\n</answer>" }
        let items = [
            ScoreItem(id: 0, completion: r1("$12 \\times 7 = 84$, so the total is 84.", "84"), reference: ["answer": "84"]),
            ScoreItem(id: 1, completion: r1("$12 \\times 7 = 86$, and $86 - 2 = 84$.", "84"), reference: ["answer": "84"]),
            ScoreItem(id: 2, completion: r1("$12 \\times 7 = 86$ and $3 + 4 = 8$ and $2 + 2 = 5$.", "86"), reference: ["answer": "84"]),
            ScoreItem(id: 3, completion: r1("Let $x$ be the total.", "84"), reference: ["answer": "84"]),
        ]
        let response = try await server.client().post("/v1/score", json: scoreBody(rule: "r1-math-steps", items: items))
        #expect(response.status == 200)
        let results = try response.json().results
        let rewards = results.map { $0["reward"]?.doubleValue }
        // Right answer and clean steps 1.5; right answer through one false step 1.25; wrong with three false
        // steps −1 + 0.5 − 0.5 (capped); nothing checkable costs nothing.
        #expect(rewards == [1.5, 1.25, -1.0, 1.5], "\(results.map { $0["components"]?["steps"] as Any })")
        #expect(results[1]["components"]?["steps"]?["verdict"] == .string("false_claims"))
        #expect(results[3]["components"]?["steps"]?["verdict"] == .string("no_claims"))
        await server.stop()
    }
}
