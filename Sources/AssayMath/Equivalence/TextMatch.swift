/// Text answers and multiple-choice letters, compared as normalised strings.
enum TextMatch {
    static let wrappers = ["\\textbf", "\\text", "\\mathrm", "\\mathbf", "\\textit", "\\mbox", "\\textrm", "\\mathit", "\\emph"]

    /// `s` without the wrapper commands (their arguments kept), removed one wrapper after another.
    ///
    /// Matching is on whole `Character`s: a wrapper is ASCII, so it matches where each character is that one ASCII
    /// scalar (`t` followed by a combining accent is another character). The scan compares small integer codes
    /// instead of `Character`s, whose comparison is Unicode-aware and slow.
    static func withoutWrappers(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "\\")) else { return s }
        var chars = Array(s)
        var codes = chars.map { c -> Int16 in c.utf8.count == 1 ? Int16(c.utf8.first!) : -1 }
        for wrapper in wrapperCodes {
            var keptChars: [Character] = [], keptCodes: [Int16] = []
            var i = 0, removed = false
            while i < codes.count {
                if codes[i] == wrapper[0], i + wrapper.count <= codes.count, codes[i..<(i + wrapper.count)].elementsEqual(wrapper) {
                    if !removed {
                        keptChars = Array(chars[..<i]); keptCodes = Array(codes[..<i]); removed = true
                    }
                    i += wrapper.count
                } else {
                    if removed { keptChars.append(chars[i]); keptCodes.append(codes[i]) }
                    i += 1
                }
            }
            if removed { chars = keptChars; codes = keptCodes }
        }
        return String(chars)
    }

    private static let wrapperCodes: [[Int16]] = wrappers.map { $0.utf8.map(Int16.init) }

    /// Lower-cased, with LaTeX text wrappers, braces, spaces and punctuation removed.
    static func key(_ s: String) -> String {
        let bytes = Array(s.utf8)
        if ASCIINormalizer.applies(bytes) { return asciiKey(bytes) }
        let t = withoutWrappers(s)
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
        let t = withoutWrappers(s)
        let kept = t.filter { !($0 == " " || $0 == "{" || $0 == "}" || $0 == "(" || $0 == ")" || $0 == "." || $0 == ":") }
        guard kept.count == 1, let c = kept.first, "ABCDE".contains(c) else { return nil }
        return String(c)
    }
}
