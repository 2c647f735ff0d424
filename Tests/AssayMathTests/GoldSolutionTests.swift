import AssayCore
import AssayMath
import Foundation
import Testing

/// A reference that holds a whole worked solution (MATH `solution`, GSM8K `answer` with its `#### N` line) is
/// reduced to its final answer, so the right completion is not marked wrong.
@Suite("gold answers inside worked solutions")
struct GoldSolutionTests {
    static let verifier: any Verifier = {
        var registry = VerifierRegistry()
        MathVerifiers.register(into: &registry)
        return try! registry.makeVerifier(named: "math", params: [:])
    }()

    func verdict(_ completion: String, gold: String) async throws -> Verdict {
        try await Self.verifier.verify(
            VerificationInput(item: ScoreItem(id: 1, completion: completion, reference: ["answer": .string(gold)]), deadline: .now + .seconds(5))
        ).verdict
    }

    @Test func boxedAndHashMarkedSolutions() async throws {
        #expect(try await verdict("<answer>72</answer>", gold: "She sold 48/2 = 24 clips in May.\n#### 72") == .correct)
        #expect(try await verdict("<answer>1234</answer>", gold: "so 1,000 + 234\n#### 1,234") == .correct)
        #expect(try await verdict("<answer>73</answer>", gold: "…\n#### 72") == .wrong)
        #expect(try await verdict("\\boxed{\\frac{1}{2}}", gold: "The probability is $\\boxed{\\dfrac{1}{2}}$.") == .correct)
        // the last box counts, nested braces balance, an escaped brace does not close it
        #expect(try await verdict("\\boxed{x^{2}}", gold: "First $\\boxed{3}$ then finally $\\boxed{x^{2}}$.") == .correct)
        #expect(try await verdict("\\boxed{\\{1,2\\}}", gold: "The set is \\boxed{\\{1,2\\}}") == .correct)
        // a short gold is unchanged, including one that happens to contain braces
        #expect(try await verdict("\\boxed{5}", gold: "5") == .correct)
        #expect(try await verdict("\\boxed{\\frac{3}{4}}", gold: "\\frac{3}{4}") == .correct)
    }

    /// Every GSM8K test problem and every MATH-500 problem: the gold final answer, written as a model would,
    /// is judged correct against the dataset's worked `solution` as the reference.
    @Test func publicSolutionsAsReferences() async throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/datasets/math")
        guard FileManager.default.fileExists(atPath: directory.path) else { return }  // datasets not checked out
        for (file, wrap) in [("gsm8k_test", "<answer>%@</answer>"), ("math500", "\\boxed{%@}")] {
            let text = try String(contentsOf: directory.appendingPathComponent(file + ".jsonl"), encoding: .utf8)
            var total = 0
            var misses: [String] = []
            for line in text.split(separator: "\n") {
                let row = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))
                guard let answer = row["answer"]?.stringValue, let solution = row["solution"]?.stringValue else { continue }
                total += 1
                let completion = wrap.replacingOccurrences(of: "%@", with: answer)
                if try await verdict(completion, gold: solution) != .correct { misses.append("\(row["id"]?.stringValue ?? "?"): \(answer)") }
            }
            #expect(total > 400, "\(file)")
            // MATH-500 has a few solutions whose last box is not the final answer (e.g. boxes on intermediate steps)
            #expect(Double(misses.count) <= Double(total) * 0.01, "\(file): \(misses.count) of \(total): \(misses.prefix(8))")
        }
    }
}
