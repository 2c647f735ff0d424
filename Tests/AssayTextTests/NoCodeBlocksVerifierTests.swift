import AssayCore
import AssayText
import Foundation
import Testing

@Suite("no_code_blocks verifier")
struct NoCodeBlocksVerifierTests {
    static let registry: VerifierRegistry = {
        var registry = VerifierRegistry()
        TextVerifiers.register(into: &registry)
        return registry
    }()

    func run(_ completion: String, _ params: [String: JSONValue] = [:]) async throws -> VerifierResult {
        let verifier = try Self.registry.makeVerifier(named: "no_code_blocks", params: params)
        return try await verifier.verify(VerificationInput(item: ScoreItem(id: 1, completion: completion), deadline: .now + .seconds(10)))
    }

    @Test func fencedBlocksAreCountedWithTheFirstFenceLine() async throws {
        let clean = try await run("<think>x = 2, so `x + 1` is 3.</think><answer>3</answer>")
        #expect(clean.verdict == .correct)
        #expect(clean.score == 1)
        #expect(clean.detail?["count"] == 0)
        let code = "Let me check.\n\n```python\nprint(1 + 2)\n```\n\nand\n   ~~~\nmore\n~~~\nSo \\boxed{3}."
        let result = try await run(code)
        #expect(result.verdict == .wrong)
        #expect(result.score == 0)
        #expect(result.detail?["count"] == 2)
        #expect(result.detail?["first_fence_line"] == 3)
        #expect(result.detail?["unclosed"] == nil)
    }

    @Test(arguments: [
        ("inline ```code``` is not a fence", 0),
        ("    ```\n    indented by four spaces: code of another kind", 0),
        ("``\nonly two backticks\n``", 0),
        ("text ``` in the middle of a line", 0),
        ("```\nnever closed", 1),
        ("````\n```\nstill inside the four-backtick block\n````", 1),
        ("~~~\n```\n~~~", 1),
        ("```js\na\n```\n```\nb\n```", 2),
        ("\r\n```\r\ncode\r\n```\r\n", 1),
        ("```\n```", 1),
    ])
    func commonMarkFences(completion: String, count: Int) async throws {
        let result = try await run(completion)
        #expect(result.detail?["count"] == .int(count), "\(completion.debugDescription)")
        #expect(result.verdict == (count == 0 ? .correct : .wrong))
    }

    @Test func scopes() async throws {
        let completion = "<think>\n```\nscratch\n```\n</think>\n<answer>\n4\n</answer>"
        #expect(try await run(completion).verdict == .wrong)
        #expect(try await run(completion, ["scope": "think"]).verdict == .wrong)
        let answer = try await run(completion, ["scope": "answer"])
        #expect(answer.verdict == .correct)
        #expect(answer.detail?["scope"] == "answer")
        let inAnswer = "<think>\nplain\n</think>\n<answer>\n```\n4\n```\n</answer>"
        let located = try await run(inAnswer, ["scope": "answer"])
        #expect(located.verdict == .wrong)
        #expect(located.detail?["first_fence_line"] == 5, "lines count in the whole completion")
        #expect(try await run(inAnswer, ["scope": "think"]).verdict == .correct)
        // Missing blocks fall back: the text after </think>, else the whole completion.
        let noAnswerTag = try await run("<think>a</think>\n```\nx\n```", ["scope": "answer"])
        #expect(noAnswerTag.verdict == .wrong)
        #expect(noAnswerTag.detail?["scope_fallback"] == "no <answer> block: the text after </think>")
        #expect(try await run("```\nx\n```", ["scope": "think"]).detail?["scope_fallback"] == "no <think> block: the whole completion")
        // The template opened <think>: the completion starts inside it.
        let opened = "```\nscratch\n```\n</think>\n<answer>4</answer>"
        #expect(try await run(opened, ["scope": "think", "think_opened_in_prompt": true]).verdict == .wrong)
        #expect(try await run(opened, ["scope": "answer", "think_opened_in_prompt": true]).verdict == .correct)
    }

    @Test func paramsAndCost() throws {
        let verifier = try Self.registry.makeVerifier(named: "no_code_blocks", params: [:])
        #expect(verifier.cost == .cheap)
        #expect(verifier.version == "1")
        #expect(throws: VerifierParams.Failure.self) { try Self.registry.makeVerifier(named: "no_code_blocks", params: ["scope": "code"]) }
        #expect(throws: VerifierParams.Failure.self) { try Self.registry.makeVerifier(named: "no_code_blocks", params: ["fences": 3]) }
    }

    @Test func megabyteCompletionsAreFast() async throws {
        let start = ContinuousClock.now
        let lines = try await run(String(repeating: "```\n", count: 250_000))
        #expect(lines.detail?["count"] == 125_000)
        let backticks = try await run(String(repeating: "`", count: 1 << 20))
        #expect(backticks.detail?["count"] == 1)
        let prose = try await run(String(repeating: "no code here, just words. ", count: 40_000), ["scope": "answer"])
        #expect(prose.verdict == .correct)
        #expect(start.duration(to: .now) < .seconds(2))
    }

    @Test func gateAndPenaltyInARule() async throws {
        let rule = try RuleLoader(registry: Self.registry).load(
            yaml: """
                components:
                  plain: {verifier: no_code_blocks, params: {scope: answer}, scores: {correct: 0, wrong: -1}}
                  format: {verifier: format, gate: {component: plain, verdicts: [correct]}}
                """, file: "plain.yaml")
        let engine = RewardEngine(rules: try RuleSet([rule]))
        let items = [
            ScoreItem(id: 0, completion: "<think>a</think><answer>4</answer>"),
            ScoreItem(id: 1, completion: "<think>a</think><answer>\n```\n4\n```\n</answer>"),
        ]
        let batch = try await engine.score(ScoreRequest(rule: "plain", items: items))
        #expect(batch.results.map(\.reward) == [1, -1])
        #expect(batch.results[1].components[1].result.verdict == .gated)
    }
}
