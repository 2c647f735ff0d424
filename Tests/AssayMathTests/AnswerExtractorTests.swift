import AssayMath
import Foundation
import Testing

// MARK: - Helpers

private func extract(_ text: String, _ options: ExtractionOptions = .init()) -> ExtractionOutcome {
    AnswerExtractor.extract(from: text, options: options)
}

private func isNoAnswer(_ outcome: ExtractionOutcome) -> Bool {
    if case .noAnswer = outcome { return true }
    return false
}

private func reason(_ outcome: ExtractionOutcome) -> String? {
    if case .noAnswer(let reason) = outcome { return reason }
    return nil
}

// MARK: - Boxes

@Suite("AnswerExtractor: boxes")
struct BoxedExtractionTests {
    @Test func nestedBraces() {
        #expect(extract(#"so \(\boxed{\frac{1}{2}}\)."#) == .answer(#"\frac{1}{2}"#, source: "boxed"))
        #expect(extract(#"\boxed{\left\{1,2\right\}}"#) == .answer(#"\left\{1,2\right\}"#, source: "boxed"))
        #expect(extract(#"\boxed{\{1, \{2\}\}}"#) == .answer(#"\{1, \{2\}\}"#, source: "boxed"))
    }

    @Test func spaceBeforeBrace() {
        #expect(extract(#"so \boxed {12}"#) == .answer("12", source: "boxed"))
    }

    @Test func escapedBracesDoNotClose() {
        #expect(extract(#"\boxed{\}} tail"#) == .answer(#"\}"#, source: "boxed"))
    }

    @Test func sourceBoxedIgnoresPhrasesAndTags() {
        #expect(extract("Answer: 3", .init(source: .boxed)) == .noAnswer(reason: "no \\boxed{} answer"))
        #expect(extract("<answer>3</answer> \\boxed{4}", .init(source: .boxed)) == .answer("4", source: "boxed"))
    }

    @Test func fbox() {
        #expect(extract(#"The answer is $\fbox{42}$"#) == .answer("42", source: "boxed"))
    }

    @Test func unbracedSingleToken() {
        #expect(extract(#"hence $\boxed 5$."#) == .answer("5", source: "boxed"))
        #expect(extract(#"hence \boxed 12."#) == .answer("12", source: "boxed"))
        #expect(extract(#"hence \boxed \pi"#) == .answer(#"\pi"#, source: "boxed"))
    }

    @Test func textChoice() {
        #expect(extract(#"The correct option is \boxed{\text{(B)}}."#) == .answer(#"\text{(B)}"#, source: "boxed"))
    }

    @Test func lastBoxWins() {
        let text = "First try: \\boxed{3}.\n\nWait, that is wrong. Recomputing gives\n\n\\[\\boxed{4}\\]"
        #expect(extract(text) == .answer("4", source: "boxed"))
    }

    @Test func unterminatedFinalBoxIsNoAnswer() {
        let text = "Earlier guess \\boxed{3}.\n\nSo the final answer is \\boxed{\\frac{7}{"
        #expect(isNoAnswer(extract(text)))
        #expect(reason(extract(text))?.contains("unterminated") == true)
        // Never falls back to an earlier box, a phrase or the last number.
        #expect(isNoAnswer(extract(text, .init(fallback: .lastNumber))))
        #expect(isNoAnswer(extract("Answer: 5\n\\boxed{6", .init(source: .any))))
        #expect(isNoAnswer(extract("so \\boxed", .init(source: .boxed))))
    }

    @Test func nestedBoxIsPartOfOuter() {
        #expect(extract(#"\boxed{\boxed{5}}"#) == .answer(#"\boxed{5}"#, source: "boxed"))
    }

    @Test func emptyBoxIsNoAnswer() {
        #expect(isNoAnswer(extract(#"the answer is \boxed{}"#)))
    }
}

// MARK: - Hedging

@Suite("AnswerExtractor: hedging")
struct HedgingTests {
    @Test func differentBoxesAreHedged() {
        #expect(extract(#"It is \boxed{1} or \boxed{2}."#) == .hedged(["1", "2"]))
        #expect(extract("Either\n\\[\\boxed{x=1}\\]\nor\n\\[\\boxed{x = -1}\\]") == .hedged(["x=1", "x = -1"]))
    }

    @Test func identicalBoxesAreOneAnswer() {
        #expect(extract(#"So \boxed{ 12 } and again \boxed{12}."#) == .answer("12", source: "boxed"))
    }

    @Test func hedgingCanBeDisabled() {
        #expect(extract(#"\boxed{1} or \boxed{2}"#, .init(hedgingIsWrong: false)) == .answer("2", source: "boxed"))
    }

