/// A family of arithmetic problems, each enumerated in full.
///
/// ## Why `chain` is the default
///
/// RL from a template-only cold start needs two things from the task:
///
/// - **Signal at chance level.** A group of G samples teaches something only when some of its samples are right.
///   A cold-started policy guesses among the answers it saw, and training prompts are drawn answer-balanced, so
///   with 10 answers a group of 16 holds a right answer with probability 1 − 0.9¹⁶ ≈ 0.81; with 28 answers
///   (`sum3`) 0.44, with about 100 (`add2`) 0.15.
/// - **A rule that is easier to learn than the table.** Held-out problems are never trained on, so the policy
///   must generalise. For a GRU a running total of at most 9 is a 10-state automaton with one shared update per
///   added digit: every held-out chain is made of steps seen thousands of times in training. Fact tables such as
///   `add1` are learnt by rote instead (training 0.62, held-out 0.17 after 300 steps).
public enum ArithmeticFamily: String, Sendable, CaseIterable, Codable {
    /// `a+b`, `a+b+c` or `a+b+c+d`, digits summing to at most 9 (990 problems, answers 0…9).
    case chain
    /// `a±b±c` with a in 0…9, b and c in 1…9 and every running total within 0…9 (answers 0…9).
    case walk
    /// `a+b+c`, digits (1,000 problems, answers 0…27).
    case sum3
    /// `a+b`, digits (100 problems, answers 0…18).
    case add1
    /// `a+b`, a in 10…99, b a digit (900 problems, answers 10…108).
    case add2

    /// Every problem of the family as its expression (without `=`) and the value, in a fixed order.
    public var expressions: [(text: String, answer: Int)] {
        switch self {
        case .chain: Self.chains()
        case .walk: Self.walks()
        case .sum3: (0..<1000).map { Self.sum([$0 / 100, $0 / 10 % 10, $0 % 10]) }
        case .add1: (0..<100).map { Self.sum([$0 / 10, $0 % 10]) }
        case .add2: (0..<900).map { Self.sum([10 + $0 / 10, $0 % 10]) }
        }
    }

    private static func sum(_ terms: [Int]) -> (text: String, answer: Int) {
        (terms.map(String.init).joined(separator: "+"), terms.reduce(0, +))
    }

    private static func chains() -> [(text: String, answer: Int)] {
        var out: [(text: String, answer: Int)] = []
        func extend(_ terms: [Int], _ total: Int) {
            if terms.count >= 2 { out.append(sum(terms)) }
            guard terms.count < 4 else { return }
            for digit in 0...(9 - total) { extend(terms + [digit], total + digit) }
        }
        extend([], 0)
        return out
    }

    private static func walks() -> [(text: String, answer: Int)] {
        func moves(from total: Int) -> [(String, Int)] {
            var out: [(String, Int)] = []
            for d in 1...9 {
                if total + d <= 9 { out.append(("+\(d)", total + d)) }
                if total - d >= 0 { out.append(("-\(d)", total - d)) }
            }
            return out
        }
        var out: [(text: String, answer: Int)] = []
        for a in 0...9 {
            for (first, b) in moves(from: a) {
                for (second, c) in moves(from: b) { out.append(("\(a)\(first)\(second)", c)) }
            }
        }
        return out
    }
}
