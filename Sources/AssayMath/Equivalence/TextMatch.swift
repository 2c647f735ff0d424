/// Text answers and multiple-choice letters, compared as normalised strings.
enum TextMatch {
    static let wrappers = ["\\textbf", "\\text", "\\mathrm", "\\mathbf", "\\textit", "\\mbox", "\\textrm", "\\mathit", "\\emph"]

    /// Lower-cased, with LaTeX text wrappers, braces, spaces and punctuation removed.
    static func key(_ s: String) -> String {
        let bytes = Array(s.utf8)
        if ASCIINormalizer.applies(bytes) { return asciiKey(bytes) }
        var t = s
        for w in wrappers { t = t.replacingSubstring(w, "") }
        var out = ""
        let chars = Array(t.lowercased())
        for (k, c) in chars.enumerated() {
            if c == "." || c == "," {
                // Keep separators inside numbers: 1.4 is not 14.
                if k > 0, k + 1 < chars.count, chars[k - 1].isNumber, chars[k + 1].isNumber { out.append(c) }
                continue
            }
            if c == " " || c == "{" || c == "}" || c == ";" || c == "!" || c == "?" || c == "'" || c == "\"" || c == "\\" || c == "$" {
                continue
            }
            out.append(c)
        }
        return out
    }

    /// A multiple-choice letter A–E written as `B`, `(B)`, `\text{(B)}`, `\textbf{(B) }`, `B)`; nil otherwise.
    static func choiceLetter(_ s: String) -> String? {
        let bytes = Array(s.utf8)
        if ASCIINormalizer.applies(bytes) { return asciiChoiceLetter(bytes) }
        var t = s
        for w in wrappers { t = t.replacingSubstring(w, "") }
        let kept = t.filter { !($0 == " " || $0 == "{" || $0 == "}" || $0 == "(" || $0 == ")" || $0 == "." || $0 == ":") }
        guard kept.count == 1, let c = kept.first, "ABCDE".contains(c) else { return nil }
        return String(c)
    }
}

extension String {
    /// Replaces every occurrence of `target` (linear scan, no regex).
    func replacingSubstring(_ target: String, _ replacement: String) -> String {
        let src = Array(self), pat = Array(target)
        guard !pat.isEmpty, src.count >= pat.count else { return self }
        var out: [Character] = []
        out.reserveCapacity(src.count)
        var i = 0
        while i < src.count {
            if src[i] == pat[0], i + pat.count <= src.count, Array(src[i..<(i + pat.count)]) == pat {
                out += replacement
                i += pat.count
            } else {
                out.append(src[i]); i += 1
            }
        }
        return String(out)
    }
}
