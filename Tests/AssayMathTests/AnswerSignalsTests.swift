import AssayCore
import AssayMath
import Foundation
import Testing

/// Builds and runs the answer-signal verifiers (`answer_leak`, `hedging`, `think_answer`) through the registry.
enum Signals {
    static let registry: VerifierRegistry = {
        var registry = VerifierRegistry()
        MathVerifiers.register(into: &registry)
        return registry
    }()

    static func run(
        _ name: String, _ completion: String, gold: String? = nil, prompt: String? = nil, params: [String: JSONValue] = [:]
    ) async throws -> VerifierResult {
        let verifier = try registry.makeVerifier(named: name, params: params)
        let item = ScoreItem(id: 1, prompt: prompt, completion: completion, reference: gold.map { ["answer": .string($0)] })
        return try await verifier.verify(VerificationInput(item: item, deadline: .now + .seconds(10)))
    }

    static func strings(_ value: JSONValue?) -> [String] {
        guard case .array(let items)? = value else { return [] }
        return items.compactMap(\.stringValue)
    }
}

@Suite("answer_leak")
struct AnswerLeakVerifierTests {
    func leak(_ answer: String, gold: String, prompt: String?) async throws -> VerifierResult {
        try await Signals.run("answer_leak", "Let me think. The answer is \\boxed{\(answer)}.", gold: gold, prompt: prompt)
    }

    @Test func numberCopiedFromThePromptIsALeak() async throws {
        let prompt = "A basket holds 12 apples and 5 pears. How many pieces of fruit are in the basket?"
        let result = try await leak("12", gold: "17", prompt: prompt)
        #expect(result.verdict == "leaked")
        #expect(result.score == -1)
        #expect(result.status == .ok)
        #expect(result.detail?["prompt_value"] == "12")
        #expect(result.detail?["prompt_offset"] == .int(15))
        #expect(result.detail?["prompt_context"]?.stringValue?.contains("12 apples") == true)
        #expect(try await leak("7", gold: "17", prompt: prompt).verdict == "clean")
        #expect(try await leak("17", gold: "17", prompt: prompt).verdict == "clean")
    }

    @Test func aCorrectAnswerThatIsAPromptNumberIsNotALeak() async throws {
        let prompt = "What is $7 \\times 1$?"
        let result = try await leak("7", gold: "7", prompt: prompt)
        #expect(result.verdict == "clean")
        #expect(result.detail?["reason"] == "the answer equals the gold")
        // Wrong, copied, but the gold is stated too: choosing between the prompt's own values is not copying.
        let choice = try await leak("3", gold: "5", prompt: "Which is larger, $3$ or $5$?")
        #expect(choice.verdict == "clean")
        #expect(choice.detail?["gold_prompt_value"] == "5")
    }

    @Test func matchesAreMathematicalNotTextual() async throws {
        #expect(try await leak("0.5", gold: "3", prompt: "Let $x = \\frac{1}{2}$ and $y = 6x$. Find $y$.").verdict == "leaked")
        #expect(try await leak("\\dfrac{2}{4}", gold: "3", prompt: "Let $x = 1/2$. Find $6x$.").verdict == "leaked")
        #expect(try await leak("1000", gold: "250", prompt: "A school has 1,000 students; a quarter walk. How many walk?").verdict == "leaked")
        #expect(try await leak("1", gold: "250", prompt: "A school has 1,000 students; a quarter walk. How many walk?").verdict == "clean")
        #expect(try await leak("x^2 + 1", gold: "2x", prompt: "Let $f(x) = x^2 + 1$. Find $f'(x)$.").verdict == "leaked")
        #expect(try await leak("1 + x^2", gold: "2x", prompt: "Let $f(x) = x^2 + 1$. Find $f'(x)$.").verdict == "leaked")
        #expect(try await leak("10", gold: "1024", prompt: "Compute \\(2^{10}\\).").verdict == "leaked")
        #expect(try await leak("2^{10}", gold: "1024", prompt: "Compute \\(2^{10}\\).").verdict == "clean")
        // A computation the problem asks for states its operands, not its result.
        #expect(try await leak("12", gold: "36", prompt: "Compute $3 \\times 12$.").verdict == "leaked")
        #expect(try await leak("3", gold: "3", prompt: "Compute $3 \\times 1$.").verdict == "clean")
        #expect(try await leak("-4", gold: "4", prompt: "Solve $x - 3 = -4$ for the absolute value.").verdict == "leaked")
        #expect(try await leak("3.5", gold: "7", prompt: "Bo runs 3.5 miles a day. How many miles in 2 days?").verdict == "leaked")
        #expect(try await leak("35", gold: "7", prompt: "Bo runs 3.5 miles a day. How many miles in 2 days?").verdict == "clean")
    }

