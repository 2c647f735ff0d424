/// Reads a judge's reply strictly. A reply that does not fit the asked-for format is `unparsable`, never a guess:
/// "probably correct", "CORRECT or INCORRECT" or a paragraph of reasoning do not count as verdicts.
///
/// Accepted, after dropping a leading `<think>…</think>` block (reasoning judges) and surrounding whitespace:
/// - verdict mode: the whole reply is `CORRECT` or `INCORRECT` (any case, optionally in `**…**` or with a final
///   period), or its last line is `Verdict: CORRECT` / `Final verdict: INCORRECT` (the same words).
/// - score mode: the whole reply, or its last line after `Score:`, is an integer 0–10, optionally written `N/10`.
public enum JudgeReplyParser {
    public enum Reading: Sendable, Equatable {
        case verdict(Bool)
        case score(Int)
        case unparsable
    }

    public static func verdict(_ reply: String) -> Reading {
        let body = stripReasoning(reply)
        if let word = verdictWord(body) { return .verdict(word) }
        if let last = lastLine(body), let value = labelled(last, labels: ["verdict", "final verdict"]), let word = verdictWord(value) {
            return .verdict(word)
        }
        return .unparsable
    }

    public static func score(_ reply: String) -> Reading {
        let body = stripReasoning(reply)
        if let value = scoreValue(body) { return .score(value) }
        if let last = lastLine(body), let value = labelled(last, labels: ["score", "final score", "rating"]),
            let score = scoreValue(value)
        {
            return .score(score)
        }
        return .unparsable
    }

    static func stripReasoning(_ reply: String) -> String {
        var text = reply.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("<think>") {
            guard let end = text.range(of: "</think>") else { return "" }  // still thinking: no verdict
            text = String(text[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return text
    }

    private static func unwrap(_ text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for wrapper in ["**", "*", "`", "\""] where t.count > 2 * wrapper.count && t.hasPrefix(wrapper) && t.hasSuffix(wrapper) {
            t = String(t.dropFirst(wrapper.count).dropLast(wrapper.count))
        }
        if t.hasSuffix(".") { t.removeLast() }
        return t.trimmingCharacters(in: .whitespaces)
    }

    private static func verdictWord(_ text: String) -> Bool? {
        switch unwrap(text).uppercased() {
        case "CORRECT": true
        case "INCORRECT": false
        default: nil
        }
    }

    private static func scoreValue(_ text: String) -> Int? {
        var t = unwrap(text)
        if t.hasSuffix("/10") { t = String(t.dropLast(3)).trimmingCharacters(in: .whitespaces) }
        guard !t.isEmpty, t.count <= 2, t.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(t), (0...10).contains(value)
        else { return nil }
        return value
    }

    private static func lastLine(_ text: String) -> String? {
        text.split(whereSeparator: \.isNewline).last.map(String.init)
    }

    /// The value after `label:` when the line starts with one of `labels` (any case, markdown emphasis allowed).
    private static func labelled(_ line: String, labels: [String]) -> String? {
        let plain = line.replacingOccurrences(of: "*", with: "").trimmingCharacters(in: .whitespaces)
        guard let colon = plain.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let label = plain[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        guard labels.contains(label) else { return nil }
        return String(plain[plain.index(after: colon)...])
    }
}
