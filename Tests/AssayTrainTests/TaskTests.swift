import AssayCore
import Testing

@testable import AssayTrain

@Suite("arithmetic task and vocabulary")
struct TaskTests {
    @Test("every symbol round-trips through encode and decode")
    func vocabulary() {
        let v = TaskVocabulary()
        let text = "<think>12+7=19</think><answer>19</answer>"
        #expect(v.decode(v.encode(text)!) == text)
        #expect(v.encode("12 + 7") == nil)
        #expect(v.decode([v.endOfSequence, v.beginning]) == "")
        #expect(v.size == 21)
    }

    @Test("the held-out split is disjoint from training, 20 % of the family, and the same for a seed", arguments: ArithmeticTask.Family.allCases)
    func split(family: ArithmeticTask.Family) {
        let a = ArithmeticTask(family: family, seed: 3)
        let b = ArithmeticTask(family: family, seed: 3)
        let c = ArithmeticTask(family: family, seed: 4)
        #expect(Set(a.trainingProblems.map(\.text)).isDisjoint(with: a.heldOutProblems.map(\.text)))
        #expect(a.heldOutProblems.count * 5 == a.heldOutProblems.count + a.trainingProblems.count)
        #expect(a.heldOutProblems == b.heldOutProblems)
        #expect(a.heldOutProblems != c.heldOutProblems)
        for p in a.heldOutProblems.prefix(20) {
            let sum = p.text.split(separator: "+").map { Int($0)! }.reduce(0, +)
            #expect(p.answer == String(sum))
        }
    }

    @Test("cold-start demonstrations follow the template and are wrong, per the real r1-math rule")
    func demonstrations() async throws {
        let task = ArithmeticTask(family: .sum3, seed: 1)
        let demos = task.demonstrations(count: 40, seed: 1)
        let problems = Dictionary(task.trainingProblems.map { ($0.promptTokens, $0) }, uniquingKeysWith: { a, _ in a })
        let items = demos.enumerated().map { i, demo in
            ScoreItem(
                id: .int(i), completion: task.vocabulary.decode(demo.completion), reference: ["answer": .string(problems[demo.prompt]!.answer)],
                task: "math")
        }
        let scored = try await EngineRewardSource(engine: RewardSourceTests.engine).score(items, rule: "r1-math", advantages: .none)
        #expect(scored.allSatisfy { $0.verdicts["format"] == "correct" && $0.verdicts["accuracy"] == "wrong" })
        #expect(demos.allSatisfy { $0.completion.last == task.vocabulary.endOfSequence })
    }

    @Test("a right answer in the template scores correct for accuracy and format")
    func rightAnswer() async throws {
        let task = ArithmeticTask(family: .add2, seed: 1)
        let p = task.heldOutProblems[0]
        let text = "<think>\(p.text)</think><answer>\(p.answer)</answer>"
        let tokens = task.vocabulary.encode(text)! + [task.vocabulary.endOfSequence]
        let item = ScoreItem(id: 0, completion: task.vocabulary.decode(tokens), reference: ["answer": .string(p.answer)], task: "math")
        let scored = try await EngineRewardSource(engine: RewardSourceTests.engine).score([item], rule: "r1-math", advantages: .none)
        #expect(scored[0].verdicts == ["accuracy": "correct", "format": "correct"])
        #expect(scored[0].reward == 1.5)
    }
}