    @Test func multipleChoice() async throws {
        let prompt = "Which is prime? (A) 4 (B) 7 (C) 9"
        #expect(try await leak("7", gold: "B", prompt: prompt).verdict == "clean", "the gold letter is a labelled option")
        #expect(try await leak("9", gold: "B", prompt: prompt).verdict == "clean")
        let choices: JSONValue = ["answer": "B", "choices": ["A": "4", "B": "7", "C": "9"]]
        let item = ScoreItem(id: 1, prompt: "Which is prime: 4, 7 or 9?", completion: "\\boxed{7}", reference: choices)
        let verifier = try Signals.registry.makeVerifier(named: "answer_leak", params: [:])
        let result = try await verifier.verify(VerificationInput(item: item, deadline: .now + .seconds(10)))
        #expect(result.verdict == "clean")
        #expect(result.detail?["reason"] == "the answer equals the gold")
    }

    @Test func withoutAPromptTheVerdictIsUnknown() async throws {
        for prompt in [nil, "", "  \n "] as [String?] {
            let result = try await leak("12", gold: "17", prompt: prompt)
            #expect(result.verdict == "unknown")
            #expect(result.score == 0)
            #expect(result.status == .ok)
            #expect(result.detail?["reason"]?.stringValue?.contains("no prompt") == true)
        }
    }

    @Test func noAnswerAndMissingGold() async throws {
        let none = try await Signals.run("answer_leak", "I am not sure.", gold: "17", prompt: "Add 12 and 5.")
        #expect(none.verdict == .noAnswer)
        #expect(none.score == 0)
        let missing = try await Signals.run("answer_leak", "\\boxed{12}", prompt: "Add 12 and 5.")
        #expect(missing.status == .invalid)
    }

    @Test func boundedOnHugePromptsAndCompletions() async throws {
        let prompt = (0..<200_000).map { "\($0)" }.joined(separator: " ")
        var start = ContinuousClock.now
        let result = try await leak("199999", gold: "-1", prompt: prompt)
        #expect(start.duration(to: .now) < .seconds(2))
        #expect(result.verdict == "clean", "the value is beyond max_prompt_bytes")
        #expect(result.detail?["prompt_truncated"] == true)
        let few = try await Signals.run(
            "answer_leak", "\\boxed{300}", gold: "-1", prompt: prompt, params: ["max_prompt_values": 100])
        #expect(few.verdict == "clean")
        #expect(few.detail?["prompt_values"] == 100)
        start = .now
        let huge = String(repeating: "12 ", count: 300_000) + "\\boxed{12}"
        let big = try await Signals.run("answer_leak", huge, gold: "17", prompt: "Add 12 and 5.")
        #expect(start.duration(to: .now) < .seconds(2))
        #expect(big.verdict == "leaked")
        let unclosed = try await leak("12", gold: "17", prompt: String(repeating: "\\( $ 1 ", count: 20_000))
        #expect(unclosed.verdict == "clean")
    }

    @Test func paramsAreValidated() {
        #expect(throws: VerifierParams.Failure.self) { try Signals.registry.makeVerifier(named: "answer_leak", params: ["max_prompt_values": 0]) }
        #expect(throws: VerifierParams.Failure.self) { try Signals.registry.makeVerifier(named: "answer_leak", params: ["prompt": true]) }
        #expect(throws: Never.self) {
            try Signals.registry.makeVerifier(
                named: "answer_leak", params: ["source": "boxed", "max_prompt_bytes": 1_000, "max_answer_bytes": 100])
        }
    }
}

@Suite("hedging")
struct HedgingVerifierTests {
    func hedging(_ completion: String, gold: String? = "2", params: [String: JSONValue] = [:]) async throws -> VerifierResult {
        try await Signals.run("hedging", completion, gold: gold, params: params)
    }

