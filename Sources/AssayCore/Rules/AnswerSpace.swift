import Foundation

/// How many answers an item admits, when that is a small known number: the basis of chance correction.
///
/// - `reference.choices`: an object (`{"A": "12", …}`) or a list of options, k = its size;
/// - else a gold of `yes`/`no` or `true`/`false` (any case, `reference.answer` or the reference itself): k = 2;
/// - else `reference.answer_space`: an explicit k ≥ 2 (e.g. 3 for `<`, `=`, `>`);
/// - else unknown (an open answer such as a number): no correction.
public enum AnswerSpace {
    public static func size(of reference: JSONValue?) -> Int? {
        guard let reference else { return nil }
        switch reference["choices"] {
        case .object(let options)? where options.count >= 2: return options.count
        case .array(let options)? where options.count >= 2: return options.count
        default: break
        }
        let gold: JSONValue? = if case .object = reference { reference["answer"] } else { reference }
        if case .string(let text)? = gold, binary.contains(text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()) {
            return 2
        }
        if case .bool? = gold { return 2 }
        if let k = reference["answer_space"]?.intValue, k >= 2 { return k }
        return nil
    }

    static let binary: Set<String> = ["yes", "no", "true", "false"]

    /// The score of a non-correct answer under chance correction with k answers: −correct/(k − 1), so that a
    /// uniform guess (right with probability 1/k) earns 0 in expectation.
    public static func wrongScore(correct: Double, k: Int) -> Double {
        -correct / Double(k - 1)
    }
}
