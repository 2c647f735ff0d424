import AssayCore
import Foundation
import Testing

@testable import AssayMath

/// The step checker on real text: MATH-500's worked solutions (true claims; one known slip) and the same
/// solutions with single injected errors; and 2,000 labelled model completions.
@Suite struct StepCheckerCorpusTests {
    /// Solutions whose text really holds a false claim, with the reason.
    static let explainedExceptions: [String: (claim: String, why: String)] = [
        "test/algebra/351.json": (
            "(-4)^2 + 4 \\cdot 1 \\cdot (-1) = 20",
            "the discriminant is written (−4)² + 4·1·(−1) = 20; that sum is 12 (the solution meant (−4)² − 4·1·(−1))"
        )
    ]

    static func rows(_ relative: String) -> [[String: Any]] {
        let url = Corpus.datasetsDir.deletingLastPathComponent().appendingPathComponent(relative)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    static var solutions: [(id: String, text: String)] {
        rows("math/math500.jsonl").compactMap { row in
            guard let id = row["id"] as? String, let s = row["solution"] as? String else { return nil }
            return (id, s)
        }
    }

    @Test func math500SolutionsHaveNoFalseClaims() throws {
        let solutions = Self.solutions
        guard !solutions.isEmpty else {
            print("skipping: ../shared/datasets/math/math500.jsonl not found")
            return
        }
        #expect(solutions.count >= 200)
        var trueClaims = 0, withClaims = 0
        for (id, text) in solutions {
            let report = StepChecker.check(text)
            trueClaims += report.trueCount
            if report.trueCount > 0 { withClaims += 1 }
            if let exception = Self.explainedExceptions[id] {
                #expect(report.falseClaims.map(\.text) == [exception.claim], "\(id): \(exception.why)")
            } else {
                #expect(report.falseClaims.isEmpty, "\(id): \(report.falseClaims.map { "\($0.text) (\($0.reason))" })")
            }
        }
        print("MATH-500 solutions: \(solutions.count), with checked claims \(withClaims), true claims \(trueClaims)")
        #expect(withClaims >= 200)
    }

    @Test func injectedErrorsAreFlagged() throws {
        let solutions = Self.solutions
        guard !solutions.isEmpty else { return }
        var total = 0, flagged = 0
        var byKind: [String: (Int, Int)] = [:]
        var misses: [String] = []
        for (id, text) in solutions {
            let baseline = Set(StepChecker.check(text).falseClaims.map(\.text))
            for injection in StepErrorInjector.injections(in: text) {
                total += 1
                // Caught: a false claim the unmodified solution does not have.
                let caught = StepChecker.check(injection.text).falseClaims.contains { !baseline.contains($0.text) }
                if caught { flagged += 1 } else if misses.count < 40 {
                    let key = injection.after.suffix(4)
                    let related = StepChecker.check(injection.text).claims.filter { $0.text.contains(key) }
                        .map { "[\($0.judgement.rawValue): \($0.text) — \($0.reason)]" }
                    misses.append("\(id): \(injection.after) \(related)")
                }
                byKind[injection.kind, default: (0, 0)].0 += 1
                byKind[injection.kind, default: (0, 0)].1 += caught ? 1 : 0
            }
        }
        let recall = Double(flagged) / Double(max(total, 1))
        print("injected errors: \(total), flagged \(flagged) (\(String(format: "%.1f", recall * 100)) %); by kind \(byKind)")
        for miss in misses { print("  missed: \(miss)") }
        #expect(total >= 200)
        #expect(recall >= 0.9)
    }

    @Test func falseClaimsConcentrateInWrongCompletions() throws {
        let rows = Self.rows("completions/math_completions.jsonl")
        guard !rows.isEmpty else { return }
        var counts: [Bool: (items: Int, flagged: Int)] = [:]
        for row in rows {
            guard let completion = row["completion"] as? String, let label = row["label"] as? Bool else { continue }
            let flagged = StepChecker.check(completion).falseCount > 0
            counts[label, default: (0, 0)].items += 1
            counts[label, default: (0, 0)].flagged += flagged ? 1 : 0
        }
        let right = counts[true] ?? (0, 0), wrong = counts[false] ?? (0, 0)
        let rightRate = Double(right.flagged) / Double(max(right.items, 1))
        let wrongRate = Double(wrong.flagged) / Double(max(wrong.items, 1))
        print("completions with a false claim: label true \(right.flagged)/\(right.items), label false \(wrong.flagged)/\(wrong.items)")
        // A right final answer rarely rests on false arithmetic; a wrong one much more often does.
        #expect(rightRate < 0.01)
        #expect(wrongRate > 3 * rightRate)
    }
}