    @Test func severalDifferentBoxesOrAListedAnswerAreHedging() async throws {
        let boxes = try await hedging("It is \\boxed{2} or \\boxed{3}.")
        #expect(boxes.verdict == "hedged")
        #expect(boxes.score == -1)
        #expect(Signals.strings(boxes.detail?["candidates"]) == ["2", "3"])
        for answer in [
            "\\boxed{2, 3 \\text{ or } 5}", "\\boxed{2 \\text{ or } 3}", "\\boxed{x=2 \\text{ or } x=3}", "\\boxed{2 \\text{ and } 3}",
            "The final answer is either 2 or 3.", "\\boxed{\\text{either 2 or 3}}", "\\boxed{2 \\lor 3}", "\\boxed{\\pm 2}",
            "<answer>2, 3</answer>", "\\boxed{\\{2, 3\\}}",
        ] {
            #expect(try await hedging(answer).verdict == "hedged", "\(answer)")
        }
        let letters = try await hedging("\\boxed{A or C}", gold: "A")
        #expect(letters.verdict == "hedged")
        #expect(Signals.strings(letters.detail?["candidates"]) == ["A", "C"])
        #expect(try await hedging("\\boxed{2, 3 or 5}").detail?["count"] == 3)
    }

    @Test func repeatedOrEquivalentCandidatesAreOneValue() async throws {
        for answer in [
            "So \\boxed{2}. Checking again: \\boxed{2}", "\\boxed{2}", "\\boxed{x = 2 \\text{ or } x = 2.0}", "\\boxed{\\frac{4}{2}, i.e. 2}",
            "<answer>x = 2</answer>", "\\boxed{\\sqrt{2}, \\text{ which is approximately } 1.414}",
        ] {
            #expect(try await hedging(answer).verdict == "clean", "\(answer)")
        }
        #expect(try await hedging("\\boxed{1,000}", gold: "1000").verdict == "clean")
        #expect(try await hedging("\\boxed{1,000,000}", gold: "10^6").verdict == "clean")
        #expect(try await hedging("\\boxed{1,000, 2,000}", gold: "1000").verdict == "hedged")
    }

    @Test func aListGoldAllowsAListAnswer() async throws {
        #expect(try await hedging("\\boxed{2, 1}", gold: "1, 2").verdict == "clean")
        #expect(try await hedging("\\boxed{1 \\text{ and } 2}", gold: "1, 2").verdict == "clean")
        #expect(try await hedging("\\boxed{\\{2, 1\\}}", gold: "\\{1, 2\\}").verdict == "clean")
        #expect(try await hedging("\\boxed{(1, 2)}", gold: "(1, 2)").verdict == "clean")
        #expect(try await hedging("\\boxed{1, 2}", gold: "(1, 2)").verdict == "clean")
        #expect(try await hedging("\\boxed{3, -3}", gold: "\\pm 3").verdict == "clean")
        #expect(try await hedging("\\boxed{[2, 5)}", gold: "[2, 5)").verdict == "clean")
        #expect(try await hedging("\\boxed{(-\\infty, 2) \\cup (3, \\infty)}", gold: "(-\\infty, 2) \\cup (3, \\infty)").verdict == "clean")
        let union = "\\boxed{x \\in (1, 2) \\text{ or } x > 3}"
        #expect(try await hedging(union, gold: "(1, 2) \\cup (3, \\infty)").verdict == "clean")
        let tooMany = try await hedging("\\boxed{1, 2, 3, 4}", gold: "1, 2")
        #expect(tooMany.verdict == "hedged")
        #expect(tooMany.detail?["allowed"] == 2)
    }

    @Test func maxCandidatesAndMissingGold() async throws {
        #expect(try await hedging("\\boxed{2 \\text{ or } 3}", params: ["max_candidates": 2]).verdict == "clean")
        #expect(try await hedging("\\boxed{2, 3 \\text{ or } 5}", params: ["max_candidates": 2]).verdict == "hedged")
        #expect(try await hedging("\\boxed{2, 3}", gold: nil).verdict == "clean")
        #expect(try await hedging("\\boxed{2 \\text{ or } 3}", gold: nil).verdict == "hedged")
        #expect(try await hedging("\\boxed{2} or \\boxed{3}", gold: nil).verdict == "hedged")
        #expect(throws: VerifierParams.Failure.self) { try Signals.registry.makeVerifier(named: "hedging", params: ["max_candidates": 0]) }
    }

    @Test func noAnswerAndHugeInputs() async throws {
        let none = try await hedging("I could not finish \\boxed{2")
        #expect(none.verdict == .noAnswer)
        #expect(none.score == 0)
        let start = ContinuousClock.now
        let many = "\\boxed{" + (1...5_000).map(String.init).joined(separator: " or ") + "}"
        #expect(try await hedging(many).verdict == "hedged")
        let huge = String(repeating: "\\boxed{7} or ", count: 80_000) + "\\boxed{7}"
        #expect(try await hedging(huge).verdict == "clean")
        #expect(try await hedging(String(repeating: "x", count: 1 << 20)).verdict == .noAnswer)
        #expect(start.duration(to: .now) < .seconds(3))
    }
}

