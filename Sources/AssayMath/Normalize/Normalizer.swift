/// String-level clean-up before lexing: unicode, spacing commands, `\left`/`\right`, units, degrees,
/// percent, dollars, thousands separators written with `\,` or `{,}`, `\boxed`, trailing punctuation.
/// Linear-time, no regular expressions.
enum Normalizer {
    /// Commands removed outright (with their backslash).
    static let droppedCommands: Set<String> = [
        "left", "right", "displaystyle", "textstyle", "scriptstyle", "boxed", "fbox", "big", "Big", "bigg", "Bigg",
        "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "limits", "nolimits", "quad", "qquad", "hfill",
        "circ", "degree", "degrees", "dollar", "%", "$", "!", ",", ";", ":", " ", "cr", "nonumber", "notag",
        "mathstrut", "strut", "phantom", "hspace", "vspace", "medskip", "smallskip",
    ]

    /// Unicode → ASCII/LaTeX replacements.
    static func mapScalar(_ c: Character) -> String? {
        // Printable ASCII maps to itself.
        if let a = c.asciiValue, a >= 0x20 { return nil }
        if let m = replacements[c] { return m }
        if let s = c.unicodeScalars.first, c.unicodeScalars.count == 1,
           s.value >= 0xFF01, s.value <= 0xFF5E, let m = Unicode.Scalar(s.value - 0xFEE0) {
            return String(Character(m))   // full-width ASCII
        }
        return nil
    }

    /// Keyed by `Character`, so a canonically equivalent spelling (`=` + U+0338 for `≠`) maps the same way.
    private static let replacements: [Character: String] = {
        let groups: [(String, String)] = [
            ("−–—‒﹣－", "-"), ("×✕", "\\times "), ("·⋅∙", "\\cdot "), ("÷", "/"), ("π", "\\pi "), ("∞", "\\infty "),
            ("√", "\\sqrt"), ("≤⩽", "\\le "), ("≥⩾", "\\ge "), ("≠", "\\ne "), ("°º", ""), ("∪", "\\cup "), ("∈", "\\in "),
            ("±", "\\pm "), ("∓", "\\mp "), ("\u{00A0}\u{2009}\u{202F}\u{3000}\t\n\r", " "), ("’‘", "'"), ("²", "^2"),
            ("³", "^3"), ("½", "(1/2)"), ("¼", "(1/4)"), ("¾", "(3/4)"),
        ]
        var table: [Character: String] = [:]
        for (characters, replacement) in groups {
            for c in characters { table[c] = replacement }
        }
        return table
    }()

    /// Normalises `input`; throws `limit` when it is too long.
    static func normalize(_ input: String, budget: MathBudget) throws -> String {
        if input.utf8.count > budget.maxInputBytes {
            throw MathError.limit("input longer than \(budget.maxInputBytes) bytes")
        }
        let source = DegreeMarkers.rewrite(input) ?? input
        let bytes = Array(source.utf8)
        let out: String
        if ASCIINormalizer.applies(bytes) { out = ASCIINormalizer.normalize(bytes) } else { out = generalNormalize(source) }
        if let n = NumberWords.value(out) { return String(n) }
        return out
    }

    /// The `Character` path of ``normalize(_:budget:)`` for non-ASCII input (or input with `\r`).
    private static func generalNormalize(_ input: String) -> String {
        var out = ""
        out.reserveCapacity(input.utf8.count)
        for c in input {
            if let m = mapScalar(c) { out += m } else { out.append(c) }
        }
        let chars = Array(out)
        var res: [Character] = []
        res.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" && i + 1 < chars.count {
                // Read the command name.
                var j = i + 1
                if chars[j].isLetter {
                    while j < chars.count && chars[j].isLetter { j += 1 }
                } else { j += 1 }
                let name = String(chars[(i + 1)..<j])
                if name == "," || name == "!" || name == ";" || name == ":" {
                    // Thin spaces (also thousands separators: 1\,000). After a comma (`11,\! 111`) the
                    // following spaces go too, so the comma stays a thousands separator.
                    if res.last == "," { while j < chars.count && chars[j] == " " { j += 1 } }
                    i = j; continue
                }
                if name == " " || name == "quad" || name == "qquad" { res.append(" "); i = j; continue }
                if name == "left" || name == "right" || name.hasPrefix("big") || name.hasPrefix("Big") {
                    // Drop a following `.` (invisible delimiter).
                    var k = j
                    while k < chars.count && chars[k] == " " { k += 1 }
                    if k < chars.count && chars[k] == "." { j = k + 1 }
                    i = j; continue
                }
                if droppedCommands.contains(name) { i = j; continue }
                switch name {
                case "dfrac", "tfrac", "cfrac": res += Array("\\frac"); i = j; continue
                case "dbinom", "tbinom": res += Array("\\binom"); i = j; continue
                case "leq", "leqslant": res += Array("\\le"); i = j; continue
                case "geq", "geqslant": res += Array("\\ge"); i = j; continue
                case "neq": res += Array("\\ne"); i = j; continue
                default: break
                }
                res += chars[i..<j]
                i = j
                continue
            }
            if c == "~" { res.append(" "); i += 1; continue }
            if c == "$" || c == "%" { i += 1; continue }
            if c == "{" && i + 2 < chars.count && chars[i + 1] == "," && chars[i + 2] == "}" {
                i += 3; continue   // 1{,}000
            }
            res.append(c)
            i += 1
        }
        // Remove `^{}` left behind by `^\circ` / `^{\circ}`.
        var cleaned: [Character] = []
        cleaned.reserveCapacity(res.count)
        var k = 0
        while k < res.count {
            if res[k] == "^" {
                var m = k + 1
                while m < res.count && res[m] == " " { m += 1 }
                if m + 1 < res.count && res[m] == "{" {
                    var n = m + 1
                    while n < res.count && res[n] == " " { n += 1 }
                    if n < res.count && res[n] == "}" { k = n + 1; continue }
                }
                if m >= res.count || res[m] == "}" || res[m] == ")" || res[m] == "]" || res[m] == "," {
                    k = m; continue
                }
            }
            cleaned.append(res[k])
            k += 1
        }
        var s = String(cleaned)
        // Trailing punctuation and whitespace.
        while let last = s.last, last == "." || last == " " || last == ";" || last == ":" {
            s.removeLast()
        }
        while let first = s.first, first == " " || first == "=" || first == ":" { s.removeFirst() }
        return s
    }
}