    @Test func boxesInEarlierParagraphsAreNotHedging() {
        let text = "Step 1 gives \\boxed{7} as an intermediate value.\n\nThus the final answer is \\boxed{9}."
        #expect(extract(text) == .answer("9", source: "boxed"))
    }

    @Test func hedgingInsideAnswerTag() {
        #expect(extract(#"<answer>\boxed{1}, \boxed{2}</answer>"#) == .hedged(["1", "2"]))
    }
}

// MARK: - Tags

@Suite("AnswerExtractor: <think> and <answer>")
struct TagExtractionTests {
    @Test func answerTagPlainContent() {
        #expect(extract("<answer>0.5</answer>") == .answer("0.5", source: "answer_tag"))
        #expect(extract("<think>easy</think>\n<answer>\n  0.5\n</answer>") == .answer("0.5", source: "answer_tag"))
        #expect(extract("<answer>$\\frac{1}{2}$.</answer>") == .answer("\\frac{1}{2}", source: "answer_tag"))
    }

    @Test func answerTagWithBox() {
        let text = "<think>hmm</think><answer>The answer is \\boxed{\\dfrac{3}{4}}.</answer>"
        #expect(extract(text) == .answer("\\dfrac{3}{4}", source: "answer_tag+boxed"))
    }

    @Test func answerInsideThinkIsIgnored() {
        let text = "<think>Maybe <answer>1</answer> or \\boxed{1}? No.</think><answer>2</answer>"
        #expect(extract(text) == .answer("2", source: "answer_tag"))
        #expect(extract(text, .init(source: .answerTag)) == .answer("2", source: "answer_tag"))
        #expect(extract(text, .init(source: .boxed)) == .noAnswer(reason: "answer only inside <think>"))
    }

    @Test func answerTagBeatsBoxOutsideIt() {
        #expect(extract("\\boxed{1}\n<answer>2</answer>") == .answer("2", source: "answer_tag"))
        #expect(extract("\\boxed{1}\n<answer>2</answer>", .init(source: .boxed)) == .answer("1", source: "boxed"))
    }

    @Test func unclosedAnswerIsNoAnswer() {
        #expect(isNoAnswer(extract("<think>x</think><answer>\\frac{1}{")))
        #expect(isNoAnswer(extract("<answer>1</answer> then <answer>2", .init(fallback: .lastNumber))))
    }

    @Test func unclosedThinkIsNoAnswer() {
        #expect(isNoAnswer(extract("<think>so it is \\boxed{3} and then", .init(fallback: .lastNumber))))
    }

    @Test func answerOnlyInsideThink() {
        let text = "<think>The answer is \\boxed{3}.</think>\nI hope this helps."
        #expect(extract(text) == .noAnswer(reason: "answer only inside <think>"))
        // The last-number fallback only reads the text after </think>.
        #expect(extract(text, .init(fallback: .lastNumber)) == .noAnswer(reason: "answer only inside <think>"))
        #expect(extract("<think>\\boxed{3}</think> It is 4.", .init(fallback: .lastNumber))
            == .answer("4", source: "last_number"))
    }

    @Test func onlyTextAfterThinkCounts() {
        let text = "<think>\\boxed{1}\nFinal answer: 1</think>The final answer is $2$."
        #expect(extract(text) == .answer("2", source: "phrase:final answer"))
        // R1 chat templates put <think> in the prompt: a bare </think> still closes the reasoning.
        #expect(extract("reasoning \\boxed{1}</think> so \\boxed{2}") == .answer("2", source: "boxed"))
    }

    @Test func emptyAnswerTag() {
        #expect(isNoAnswer(extract("<answer>  </answer>")))
    }

    @Test func sourceAnswerTagNeedsTag() {
        #expect(isNoAnswer(extract("\\boxed{3}", .init(source: .answerTag))))
    }
}

// MARK: - Phrases and fallback

