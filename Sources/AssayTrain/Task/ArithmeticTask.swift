import AssayCore

/// One generated problem: the text, the policy's prompt tokens (start marker, the expression, `=`) and the gold.
public struct ArithmeticProblem: Sendable, Hashable {
    public var text: String
    public var promptTokens: [Int]
    public var answer: String
}

/// Procedurally generated arithmetic with a held-out split no training step ever sees.
///
/// Families: `sum3` (a+b+c, digits; 1,000 problems, answers 0–27), `add1` (a+b, digits; 100 problems, 0–18),
/// `add2` (two digits + one digit; 900 problems, 10–108). Every operand tuple of the family is enumerated and a
/// seeded shuffle puts 20 % of them in the held-out split, so held-out accuracy measures whether the policy learned
/// to add, not which answers it memorised.
///
/// The default is `sum3`: a random final answer is right about 1 time in 28, so a group of 16 samples often holds
/// a right and a wrong one (a non-zero advantage) from the first steps, and a running sum is what a GRU computes
/// naturally. Measured so far: held-out accuracy follows training accuracy on `sum3` (0.03 → 0.19 in 600 steps),
/// while `add1` memorises its 80 training pairs (training 0.62, held-out 0.17 after 300 steps). `add2` has about
/// 100 possible answers and gives sparse rewards early.
public struct ArithmeticTask: Sendable {
    public enum Family: String, Sendable, CaseIterable, Codable {
        case sum3, add1, add2
    }

    public let family: Family
    public let vocabulary = TaskVocabulary()
    public let trainingProblems: [ArithmeticProblem]
    public let heldOutProblems: [ArithmeticProblem]

    public init(family: Family, seed: UInt64) {
        self.family = family
        var all = Self.operands(family).map { Self.problem($0, vocabulary: TaskVocabulary()) }
        var random = SplitMix64(seed: seed ^ 0x7A5C_5EED)
        all.shuffle(using: &random)
        let heldOut = all.count / 5
        heldOutProblems = Array(all.prefix(heldOut))
        trainingProblems = Array(all.dropFirst(heldOut))
    }

    static func operands(_ family: Family) -> [[Int]] {
        switch family {
        case .sum3: (0..<1000).map { [$0 / 100, $0 / 10 % 10, $0 % 10] }
        case .add1: (0..<100).map { [$0 / 10, $0 % 10] }
        case .add2: (0..<900).map { [10 + $0 / 10, $0 % 10] }
        }
    }

    static func problem(_ operands: [Int], vocabulary: TaskVocabulary) -> ArithmeticProblem {
        let text = operands.map(String.init).joined(separator: "+")
        let tokens = [vocabulary.beginning] + vocabulary.encode(text)! + [vocabulary.encode("=")![0]]
        return ArithmeticProblem(text: text, promptTokens: tokens, answer: String(operands.reduce(0, +)))
    }

    /// Supervised cold-start pairs that teach the template only: `<think>` the expression `</think><answer>` a
    /// number of the gold's length that is *not* the gold `</answer>` EOS, for training problems.
    public func demonstrations(count: Int, seed: UInt64) -> [(prompt: [Int], completion: [Int])] {
        var random = SplitMix64(seed: seed ^ 0xC01D_57A7)
        var out: [(prompt: [Int], completion: [Int])] = []
        out.reserveCapacity(count)
        while out.count < count {
            let problem = trainingProblems[Int(random.next() % UInt64(trainingProblems.count))]
            var wrong = problem.answer
            while wrong == problem.answer {
                let digits = problem.answer.count
                let low = digits == 1 ? 0 : Int(pow10(digits - 1))
                let high = Int(pow10(digits)) - 1
                wrong = String(low + Int(random.next() % UInt64(high - low + 1)))
            }
            let body = vocabulary.encode(problem.text)!
            let completion = [vocabulary.think] + body + [vocabulary.thinkEnd, vocabulary.answer] + vocabulary.encode(wrong)!
                + [vocabulary.answerEnd, vocabulary.endOfSequence]
            out.append((problem.promptTokens, completion))
        }
        return out
    }

    private func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }
}
