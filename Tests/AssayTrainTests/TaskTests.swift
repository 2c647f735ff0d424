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
        for p in a.heldOutProblems.prefix(40) + a.trainingProblems.prefix(40) {
            #expect(p.answer == String(Self.value(p.text)), "\(p.text)")
            #expect(a.vocabulary.decode(p.promptTokens) == p.text + "=")
        }
    }

    /// The value of a `+`/`-` expression over non-negative integers, computed independently of the task.
    static func value(_ text: String) -> Int {
        var total = 0, term = 0, sign = 1
        for ch in text {
            if let d = ch.wholeNumberValue {
                term = term * 10 + d
            } else {
                total += sign * term
                term = 0
                sign = ch == "-" ? -1 : 1
            }
        }
        return total + sign * term
    }

    @Test("family sizes, answer ranges and the chain/walk constraints")
    func families() {
        let chain = ArithmeticFamily.chain.expressions
        #expect(chain.count == 990)
        #expect(Set(chain.map(\.answer)) == Set(0...9))
        #expect(chain.allSatisfy { (1...3).contains($0.text.count(where: { $0 == "+" })) })
        let walk = ArithmeticFamily.walk.expressions
        #expect(Set(walk.map(\.answer)) == Set(0...9))
        for (text, answer) in walk {
            // every running total stays within 0…9
            var total = Int(String(text.first!))!
            var rest = text.dropFirst()
            while let op = rest.first {
                let digit = Int(String(rest.dropFirst().first!))!
                total += op == "+" ? digit : -digit
                #expect((0...9).contains(total), "\(text)")
                rest = rest.dropFirst(2)
            }
            #expect(total == answer)
        }
        #expect(ArithmeticFamily.sum3.expressions.count == 1000)
        #expect(Set(ArithmeticFamily.add2.expressions.map(\.answer)) == Set(10...108))
        #expect(Set(chain.map(\.text)).count == chain.count && Set(walk.map(\.text)).count == walk.count)
    }

    @Test("training prompts are drawn balanced by answer, never from the held-out split")
    func balancedSampling() {
        let task = ArithmeticTask(family: .chain, seed: 1)
        let heldOut = Set(task.heldOutProblems.map(\.text))
        var random = SplitMix64(seed: 9)
        var counts: [String: Int] = [:]
        for _ in 0..<20_000 {
            let p = task.sampleTraining(using: &random)
            #expect(!heldOut.contains(p.text))
            counts[p.answer, default: 0] += 1
        }
        #expect(counts.keys.sorted() == task.trainingAnswers.sorted())
        // 10 answers, 2,000 expected each; the binomial sd is ~42, so ±300 never fails by chance
        #expect(counts.values.allSatisfy { abs($0 - 2000) < 300 }, "\(counts)")
        // while the family itself is skewed: 9 is the gold of far more problems than 0
        #expect(task.trainingProblems.count(where: { $0.answer == "9" }) > 10 * task.trainingProblems.count(where: { $0.answer == "0" }))
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

    @Test("demonstrations carry no information about the answer: the think block is empty or restates the expression")
    func demonstrationThink() {
        let task = ArithmeticTask(family: .chain, seed: 1)
        let v = task.vocabulary
        let byPrompt = Dictionary(task.trainingProblems.map { ($0.promptTokens, $0) }, uniquingKeysWith: { a, _ in a })
        let empty = task.demonstrations(count: 500, seed: 4)
        let echo = task.demonstrations(count: 500, seed: 4, echoExpression: true)
        var wrongAnswers: [String: Int] = [:]
        for (e, x) in zip(empty, echo) {
            let problem = byPrompt[e.prompt]!
            let text = v.decode(e.completion)
            #expect(text.hasPrefix("<think></think><answer>"))
            #expect(v.decode(x.completion) == text.replacingOccurrences(of: "<think>", with: "<think>" + problem.text))
            let answer = text.dropFirst("<think></think><answer>".count).prefix { $0 != "<" }
            #expect(String(answer) != problem.answer)
            wrongAnswers[String(answer), default: 0] += 1
        }
        // the wrong answers range over the training answers (the policy learns the answer's form and range)
        #expect(wrongAnswers.count == task.trainingAnswers.count)
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
