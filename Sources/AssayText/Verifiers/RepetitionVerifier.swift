import AssayCore

/// `repetition`: open-r1's `get_repetition_penalty_reward` (open-r1 `src/open_r1/rewards.py`, itself from
/// `eddycmu/demystify-long-cot`, Yeo et al., *Demystifying Long Chain-of-Thought Reasoning in LLMs*, 2025): the
/// share of repeated word n-grams, scaled to a penalty.
///
/// Words are `completion.lower().split()` (Unicode lowercasing, ``PythonWords``), n-grams are consecutive runs
/// of `ngram_size` words compared exactly (code point by code point, as Python does), and
/// `score = (1 − unique / total) × max_penalty`, in `max_penalty…0`. An empty completion, or one with fewer
/// than `ngram_size` words, scores 0. open-r1's `language: zh` (jieba segmentation) is not supported.
/// Verdict `ok` when no n-gram repeats, else `repeated`.
public struct RepetitionVerifier: Verifier {
    public let name = "repetition"
    public let version = "1"
    public let cost = VerifierCost.cheap
    public let canonicalParams: JSONValue

    let ngramSize: Int
    let maxPenalty: Double

    public init(params: inout VerifierParams) throws {
        ngramSize = try params.int("ngram_size", default: 3, in: 1...64)
        maxPenalty = try params.double("max_penalty", default: -1.0)
        guard maxPenalty <= 0, maxPenalty.isFinite else {
            throw VerifierParams.Failure(key: "max_penalty", message: "must be ≤ 0 (it is a penalty); got \(maxPenalty)")
        }
        canonicalParams = .object(params.values)
    }

    /// A word compared and hashed by its exact code points: Swift's `==` on strings identifies canonically
    /// equivalent ones (`é` and `e` + U+0301), Python's does not.
    struct ExactWord: Hashable {
        var text: Substring
        static func == (a: ExactWord, b: ExactWord) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
        func hash(into hasher: inout Hasher) {
            for byte in text.utf8 { hasher.combine(byte) }
        }
    }

    /// (unique n-grams, total n-grams, words).
    func ngramCounts(_ text: String) -> (unique: Int, total: Int, words: Int) {
        let words = PythonWords.split(text.lowercased())
        guard words.count >= ngramSize else { return (0, 0, words.count) }
        var ids: [ExactWord: Int] = [:]
        let coded = words.map { word in
            let key = ExactWord(text: word)
            if let id = ids[key] { return id }
            ids[key] = ids.count
            return ids.count - 1
        }
        var seen = Set<ArraySlice<Int>>()
        let total = coded.count - ngramSize + 1
        for start in 0..<total { seen.insert(coded[start..<(start + ngramSize)]) }
        return (seen.count, total, words.count)
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        let counts = ngramCounts(input.completion)
        var detail: [String: JSONValue] = ["words": .int(counts.words), "ngram_size": .int(ngramSize)]
        guard counts.total > 0 else {
            detail["reason"] = .string(counts.words == 0 ? "empty completion" : "fewer than \(ngramSize) words")
            return VerifierResult(score: 0, verdict: "ok", detail: .object(detail))
        }
        let repeated = 1 - Double(counts.unique) / Double(counts.total)
        let score = repeated == 0 ? 0 : repeated * maxPenalty
        detail["ngrams"] = .int(counts.total)
        detail["unique_ngrams"] = .int(counts.unique)
        return VerifierResult(score: score, verdict: counts.unique == counts.total ? "ok" : "repeated", detail: .object(detail))
    }
}
