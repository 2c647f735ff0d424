import AssayCore
import Testing

@Suite("chance-corrected accuracy")
struct ChanceCorrectionTests {
    /// With k answers a uniform guess is right with probability 1/k; the expected reward must be 0.
    @Test(arguments: 2...5)
    func uniformGuessingEarnsNothingInExpectation(k: Int) {
        for correct in [1.0, 2.0, 0.5] {
            let wrong = AnswerSpace.wrongScore(correct: correct, k: k)
            let expected = correct / Double(k) + wrong * Double(k - 1) / Double(k)
            #expect(abs(expected) < 1e-12, "k=\(k) correct=\(correct): \(expected)")
            #expect(wrong < 0)
        }
    }

    @Test func theAnswerSpaceComesFromTheReference() {
        #expect(AnswerSpace.size(of: ["answer": "B", "choices": ["A": "1", "B": "2", "C": "3", "D": "4"]]) == 4)
        #expect(AnswerSpace.size(of: ["answer": "x", "choices": ["1", "2", "3"]]) == 3)
        #expect(AnswerSpace.size(of: ["answer": "Yes"]) == 2)
        #expect(AnswerSpace.size(of: " false ") == 2)
        #expect(AnswerSpace.size(of: ["answer": .bool(true)]) == 2)
        #expect(AnswerSpace.size(of: ["answer": ">", "answer_space": 3]) == 3)
        #expect(AnswerSpace.size(of: ["answer": "42"]) == nil)
        #expect(AnswerSpace.size(of: ["answer": "B", "choices": ["A": "1"]]) == nil)
        #expect(AnswerSpace.size(of: nil) == nil)
    }

    /// The rule option over the engine, with a scripted verifier: k = 4 and k = 2 items, an open item, and the
    /// verdicts the correction leaves alone.
    @Test func theRuleOptionRescalesWrongAnswersOnly() async throws {
        let yaml = """
            components:
              accuracy:
                verifier: scripted
                scores: {correct: 1, wrong: -1, unparsable: -1, no_answer: 0}
                chance_correction: true
            """
        let rule = try loadRule(yaml, file: "t.yaml")
        let engine = RewardEngine(rules: try RuleSet([rule]))
        let four: JSONValue = ["choices": ["A", "B", "C", "D"]]
        func item(_ id: Int, _ verdict: String, _ reference: JSONValue) -> ScoreItem {
            var r = reference.objectValue ?? [:]
            r["verdict"] = .string(verdict)
            r["score"] = 0
            return ScoreItem(id: .int(id), completion: "x", reference: .object(r))
        }
        let items = [
            item(0, "correct", four), item(1, "wrong", four), item(2, "unparsable", four), item(3, "no_answer", four),
            item(4, "wrong", ["answer": "no"]), item(5, "wrong", ["answer": "17"]),
        ]
        let batch = try await engine.score(ScoreRequest(rule: "t", items: items))
        #expect(batch.results.map(\.reward) == [1, -1.0 / 3, -1.0 / 3, 0, -1, -1])
    }

    @Test func theOptionMustBeABoolean() {
        #expect(throws: RuleError.self) {
            try loadRule("components: {a: {verifier: scripted, chance_correction: maybe}}", file: "t.yaml", registry: testRegistry())
        }
    }
}