@Suite("think_answer")
struct ThinkAnswerVerifierTests {
    func check(_ completion: String, params: [String: JSONValue] = [:]) async throws -> VerifierResult {
        try await Signals.run("think_answer", completion, params: params)
    }

    @Test func thinkStatementAgainstTheFinalAnswer() async throws {
        let same = try await check("<think>6 times 7 is 42, so the answer is 42.</think>\n<answer>42</answer>")
        #expect(same.verdict == "consistent")
        #expect(same.score == 0)
        #expect(same.detail?["think_source"] == "phrase:answer is")
        let differs = try await check("<think>Adding up, I get \\boxed{41}.</think>\n<answer>42</answer>")
        #expect(differs.verdict == "inconsistent")
        #expect(differs.score == -1)
        #expect(differs.detail?["think_answer"] == "41")
        #expect(differs.detail?["answer"] == "42")
        #expect(differs.detail?["think_offset"] == .int(31))
        #expect(differs.detail?["think_source"] == "boxed")
        #expect(try await check("<think>Final answer: $\\frac{1}{2}$</think><answer>0.5</answer>").verdict == "consistent")
        #expect(try await check("<think>**Answer:** 12 cm</think><answer>\\boxed{12}</answer>").verdict == "consistent")
    }

    @Test func theLastStatementCounts() async throws {
        let completion = "<think>Maybe the answer is 5. Wait, that is wrong.\nSo the final answer is 6.</think><answer>6</answer>"
        #expect(try await check(completion).verdict == "consistent")
        let boxedThenPhrase = "<think>\\boxed{5} was a slip; the answer is 6</think><answer>6</answer>"
        #expect(try await check(boxedThenPhrase).verdict == "consistent")
        #expect(try await check("<think>the answer is 6, then \\boxed{5}</think><answer>6</answer>").verdict == "inconsistent")
    }

    @Test func noThinkAnswerIsTheCommonCase() async throws {
        let plain = try await check("<think>6 times 7, let me multiply.</think><answer>42</answer>")
        #expect(plain.verdict == "no_think_answer")
        #expect(plain.score == 0)
        let noBlock = try await check("The answer is \\boxed{5}.")
        #expect(noBlock.verdict == "no_think_answer")
        #expect(noBlock.detail?["reason"] == "no <think> block")
        // "The answer is what we want" is prose, not a statement.
        #expect(try await check("<think>the answer is what we want to find</think><answer>3</answer>").verdict == "no_think_answer")
    }

    @Test func finalAnswerFromTheAnswerTagOrTheTextAfterThink() async throws {
        let bare = try await check("<think>so the answer is 3</think>\n3")
        #expect(bare.verdict == "consistent")
        #expect(bare.detail?["answer_source"] == "after_think")
        #expect(try await check("<think>so the answer is 3</think>\nThe result is \\boxed{4}.").verdict == "inconsistent")
        #expect(try await check("<think>so the answer is 3</think>").verdict == .noAnswer)
        #expect(try await check("<think>so the answer is 3").verdict == .noAnswer)
        #expect(try await check("<think>so the answer is 3</think><answer>3").verdict == .noAnswer)
    }

    @Test func templateOpenedThink() async throws {
        let completion = "I compute 2+2 and the answer is 4.</think><answer>4</answer>"
        #expect(try await check(completion).verdict == "consistent")
        #expect(try await check(completion, params: ["think_opened_in_prompt": true]).verdict == "consistent")
        let unclosed = "I compute 2+2. Answer: 4"
        #expect(try await check(unclosed).verdict == "no_think_answer")
        #expect(try await check(unclosed, params: ["think_opened_in_prompt": true]).verdict == .noAnswer)
    }

    @Test func boundedOnHugeCompletions() async throws {
        let start = ContinuousClock.now
        let long = "<think>" + String(repeating: "the answer is 7. \\boxed{", count: 40_000) + "</think><answer>7</answer>"
        let result = try await check(long)
        #expect(result.status == .ok)
        let huge = try await check("<think>" + String(repeating: "a", count: (1 << 20) + 10) + "</think><answer>1</answer>")
        #expect(huge.status == .limit)
        #expect(start.duration(to: .now) < .seconds(3))
    }
}
