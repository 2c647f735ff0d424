import AssayCore
import AssayMath
import Foundation
import Testing

/// The answer signals as rules use them: a gate on accuracy, and penalties added to it.
@Suite("answer signals in rules")
struct AnswerSignalsRuleTests {
    func engine(_ yaml: String) throws -> RewardEngine {
        let rule = try RuleLoader(registry: Signals.registry).load(yaml: yaml, file: "signals.yaml")
        return RewardEngine(rules: try RuleSet([rule]))
    }

    func item(_ id: Int, _ completion: String, gold: String, prompt: String? = "Add 12 and 5.") -> ScoreItem {
        ScoreItem(id: .int(id), prompt: prompt, completion: completion, reference: ["answer": .string(gold)])
    }

    @Test func eachSignalGatesAccuracy() async throws {
        let cases: [(verifier: String, passing: String, item: ScoreItem, passes: Bool)] = [
            ("answer_leak", "clean", item(0, "\\boxed{17}", gold: "17"), true),
            ("answer_leak", "clean", item(1, "\\boxed{12}", gold: "17"), false),
            ("hedging", "clean", item(2, "\\boxed{17}", gold: "17"), true),
            ("hedging", "clean", item(3, "\\boxed{17} or \\boxed{12}", gold: "17"), false),
            ("think_answer", "consistent, no_think_answer", item(4, "<think>the answer is 17</think><answer>17</answer>", gold: "17"), true),
            ("think_answer", "consistent, no_think_answer", item(5, "<think>the answer is 12</think><answer>17</answer>", gold: "17"), false),
        ]
        for c in cases {
            let yaml = """
                components:
                  signal: {verifier: \(c.verifier), weight: 0}
                  accuracy:
                    verifier: math
                    gate: {component: signal, verdicts: [\(c.passing)]}
                """
            let batch = try await engine(yaml).score(ScoreRequest(rule: "signals", items: [c.item]))
            let result = batch.results[0]
            #expect(result.status == .ok)
            #expect(result.reward == (c.passes ? 1 : 0), "\(c.verifier) item \(c.item.id)")
            #expect((result.components[1].result.verdict == .gated) == !c.passes, "\(c.verifier) item \(c.item.id)")
        }
    }

    @Test func signalsArePenaltiesOnTopOfAccuracy() async throws {
        let e = try engine(
            """
            components:
              accuracy: {verifier: math}
              leak: {verifier: answer_leak, weight: 0.5}
              hedging: {verifier: hedging, weight: 0.5}
              think: {verifier: think_answer, scores: {inconsistent: -0.25}}
            """)
        let items = [
            item(0, "<think>12 plus 5 is 17, so the answer is 17</think><answer>17</answer>", gold: "17"),
            item(1, "<think>I will copy a number.</think><answer>12</answer>", gold: "17"),
            item(2, "<think>It is 17 or 12.</think><answer>17 or 12</answer>", gold: "17"),
            item(3, "<think>the answer is 16</think><answer>17</answer>", gold: "17"),
            item(4, "<think>the answer is 17</think><answer>17</answer>", gold: "17", prompt: nil),
        ]
        let batch = try await e.score(ScoreRequest(rule: "signals", items: items))
        let rewards = batch.results.map { $0.reward ?? .nan }
        #expect(rewards == [1, -0.5, -0.5, 0.75, 1])
        #expect(batch.results.allSatisfy { $0.status == .ok })
        #expect(batch.results[1].components[1].result.verdict == "leaked")
        #expect(batch.results[2].components[2].result.verdict == "hedged")
        #expect(batch.results[3].components[3].result.verdict == "inconsistent")
        #expect(batch.results[4].components[1].result.verdict == "unknown")
    }

    @Test func registeredWithSummariesAndCheapOnlyWhereNoMathIsParsed() throws {
        for name in ["answer_leak", "hedging", "think_answer"] {
            #expect(Signals.registry.names.contains(name))
            let verifier = try Signals.registry.makeVerifier(named: name, params: [:])
            #expect(verifier.cost == .expensive)
            #expect(verifier.version == "1")
            #expect(verifier.honoursDeadline)
        }
    }
}
