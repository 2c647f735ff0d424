import AssayCore
import AssayMath
import Foundation
import Testing

/// The answer signals on real data from `../shared/datasets` (skipped when absent): leak cases built from MATH-500
/// statements, and the verdict rates on 2,000 labelled model completions.
@Suite("answer signals on real data")
struct AnswerSignalsCorpusTests {
    static func rows(_ path: String) -> [[String: Any]]? {
        let url = Corpus.datasetsDir.deletingLastPathComponent().appendingPathComponent(path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// The numbers a statement writes, found without the verifier's scanner: digit runs with a decimal part,
    /// thousands groups (`{,}`, and `,` outside `$…$`) and a leading minus; the digits of `\frac58` are a fraction.
    static func numerals(_ text: String) -> [String] {
        let c = Array(text)
        var out: [String] = []
        var inMath = false
        var i = 0
        func digit(_ k: Int) -> Bool { k < c.count && c[k].isASCII && c[k].isNumber }
        while i < c.count {
            if c[i] == "$", i == 0 || c[i - 1] != "\\" { inMath.toggle() }
            guard digit(i) else {
                i += 1
                continue
            }
            if i >= 4, String(c[(i - 4)..<i]) == "frac" {
                i += 2
                continue
            }
            var number = ""
            var j = i
            while j < c.count {
                if digit(j) {
                    number.append(c[j])
                    j += 1
                } else if j + 3 < c.count, String(c[j..<(j + 3)]) == "{,}", digit(j + 3) {
                    j += 3
                } else if !inMath, c[j] == ",", digit(j + 1), digit(j + 2), digit(j + 3), !digit(j + 4) {
                    j += 1
                } else if c[j] == ".", digit(j + 1), !number.contains(".") {
                    number.append(".")
                    j += 1
                } else {
                    break
                }
            }
            let negative = i > 0 && c[i - 1] == "-" && (i < 2 || " $([={".contains(c[i - 2]))
            out.append((negative ? "-" : "") + number)
            i = j
        }
        return out
    }

    static func percent(_ n: Int, _ total: Int) -> String { String(format: "%.1f %%", 100 * Double(n) / Double(max(1, total))) }

    @Test func math500LeakCases() async throws {
        guard let rows = Self.rows("math/math500.jsonl") else {
            print("answer signals: math500 absent; skipping")
            return
        }
        let leak = try Signals.registry.makeVerifier(named: "answer_leak", params: [:])
        var cases = 0, leaked = 0, goldFree = 0, goldFreeLeaked = 0, goldAnswers = 0, goldLeaks = 0
        var misses: [String] = []
        for row in rows {
            guard let problem = row["problem"] as? String, let gold = row["answer"] as? String,
                let solution = row["solution"] as? String
            else { continue }
            let numbers = Self.numerals(problem)
            let goldStated = numbers.contains { MathEquivalence.compare(answer: $0, gold: gold).match == .equivalent }
                || problem.contains("$\(gold)$")
            let reference: JSONValue = ["answer": .string(solution)]
            if !goldStated {
                goldAnswers += 1
                let item = ScoreItem(id: 0, prompt: problem, completion: "So the answer is $\\boxed{\(gold)}$.", reference: reference)
                if try await leak.verify(VerificationInput(item: item, deadline: .now + .seconds(5))).verdict == "leaked" { goldLeaks += 1 }
            }
            guard let copied = numbers.first(where: { MathEquivalence.compare(answer: $0, gold: gold).match == .different }) else {
                continue
            }
            let item = ScoreItem(id: 0, prompt: problem, completion: "So the answer is $\\boxed{\(copied)}$.", reference: reference)
            let result = try await leak.verify(VerificationInput(item: item, deadline: .now + .seconds(5)))
            cases += 1
            if result.verdict == "leaked" { leaked += 1 }
            if !goldStated {
                goldFree += 1
                if result.verdict == "leaked" {
                    goldFreeLeaked += 1
                } else {
                    misses.append("\(copied) vs gold \(gold): \(result.detail?["reason"] ?? .null) \(result.detail?["gold_prompt_value"] ?? .null)")
                }
            }
        }
        print("answer_leak on MATH-500: \(leaked)/\(cases) copied numbers leaked (\(Self.percent(leaked, cases))); "
            + "\(goldFreeLeaked)/\(goldFree) where the gold is not in the statement (\(Self.percent(goldFreeLeaked, goldFree))); "
            + "gold answers: \(goldLeaks)/\(goldAnswers) leaked")
        for miss in misses.prefix(20) { print("answer_leak miss: \(miss)") }
        #expect(cases >= 400)
        #expect(Double(goldFreeLeaked) >= 0.9 * Double(goldFree))
        #expect(goldLeaks == 0)
    }

    @Test func labelledCompletionVerdictRates() async throws {
        guard let rows = Self.rows("completions/math_completions.jsonl") else {
            print("answer signals: labelled completions absent; skipping")
            return
        }
        let names = ["answer_leak", "hedging", "think_answer"]
        let verifiers = try names.map { try Signals.registry.makeVerifier(named: $0, params: [:]) }
        var counts: [String: [Bool: [String: Int]]] = [:]
        var labelled: [Bool: Int] = [:]
        var hedgedTrue: [String] = []
        var leakedExamples: [String] = []
        var elapsed: [String: Duration] = [:]
        for row in rows {
            guard let problem = row["problem"] as? String, let gold = row["gold_answer"] as? String,
                let completion = row["completion"] as? String, let label = row["label"] as? Bool
            else { continue }
            labelled[label, default: 0] += 1
            let item = ScoreItem(id: 0, prompt: problem, completion: completion, reference: ["answer": .string(gold)])
            for (name, verifier) in zip(names, verifiers) {
                let start = ContinuousClock.now
                let result = try await verifier.verify(VerificationInput(item: item, deadline: .now + .seconds(5)))
                elapsed[name, default: .zero] += start.duration(to: .now)
                counts[name, default: [:]][label, default: [:]][result.verdict.rawValue, default: 0] += 1
                if name == "answer_leak", result.verdict == "leaked", leakedExamples.count < 8 {
                    leakedExamples.append(
                        "gold \(gold), answer \(result.detail?["answer"] ?? .null) from \(result.detail?["prompt_context"] ?? .null)")
                }
                if name == "hedging", label, result.verdict == "hedged" { hedgedTrue.append("\(gold): \(result.detail?["candidates"] ?? .null)") }
            }
        }
        let total = labelled.values.reduce(0, +)
        for name in names {
            for label in [true, false] {
                let byVerdict = counts[name]?[label] ?? [:]
                let figures = byVerdict.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) (\(Self.percent($0.value, labelled[label] ?? 0)))" }
                print("\(name) label=\(label) n=\(labelled[label] ?? 0): \(figures.joined(separator: ", "))")
            }
        }
        for name in names {
            let micros = Double((elapsed[name] ?? .zero).components.attoseconds) / 1e12 + Double((elapsed[name] ?? .zero).components.seconds) * 1e6
            print("\(name): \(String(format: "%.0f", micros / Double(max(1, total)))) µs per completion (debug build)")
        }
        for example in leakedExamples { print("answer_leak example: \(example)") }
        for h in hedgedTrue.prefix(20) { print("hedging on a label=true completion: \(h)") }
        func rate(_ name: String, _ label: Bool, _ verdict: String) -> Double {
            Double(counts[name]?[label]?[verdict] ?? 0) / Double(max(1, labelled[label] ?? 0))
        }
        #expect(total == 2_000)
        #expect(rate("hedging", true, "hedged") <= 0.01, "a correct answer rarely lists candidates")
        #expect(rate("answer_leak", true, "leaked") <= 0.005, "a correct answer is never a leak (up to label errors)")
        #expect(rate("answer_leak", false, "leaked") < 0.5)
        #expect(rate("answer_leak", true, "clean") + rate("answer_leak", true, "no_answer") >= 0.99)
        #expect(rate("think_answer", true, "inconsistent") == 0 && rate("think_answer", false, "inconsistent") == 0, "no <think> blocks here")
    }

    /// The same completions in the R1 layout: the reasoning in `<think>`, the source's extracted answer in `<answer>`
    /// (consistent), or that answer plus one (inconsistent).
    @Test func labelledCompletionsAsR1() async throws {
        guard let rows = Self.rows("completions/math_completions.jsonl") else {
            print("answer signals: labelled completions absent; skipping")
            return
        }
        let verifier = try Signals.registry.makeVerifier(named: "think_answer", params: [:])
        var stated = 0, consistent = 0, shifted = 0, inconsistent = 0
        var odd: [String] = []
        for row in rows {
            guard let completion = row["completion"] as? String, let pred = row["pred_answer"] as? String, !pred.isEmpty else { continue }
            let same = "<think>\(completion)</think>\n<answer>\(pred)</answer>"
            let result = try await verifier.verify(VerificationInput(item: ScoreItem(id: 0, completion: same), deadline: .now + .seconds(5)))
            guard result.verdict != "no_think_answer" else { continue }
            stated += 1
            if result.verdict == "consistent" { consistent += 1 } else { odd.append("\(pred): \(result.detail ?? .null)") }
            guard let n = Int(pred) else { continue }
            let wrong = "<think>\(completion)</think>\n<answer>\(n + 1)</answer>"
            let shiftedResult = try await verifier.verify(VerificationInput(item: ScoreItem(id: 0, completion: wrong), deadline: .now + .seconds(5)))
            shifted += 1
            if shiftedResult.verdict == "inconsistent" { inconsistent += 1 }
        }
        print("think_answer on R1-wrapped completions: \(stated)/\(rows.count) state an answer in <think>; "
            + "consistent \(consistent)/\(stated) (\(Self.percent(consistent, stated))); "
            + "answer + 1 inconsistent \(inconsistent)/\(shifted) (\(Self.percent(inconsistent, shifted)))")
        for o in odd.prefix(20) { print("think_answer not consistent: \(o)") }
        #expect(stated >= 1_500)
        #expect(Double(consistent) >= 0.97 * Double(stated))
        #expect(Double(inconsistent) >= 0.97 * Double(shifted))
    }
}