@Suite("AnswerExtractor: phrases and fallback")
struct PhraseExtractionTests {
    @Test func finalAnswerIs() {
        #expect(extract("So the final answer is 42.") == .answer("42", source: "phrase:final answer"))
        #expect(extract("The final answer is $\\frac{3}{4}$. I hope it is correct.")
            == .answer("\\frac{3}{4}", source: "phrase:final answer"))
        #expect(extract("Final Answer: The final answer is \\(x^2+1\\).")
            == .answer("x^2+1", source: "phrase:final answer"))
    }

    @Test("an escaped dollar inside $…$ is money, not the closing delimiter")
    func escapedDollarInMath() {
        #expect(extract("The final answer is $\\$36$.") == .answer("\\$36", source: "phrase:final answer"))
        #expect(extract("So the final answer is $\\$1.50$ per pound.") == .answer("\\$1.50", source: "phrase:final answer"))
        #expect(extract("Answer: $x = 2$ and \\$3 more") == .answer("x = 2", source: "phrase:Answer:"))
    }

    @Test func answerColon() {
        #expect(extract("Work...\nAnswer: 7") == .answer("7", source: "phrase:Answer:"))
        #expect(extract("Work...\n**Answer:** $-3$") == .answer("-3", source: "phrase:Answer:"))
    }

    @Test func gsm8kStyle() {
        #expect(extract("She makes 9 * 2 = $<<9*2=18>>18\nA: 18") == .answer("18", source: "phrase:A:"))
        #expect(extract("Natalia sold 48/2 = 24 clips.\n#### 72") == .answer("72", source: "phrase:####"))
        // "A:" inside a line is not an answer marker.
        #expect(isNoAnswer(extract("Case A: x is 3")))
    }

    @Test func lastPhraseWins() {
        #expect(extract("Answer: 3\nHmm, no.\nThe final answer is 4") == .answer("4", source: "phrase:final answer"))
    }

    @Test func phraseWithBox() {
        #expect(extract("The final answer is $\\boxed{5}$.") == .answer("5", source: "boxed"))
    }

    @Test func noAnswerByDefault() {
        #expect(isNoAnswer(extract("I computed 3 + 4 = 7")))
        #expect(isNoAnswer(extract("")))
    }

    @Test func lastNumberFallback() {
        let options = ExtractionOptions(fallback: .lastNumber)
        #expect(extract("3 + 4 = 7", options) == .answer("7", source: "last_number"))
        #expect(extract("The total is 1,234 dollars.", options) == .answer("1234", source: "last_number"))
        #expect(extract("so x = -3.5 here", options) == .answer("-3.5", source: "last_number"))
        #expect(extract("the ratio is 3/4", options) == .answer("3/4", source: "last_number"))
        #expect(extract("points (1,2) and (3,4)", options) == .answer("4", source: "last_number"))
        #expect(extract("probability .25 overall", options) == .answer(".25", source: "last_number"))
        #expect(extract("it drops to \u{2212}7 degrees", options) == .answer("-7", source: "last_number"))
        #expect(extract("x-2 is not negative, 3-4", options) == .answer("4", source: "last_number"))
        #expect(extract("no digits", options) == .noAnswer(reason: "no <answer> tag, \\boxed{} or answer phrase"))
    }

    @Test func hedgedIsNotRescuedByFallback() {
        #expect(extract("\\boxed{1} or \\boxed{2}", .init(fallback: .lastNumber)) == .hedged(["1", "2"]))
    }
}

// MARK: - Budgets

@Suite("AnswerExtractor: bounded time")
struct BoundedExtractionTests {
    @Test func oneMegabyteCompletion() {
        let filler = String(repeating: "The value is 12 and {x} \\frac{a}{b} answer 7. ", count: 20_000)
        let text = String(filler.prefix((1 << 20) - 32)) + "\\boxed{99}"
        let clock = ContinuousClock()
        var outcome = ExtractionOutcome.noAnswer(reason: "")
        let elapsed = clock.measure { outcome = extract(text) }
        #expect(outcome == .answer("99", source: "boxed"))
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }

    @Test func manyUnterminatedBoxes() {
        let text = String(repeating: "\\boxed{", count: 100_000)
        let clock = ContinuousClock()
        var outcome = ExtractionOutcome.noAnswer(reason: "")
        let elapsed = clock.measure { outcome = extract(text, .init(fallback: .lastNumber)) }
        #expect(isNoAnswer(outcome))
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }

    @Test func pathologicalPhrasesAndTags() {
        let inputs = [
            String(repeating: "Answer:", count: 100_000),
            String(repeating: "<answer>", count: 100_000),
            String(repeating: "</think>", count: 100_000),
            String(repeating: "\nA:", count: 100_000),
            String(repeating: "1,000,", count: 100_000),
            String(repeating: "$", count: 300_000),
            String(repeating: "}", count: 300_000) + "\\boxed{1}",
        ]
        let clock = ContinuousClock()
        for text in inputs {
            let elapsed = clock.measure { _ = extract(text, .init(fallback: .lastNumber)) }
            #expect(elapsed < .seconds(10), "took \(elapsed) on \(text.prefix(12))")
        }
    }

    @Test func overLimitIsNoAnswer() {
        let text = String(repeating: "a", count: 100) + "\\boxed{1}"
        #expect(isNoAnswer(extract(text, .init(maxCompletionBytes: 50))))
    }
}

// MARK: - Real data

/// `../shared/datasets` relative to the repository root (the parent of `Tests/`).
private func sharedDatasets() -> URL? {
    let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // AssayMathTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
    let url = root.deletingLastPathComponent().appendingPathComponent("shared/datasets")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}

private func readJSONL<Row: Decodable>(_ url: URL, as: Row.Type) throws -> [Row] {
    let text = try String(contentsOf: url, encoding: .utf8)
    let decoder = JSONDecoder()
    return try text.split(separator: "\n").map { try decoder.decode(Row.self, from: Data($0.utf8)) }
}

