import AssayCore

/// `tag_count`: open-r1's `tag_count_reward` (open-r1 `src/open_r1/rewards.py`): +0.25 for each of `<think>\n`,
/// `\n</think>\n`, `\n<answer>\n` and `\n</answer>` that occurs exactly once, in any order.
///
/// Occurrences are counted as Python's `str.count` does (left to right, not overlapping) on the exact bytes, so
/// `\r\n` is not `\n`. The score is in 0…1: verdict `correct` at 1, `wrong` at 0, `partial` between.
public struct TagCountVerifier: Verifier {
    public let name = "tag_count"
    public let version = "1"
    public let cost = VerifierCost.cheap
    public let canonicalParams: JSONValue

    /// The four markers, as in open-r1 when the tags are `think` and `answer`.
    let markers: [[UInt8]]
    static let labels = ["think_open", "think_close", "answer_open", "answer_close"]

    public init(params: inout VerifierParams) throws {
        let think = try params.string("think_tag", default: "think")
        let answer = try params.string("answer_tag", default: "answer")
        for (key, tag) in [("think_tag", think), ("answer_tag", answer)] where tag.isEmpty {
            throw VerifierParams.Failure(key: key, message: "must not be empty")
        }
        markers = ["<\(think)>\n", "\n</\(think)>\n", "\n<\(answer)>\n", "\n</\(answer)>"].map { Array($0.utf8) }
        canonicalParams = .object(params.values)
    }

    /// Python's `haystack.count(needle)`: non-overlapping occurrences, scanning left to right.
    static func count(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = needle.first else { return 0 }
        var count = 0
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) {
                count += 1
                i += needle.count
            } else {
                i += 1
            }
        }
        return count
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        var text = input.completion
        let found = text.withUTF8 { bytes in markers.map { Self.count($0, in: bytes) } }
        var counts: [String: JSONValue] = [:]
        for (label, n) in zip(Self.labels, found) { counts[label] = .int(n) }
        let score = 0.25 * Double(found.count(where: { $0 == 1 }))
        let verdict: Verdict = score == 1 ? .correct : score == 0 ? .wrong : .partial
        return VerifierResult(score: score, verdict: verdict, detail: ["counts": .object(counts)])
    }
}
