/// Finds the program in a model completion.
///
/// The search region is the `<answer>…</answer>` part of an R1-style completion when present
/// (the last one; an unclosed `<answer>` runs to the end), else the text after the last
/// `</think>`, else the whole completion. Within it, fenced blocks tagged with one of the
/// language's ``aliases(for:)`` are the candidates; when there are none and
/// ``CodeExtractionOptions/allowUntagged`` is set, bare fences are. Unterminated fences
/// (truncated output) do not count. No candidate (or only blank ones) gives `nil`, which the
/// verifier reports as `no_answer`.
public enum CodeExtractor {
    /// The fence tags accepted for a language, lower-cased. Unknown languages accept only their own name.
    public static func aliases(for language: String) -> Set<String> {
        switch language.lowercased() {
        case "python", "py", "python3", "py3": ["python", "py", "python3", "py3"]
        case "cpp", "c++", "cc", "cxx": ["cpp", "c++", "cc", "cxx"]
        case "c": ["c"]
        default: [language.lowercased()]
        }
    }

    /// Extracts the code from `completion`, or `nil` when it holds none.
    public static func extract(
        from completion: String, options: CodeExtractionOptions = CodeExtractionOptions()
    ) -> ExtractedCode? {
        let region = answerRegion(of: completion)
        let blocks = FencedBlockScanner.blocks(in: region)
        let names = aliases(for: options.language)
        var candidates = blocks.filter { names.contains($0.tag) }
        if candidates.isEmpty, options.allowUntagged {
            candidates = blocks.filter { $0.tag.isEmpty }
        }
        candidates = candidates.filter { !isBlank($0.content) }
        guard let firstBlock = candidates.first, let lastBlock = candidates.last else { return nil }
        let chosen: FencedBlock
        switch options.selection {
        case .first: chosen = firstBlock
        case .last: chosen = lastBlock
        case .all:
            chosen = FencedBlock(
                tag: firstBlock.tag, content: candidates.map { $0.content }.joined(separator: "\n\n"))
        }
        return ExtractedCode(
            code: chosen.content, language: chosen.tag.isEmpty ? nil : chosen.tag,
            blockCount: candidates.count)
    }

    /// The part of the completion searched for code (see the type's documentation).
    public static func answerRegion(of completion: String) -> Substring {
        let whole = completion[...]
        if let open = find("<answer>", in: whole, last: true) {
            let rest = whole[open.upperBound...]
            if let close = find("</answer>", in: rest, last: false) { return rest[..<close.lowerBound] }
            return rest
        }
        if let think = find("</think>", in: whole, last: true) {
            return whole[think.upperBound...]
        }
        return whole
    }

    /// The first or last occurrence of an ASCII `needle` in `text` (a plain byte scan; the
    /// needles are short constants, so this is linear in the text).
    static func find(_ needle: String, in text: Substring, last: Bool) -> Range<String.Index>? {
        let pattern = Array(needle.utf8)
        let bytes = text.utf8
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        var found: Range<String.Index>?
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == first {
                var j = i
                var k = 0
                while k < pattern.count, j < bytes.endIndex, bytes[j] == pattern[k] {
                    k += 1
                    j = bytes.index(after: j)
                }
                if k == pattern.count {
                    found = i..<j
                    if !last { return found }
                }
            }
            i = bytes.index(after: i)
        }
        return found
    }

    private static func isBlank(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    }
}
