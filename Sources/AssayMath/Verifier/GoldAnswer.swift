import Foundation

/// The final answer inside a reference that holds a whole worked solution.
///
/// Datasets often store solutions where a trainer passes the gold straight through: MATH and NuminaMath
/// `solution` (`… so the total is $\boxed{72}$.`), GSM8K `answer` (`…\n#### 1,234`). Compared as text such a gold
/// never equals the completion's answer, a false negative on every item. So:
/// - the content of the last `\boxed{…}` / `\fbox{…}` (braces balanced) when there is one;
/// - else the text after the last `####`, with thousands separators removed from a plain number;
/// - else the gold as given.
enum GoldAnswer {
    static func final(_ gold: String) -> String {
        guard gold.contains("\\boxed") || gold.contains("\\fbox") || gold.contains("####") else { return gold }
        if let boxed = lastBoxed(Array(gold.utf8)), !boxed.isEmpty { return boxed }
        if let marker = gold.range(of: "####", options: .backwards) {
            let tail = gold[marker.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
            guard !tail.isEmpty else { return gold }
            let plainNumber = tail.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "," || $0 == "." || $0 == "-") }
            return plainNumber ? tail.replacingOccurrences(of: ",", with: "") : tail
        }
        return gold
    }

    /// The trimmed content of the last `\boxed{…}` or `\fbox{…}` whose braces balance.
    private static func lastBoxed(_ b: [UInt8]) -> String? {
        var best: String?
        var i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            var j = i + 1
            for command in ["boxed", "fbox"] {
                let word = Array(command.utf8)
                if j + word.count <= b.count, Array(b[j..<(j + word.count)]) == word {
                    j += word.count
                    while j < b.count, b[j] == UInt8(ascii: " ") { j += 1 }
                    if j < b.count, b[j] == UInt8(ascii: "{"), let close = matchingBrace(b, j) {
                        best = String(decoding: b[(j + 1)..<close], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                        j = close
                    }
                    break
                }
            }
            i = max(j, i + 1)
        }
        return best
    }

    private static func matchingBrace(_ b: [UInt8], _ open: Int) -> Int? {
        var depth = 0
        var k = open
        while k < b.count {
            if b[k] == UInt8(ascii: "\\") {
                k += 2  // an escaped brace (`\{`) does not count
                continue
            }
            if b[k] == UInt8(ascii: "{") { depth += 1 }
            if b[k] == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return k }
            }
            k += 1
        }
        return nil
    }
}
