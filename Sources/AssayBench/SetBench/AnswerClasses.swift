import AssayMath

/// Groups one problem's final answers into classes of mathematically equivalent answers, for majority vote:
/// `\frac{1}{2}`, `0.5` and `1/2` are one vote, decided by the math verifier's own equivalence, not by text.
///
/// Answers are first grouped by ``MathEquivalence/canonicalKey(_:options:)`` (equal keys are equivalent), then
/// class representatives are compared pairwise with ``MathEquivalence/compare(answer:gold:options:)``, the
/// earlier class playing the gold, and merged when equivalent. At most `maxComparisons` pairs are compared
/// per problem (answers beyond that keep their key's class), which bounds a problem with hundreds of
/// distinct answers.
public enum AnswerClasses {
    /// Class numbers per answer (nil for no answer), numbered from 0 in order of first appearance.
    public static func classify(_ answers: [String?], maxComparisons: Int = 4096) -> [Int?] {
        var keyClass: [String: Int] = [:]
        var representatives: [String] = []
        var rawClass: [String: Int] = [:]
        var provisional: [Int?] = []
        provisional.reserveCapacity(answers.count)
        for answer in answers {
            guard let answer else { provisional.append(nil); continue }
            if let known = rawClass[answer] { provisional.append(known); continue }
            let key = MathEquivalence.canonicalKey(answer) ?? "raw:" + answer
            let id: Int
            if let existing = keyClass[key] {
                id = existing
            } else {
                id = representatives.count
                keyClass[key] = id
                representatives.append(answer)
            }
            rawClass[answer] = id
            provisional.append(id)
        }

        var parent = Array(representatives.indices)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { x = parent[x] }
            return x
        }
        var comparisons = 0
        outer: for j in representatives.indices {
            for i in 0..<j where root(i) == i {
                if comparisons >= maxComparisons { break outer }
                comparisons += 1
                if root(j) != j { break }
                if MathEquivalence.compare(answer: representatives[j], gold: representatives[i]).match == .equivalent {
                    parent[j] = i
                    break
                }
            }
        }

        var renumber: [Int: Int] = [:]
        return provisional.map { id in
            guard let id else { return nil }
            let r = root(id)
            if let n = renumber[r] { return n }
            let n = renumber.count
            renumber[r] = n
            return n
        }
    }
}
