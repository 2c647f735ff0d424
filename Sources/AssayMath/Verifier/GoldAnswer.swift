import Foundation

/// The final answer inside a reference that holds a whole worked solution.
///
/// Datasets often store solutions where a trainer passes the gold straight through: MATH and NuminaMath
/// `solution` (`… so the total is $\boxed{72}$.`), GSM8K `answer` (`…\n#### 1,234`). Compared as text such a gold
/// never equals the completion's answer, a false negative on every item. So:
/// - the last `\boxed{…}` / `\fbox{…}`, found by ``AnswerExtractor`` (the completion's box scanner; the last box
///   wins, a solution that boxes several values is not "hedging");
/// - else the text after the last `####`, with thousands separators removed from a plain number;
/// - else the gold as given.
enum GoldAnswer {
    static let boxes = ExtractionOptions(source: .boxed, fallback: .none, hedgingIsWrong: false)

    static func final(_ gold: String) -> String {
        guard gold.contains("\\boxed") || gold.contains("\\fbox") || gold.contains("####") else { return gold }
        if case .answer(let boxed, _) = AnswerExtractor.extract(from: gold, options: boxes), !boxed.isEmpty { return boxed }
        if let marker = gold.range(of: "####", options: .backwards) {
            let tail = gold[marker.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !tail.isEmpty else { return gold }
            let plainNumber = tail.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "," || $0 == "." || $0 == "-") }
            return plainNumber ? tail.replacingOccurrences(of: ",", with: "") : tail
        }
        return gold
    }
}