private func squeeze(_ s: String) -> String { s.filter { !$0.isWhitespace } }

@Suite("AnswerExtractor: real data")
struct RealDataExtractionTests {
    struct Completion: Decodable {
        var id: String
        var dataset: String
        var completion: String
        var pred_answer: String?
        var gold_answer: String
        var label: Bool
    }

    struct Math500Row: Decodable {
        var id: String
        var answer: String
        var solution: String
    }

    /// Agreement of our extraction with the answer the source's own extractor found (`pred_answer`).
    /// Disagreements were reviewed by hand; see the comment on the threshold.
    @Test func agreesWithSourceExtractorOnLabelledCompletions() throws {
        guard let shared = sharedDatasets() else {
            print("skipping: ../shared/datasets not found")
            return
        }
        let rows = try readJSONL(shared.appendingPathComponent("completions/math_completions.jsonl"), as: Completion.self)
        var agree = 0
        var disagreements: [String] = []
        for row in rows {
            let outcome = AnswerExtractor.extract(from: row.completion)
            let ours: String
            switch outcome {
            case .answer(let text, _): ours = text
            case .hedged(let list): ours = "hedged\(list)"
            case .noAnswer(let reason): ours = "noAnswer(\(reason))"
            }
            let theirs = row.pred_answer.map(squeeze)
            let same: Bool
            if let theirs { same = squeeze(ours) == theirs } else { same = outcome.answerText == nil }
            if same {
                agree += 1
            } else {
                disagreements.append("\(row.id): ours=\(ours.debugDescription) pred=\(String(describing: row.pred_answer))")
            }
        }
        let rate = Double(agree) / Double(rows.count)
        print("extraction agreement with pred_answer: \(agree)/\(rows.count) = \(rate)")
        for line in disagreements { print("  disagree \(line)") }
        #expect(rows.count == 2000)
        // Measured 1991/2000 = 99.55%. The 9 disagreements, reviewed by hand:
        // - qwen-math-cot-3-0…7 (8 rows): both take the same box `4:30 \text{ p.m.}`; the source's
        //   pred_answer is already normalised (units stripped) to `4:30`. Not an extraction difference.
        // - qwen-math-cot-72-6: the completion ends `\boxed{9999.857142857143} or \(\boxed{9999 \frac{6}{7}}\)`;
        //   the source takes the last box, we report hedging (correct by our rules; the label is false anyway).
        #expect(rate >= 0.99)
    }

    /// The last box of each MATH-500 reference solution should be the gold answer string.
    @Test func extractsGoldFromMath500Solutions() throws {
        guard let shared = sharedDatasets() else {
            print("skipping: ../shared/datasets not found")
            return
        }
        let rows = try readJSONL(shared.appendingPathComponent("math/math500.jsonl"), as: Math500Row.self)
        var agree = 0
        var disagreements: [String] = []
        for row in rows {
            let outcome = AnswerExtractor.extract(from: row.solution)
            if let text = outcome.answerText, squeeze(text) == squeeze(row.answer) {
                agree += 1
            } else {
                disagreements.append("\(row.id): ours=\(outcome) gold=\(row.answer.debugDescription)")
            }
        }
        let rate = Double(agree) / Double(rows.count)
        print("MATH-500 solution extraction = gold: \(agree)/\(rows.count) = \(rate)")
        for line in disagreements { print("  disagree \(line)") }
        #expect(rows.count == 500)
        // Measured 499/500. The exception, test/number_theory/459.json, ends with
        // `\boxed{15\frac{39}{40}}` and `\boxed{\frac{639}{40}}` in one sentence: two spellings of the same
        // value, which the extractor (string comparison) reports as hedged.
        #expect(rate >= 0.99)
    }

    struct GSM8KRow: Decodable {
        var id: String
        var answer: String
        var solution: String
    }

    /// GSM8K reference solutions end with `#### N`; the gold `answer` is N without thousands commas.
    @Test func extractsGoldFromGSM8KSolutions() throws {
        guard let shared = sharedDatasets() else {
            print("skipping: ../shared/datasets not found")
            return
        }
        let rows = try readJSONL(shared.appendingPathComponent("math/gsm8k_test.jsonl"), as: GSM8KRow.self)
        var agree = 0
        for row in rows {
            let outcome = AnswerExtractor.extract(from: row.solution)
            if let text = outcome.answerText, squeeze(text).replacingOccurrences(of: ",", with: "") == row.answer {
                agree += 1
            } else {
                print("  disagree \(row.id): ours=\(outcome) gold=\(row.answer)")
            }
        }
        print("GSM8K solution extraction = gold: \(agree)/\(rows.count)")
        #expect(agree == rows.count)
    }
}
