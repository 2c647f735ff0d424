import AssayCore
import AssayJudge
import AssayTestSupport
import Foundation
import Testing

/// `math` first, the judge only where it cannot decide; verdicts cached in SQLite with the model and template in the key.
@Suite("Judge fallback and cache")
struct JudgeCompositionTests {
    static func mathThenJudge(_ url: String) -> String {
        """
        name: math-judge
        components:
          accuracy:
            verifier: math
            scores: {correct: 1, wrong: -1, no_answer: 0, unparsable: 0}
            fallback:
              verifier: judge
              when: [unparsable, no_answer]
              params: {base_url: "\(url)", model: scripted-judge, api_key_env: \(JudgeFixture.keyVariable), timeout_seconds: 30}
        """
    }

    @Test func theJudgeIsAskedOnlyWhenMathCannotDecide() async throws {
        let judge = try ScriptedJudgeServer(script: ScriptedJudgeServer.grader)
        defer { Task { await judge.stop() } }
        let engine = try JudgeFixture.engine([Self.mathThenJudge(judge.baseURL)], environment: JudgeFixture.environment())
        let items = [
            ScoreItem(id: 0, completion: "<think>2+2</think><answer>\\boxed{4}</answer>", reference: ["answer": "4"]),
            ScoreItem(id: 1, completion: "<think>2+3</think><answer>\\boxed{6}</answer>", reference: ["answer": "5"]),
            // Free-form answers the math parser cannot read: the judge decides.
            ScoreItem(id: 2, prompt: "Name the largest planet.", completion: "<think>gas giants</think>Jupiter", reference: ["answer": "Jupiter"]),
            ScoreItem(id: 3, prompt: "Name the largest planet.", completion: "<think>gas giants</think>Saturn", reference: ["answer": "Jupiter"]),
            // Truncated while reasoning: nothing for either verifier.
            ScoreItem(id: 4, completion: "<think>let me see", reference: ["answer": "Jupiter"]),
        ]
        let batch = try await engine.score(ScoreRequest(rule: "math-judge", items: items))
        let results = batch.results.map { $0.components[0].result }
        #expect(results.map(\.verdict) == [.correct, .wrong, .correct, .wrong, .noAnswer])
        #expect(batch.results.map(\.reward) == [1, -1, 1, -1, 0])
        #expect(judge.callCount == 2)
        #expect(results[0].detail("fallback") == nil)
        #expect(results[2].detail("fallback") == .string("judge"))
        guard case .object(let primary) = results[2].detail("primary") else { Issue.record("no primary detail"); return }
        #expect(primary["verifier"] == .string("math"))
        #expect(primary["verdict"] == .string("unparsable") || primary["verdict"] == .string("no_answer"))
    }

    @Test func repeatedQuestionsCostNothingAndTheKeyHoldsModelAndTemplate() async throws {
        let judge = try ScriptedJudgeServer(script: ScriptedJudgeServer.grader)
        defer { Task { await judge.stop() } }
        let directory = try JudgeFixture.temporaryDirectory()
        let cache = try ResultCache(path: directory + "/cache.sqlite")
        let environment = JudgeFixture.environment(cache: cache)
        let rules = [
            JudgeFixture.judgeRule(url: judge.baseURL),
            JudgeFixture.judgeRule(url: judge.baseURL, name: "other-model", extra: "model: another-judge"),
            JudgeFixture.judgeRule(
                url: judge.baseURL, name: "other-template",
                extra: #"template: "Reference answer:\n{reference}\n\nCandidate's final answer:\n{answer}\n\nSame? CORRECT or INCORRECT.""#),
        ]
        let engine = try JudgeFixture.engine(rules, environment: environment, cache: cache)
        func run(_ rule: String, _ completion: String) async throws -> ItemResult {
            let item = ScoreItem(id: 0, prompt: "Capital of France?", completion: completion, reference: ["answer": "Paris"])
            return try await engine.score(ScoreRequest(rule: rule, items: [item])).results[0]
        }
        _ = try await run("judged", "<think>A</think><answer>Paris</answer>")
        #expect(judge.callCount == 1)
        // The same completion: the item cache answers (stores are written behind; flush first).
        cache.flush()
        let again = try await run("judged", "<think>A</think><answer>Paris</answer>")
        #expect(again.cached)
        // Different reasoning, same final answer: the judge's verdict cache answers.
        cache.flush()
        let sameAnswer = try await run("judged", "<think>B, thinking differently</think><answer>Paris</answer>")
        #expect(judge.callCount == 1)
        #expect(sameAnswer.components[0].result.judge("cached") == .string("sqlite"))
        #expect(sameAnswer.components[0].result.verdict == .correct)
        // Another model or another template is another question.
        _ = try await run("other-model", "<think>A</think><answer>Paris</answer>")
        #expect(judge.callCount == 2)
        #expect(judge.calls.last?.model == "another-judge")
        let templated = try await run("other-template", "<think>A</think><answer>Paris</answer>")
        #expect(judge.callCount == 3)
        #expect(templated.components[0].result.verdict == .correct)
        cache.close()
    }

    @Test func identicalQuestionsInFlightShareOneCall() async throws {
        let judge = try ScriptedJudgeServer { _ in .after(.milliseconds(200), .content("CORRECT")) }
        defer { Task { await judge.stop() } }
        let accounting = JudgeAccounting()
        let engine = try JudgeFixture.engine(
            [JudgeFixture.judgeRule(url: judge.baseURL)], environment: JudgeFixture.environment(accounting: accounting))
        // A GRPO group: eight completions, different reasoning, one final answer.
        let items = (0..<8).map {
            ScoreItem(id: .int($0), prompt: "Q", completion: "<think>path \($0)</think><answer>Paris</answer>", reference: ["answer": "Paris"])
        }
        let batch = try await engine.score(ScoreRequest(rule: "judged", items: items))
        #expect(batch.results.allSatisfy { $0.reward == 1 })
        #expect(judge.callCount == 1)
        #expect(accounting.snapshot.cacheHits == 7)
        #expect(batch.results.filter { $0.components[0].result.judge("cached") == .string("shared") }.count == 7)
    }
}
