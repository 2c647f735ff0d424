import Foundation

/// Gold answers of the public benchmark sets in `../shared/datasets/math` (relative to the repo root).
enum Corpus {
    static let files = ["math500", "aime2024", "aime2025", "amc23", "olympiadbench", "gsm8k_test"]

    static var datasetsDir: URL {
        // Tests/AssayMathTests/<file> → repo root → parent/shared/datasets/math
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/datasets/math")
    }

    /// (dataset, gold) pairs; empty when the datasets are absent.
    static func golds() -> [(String, String)] {
        var out: [(String, String)] = []
        for f in files {
            let url = datasetsDir.appendingPathComponent(f + ".jsonl")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
                if let a = obj["answer"] as? String { out.append((f, a)) }
                else if let n = obj["answer"] as? NSNumber { out.append((f, n.stringValue)) }
            }
        }
        return out
    }
}

/// A generated test case.
struct CorpusCase {
    var gold: String
    var answer: String
    var expectEquivalent: Bool
    var rule: String
}

/// Systematic rewrites of a gold answer into equivalent forms and near-miss wrong forms.
enum Rewrites {
    static func stripDollars(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespaces)
        while t.hasSuffix(".") { t.removeLast() }
        if t.hasPrefix("$") && t.hasSuffix("$") && t.count >= 2 && !t.dropFirst().dropLast().contains("$") {
            t = String(t.dropFirst().dropLast())
        }
        return t
    }

    static func isInteger(_ s: String) -> Bool {
        let t = s.hasPrefix("-") ? String(s.dropFirst()) : s
        return !t.isEmpty && t.allSatisfy { $0.isASCII && $0.isNumber } && t.count < 18
    }

    /// Parses `\frac{a}{b}` (whole string, integer a and b).
    static func simpleFrac(_ s: String) -> (String, String)? {
        for prefix in ["\\frac{", "\\dfrac{", "\\tfrac{"] where s.hasPrefix(prefix) {
            let body = s.dropFirst(prefix.count)
            let parts = body.components(separatedBy: "}{")
            guard parts.count == 2, parts[1].hasSuffix("}") else { return nil }
            let a = parts[0], b = String(parts[1].dropLast())
            if isInteger(a) && isInteger(b) { return (a, b) }
        }
        return nil
    }

    static func thousands(_ n: String, sep: String) -> String {
        let neg = n.hasPrefix("-")
        let digits = Array(neg ? String(n.dropFirst()) : n)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out += sep }
            out.append(c)
        }
        return (neg ? "-" : "") + out
    }

    /// Top-level comma split (outside brackets/braces).
    static func topLevelItems(_ s: String) -> [String] {
        var items: [String] = []
        var depth = 0
        var cur = ""
        for c in s {
            if "([{".contains(c) { depth += 1 }
            if ")]}".contains(c) { depth -= 1 }
            if c == "," && depth == 0 { items.append(cur); cur = "" } else { cur.append(c) }
        }
        items.append(cur)
        return items.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Removes spaces, except those separating a LaTeX command from a following letter (`\\cot x`).
    static func removeSpaces(_ s: String) -> String {
        var out = ""
        let cs = Array(s)
        for (k, c) in cs.enumerated() {
            if c == " ", k > 0, k + 1 < cs.count, cs[k - 1].isLetter, cs[k + 1].isLetter { out.append(c); continue }
            if c != " " { out.append(c) }
        }
        return out
    }

    static func equivalents(_ raw: String) -> [(String, String)] {
        let g = stripDollars(raw)
        var out: [(String, String)] = [("dollar-wrap", "$" + g + "$"), ("displaystyle", "\\displaystyle " + g),
                                       ("boxed", "\\boxed{" + g + "}"), ("no-spaces", removeSpaces(g))]
        if g.contains("\\frac") { out.append(("dfrac", g.replacingOccurrences(of: "\\frac", with: "\\dfrac"))) }
        if let (a, b) = simpleFrac(g) {
            out.append(("slash", "\(a)/\(b)"))
            out.append(("tfrac", "\\tfrac{\(a)}{\(b)}"))
        }
        if isInteger(g) {
            out.append(("x-equals", "x = " + g))
            out.append(("trailing-zero", g + ".0"))
            out.append(("unit-text", g + " \\text{ cm}"))
            out.append(("unit-plain", g + " dollars"))
            if g.count >= 4 && g.count <= 15 {
                out.append(("thousands-comma", thousands(g, sep: ",")))
                out.append(("thousands-thinspace", thousands(g, sep: "\\,")))
                out.append(("thousands-brace", thousands(g, sep: "{,}")))
            }
        }
        if g.hasPrefix("(") && g.hasSuffix(")") && !g.dropFirst().contains("(") {
            out.append(("left-right", "\\left(" + g.dropFirst().dropLast() + "\\right)"))
        }
        let items = topLevelItems(g)
        let looksLikeThousands = items.count >= 2 && items.dropFirst().allSatisfy { $0.filter(\.isNumber).count == 3 && $0.count <= 6 }
        if items.count >= 2 && items.count <= 6 && !g.hasPrefix("\\{") && !looksLikeThousands {
            out.append(("reorder-list", items.reversed().joined(separator: ", ")))
        }
        if g.hasPrefix("\\{") && g.hasSuffix("\\}") {
            let inner = topLevelItems(String(g.dropFirst(2).dropLast(2)))
            if inner.count >= 2 { out.append(("reorder-set", "\\{" + inner.reversed().joined(separator: ", ") + "\\}")) }
        }
        if g.contains("\\pi") { out.append(("unicode-pi", g.replacingOccurrences(of: "\\pi", with: "π"))) }
        if let r = fracToSlash(g) { out.append(("frac-to-slash", r)) }
        if let r = sqrtToPower(g) { out.append(("sqrt-to-power", r)) }
        if let (a, b) = simpleFrac(g), let x = Double(a), let y = Double(b), y != 0 {
            let v = x / y
            // Only for values that are not terminating decimals (the model cannot write them exactly).
            var d = Int(b)!.magnitude
            while d % 2 == 0 { d /= 2 }
            while d % 5 == 0 { d /= 5 }
            if d != 1 { out.append(("rounded-decimal", String(format: "%.6g", v))) }
        }
        let spaced = looksLikeThousands ? g : g.replacingOccurrences(of: ",", with: ", ")
        out.append(("spaced", spaced.replacingOccurrences(of: "+", with: " + ").replacingOccurrences(of: "=", with: " = ")))
        return out
    }

    /// `\\frac{X}{Y}` with brace-free X and Y → `(X)/(Y)`.
    static func fracToSlash(_ g: String) -> String? {
        guard let r = g.range(of: "\\frac{") else { return nil }
        let rest = g[r.upperBound...]
        guard let mid = rest.range(of: "}{") else { return nil }
        let x = rest[..<mid.lowerBound]
        let after = rest[mid.upperBound...]
        guard let close = after.firstIndex(of: "}") else { return nil }
        let y = after[..<close]
        if x.contains("{") || x.contains("}") || y.contains("{") || x.isEmpty || y.isEmpty { return nil }
        if let before = g[..<r.lowerBound].last(where: { $0 != " " }), before.isNumber { return nil }   // mixed number
        return String(g[..<r.lowerBound]) + "(\(x))/(\(y))" + String(after[after.index(after: close)...])
    }

    /// `\\sqrt{N}` (integer N) → `N^{1/2}`.
    static func sqrtToPower(_ g: String) -> String? {
        guard let r = g.range(of: "\\sqrt{") else { return nil }
        let rest = g[r.upperBound...]
        guard let close = rest.firstIndex(of: "}") else { return nil }
        let n = String(rest[..<close])
        guard isInteger(n) else { return nil }
        return String(g[..<r.lowerBound]) + "(\(n))^{1/2}" + String(rest[rest.index(after: close)...])
    }

    /// Changes the last digit of the string (9 → 8, else +1).
    static func bumpLastDigit(_ g: String) -> String? {
        guard let idx = g.lastIndex(where: { $0.isASCII && $0.isNumber }), let d = g[idx].wholeNumberValue else { return nil }
        var s = g
        s.replaceSubrange(idx...idx, with: String(d == 9 ? 8 : d + 1))
        return s
    }

    static func nearMisses(_ raw: String) -> [(String, String)] {
        let g = stripDollars(raw)
        var out: [(String, String)] = []
        if !g.contains("^") && !g.contains("_") && !g.contains("\\text"), let b = bumpLastDigit(g) { out.append(("bump-last-digit", b)) }
        if g.contains("\\pi") && !g.contains("^") { out.append(("pi-to-3.14", g.replacingOccurrences(of: "\\pi", with: "(3.14)"))) }
        if let (a, b) = simpleFrac(g), let x = Double(a), let y = Double(b), y != 0, (x / y).rounded() != x / y {
            var d = Int(b)!.magnitude
            while d % 2 == 0 { d /= 2 }
            while d % 5 == 0 { d /= 5 }
            if d != 1 { out.append(("two-digit-decimal", String(format: "%.2g", x / y))) }
        }
        if g.hasPrefix("(") && g.hasSuffix(")") && !g.dropFirst().contains("(") {
            let items = topLevelItems(String(g.dropFirst().dropLast()))
            if items.count >= 2 && items[0] != items[1] && !g.contains("infty") {
                var swapped = items
                swapped.swapAt(0, 1)
                out.append(("swap-tuple", "(" + swapped.joined(separator: ", ") + ")"))
            }
        }
        if (g.hasPrefix("[") || g.hasPrefix("(")) && g.hasSuffix("]") { out.append(("close-to-open", g.dropLast() + ")")) }
        if isInteger(g), let n = Int(g) {
            out.append(("plus-one", String(n + 1)))
            out.append(("minus-one", String(n - 1)))
            if n != 0 { out.append(("flip-sign", String(-n))) }
            if n >= 1000 { out.append(("thousands-wrong", thousands(String(n + 1000), sep: ","))) }
        }
        if let (a, b) = simpleFrac(g), a != b, a != "-" + b, "-" + a != b {
            out.append(("swap-fraction", "\\frac{\(b)}{\(a)}"))
        }
        if g.hasPrefix("[") && (g.hasSuffix("]") || g.hasSuffix(")")) { out.append(("bracket-open", "(" + g.dropFirst())) }
        if g.hasPrefix("(") && (g.hasSuffix(")") || g.hasSuffix("]")) && !g.dropFirst().contains("(") {
            let items = topLevelItems(String(g.dropFirst().dropLast()))
            if items.count == 2 && (g.contains("infty")) { out.append(("bracket-closed", "[" + g.dropFirst())) }
            if items.count >= 2 { out.append(("drop-element", "(" + items.dropLast().joined(separator: ", ") + ")")) }
        }
        let items = topLevelItems(g)
        let looksLikeThousands = items.count >= 2 && items.dropFirst().allSatisfy { $0.filter(\.isNumber).count == 3 && $0.count <= 6 }
        if items.count >= 2 && !g.hasPrefix("(") && !looksLikeThousands { out.append(("drop-answer", items.dropLast().joined(separator: ", "))) }
        if g.contains("\\sqrt{2}") { out.append(("sqrt2-to-sqrt3", g.replacingOccurrences(of: "\\sqrt{2}", with: "\\sqrt{3}"))) }
        if g.contains("\\sqrt{3}") { out.append(("sqrt3-to-sqrt2", g.replacingOccurrences(of: "\\sqrt{3}", with: "\\sqrt{2}"))) }
        if !isInteger(g) && items.count == 1 && !g.contains("=") && !g.hasPrefix("(") && !g.hasPrefix("[") && !g.contains("\\text")
            && !g.hasPrefix("\\{") && !g.contains("\\le") && !g.contains("<") && !g.contains(">") && !g.contains("\\ge") {
            out.append(("negate", "-\\left(" + g + "\\right)"))
            out.append(("double", "2\\left(" + g + "\\right)"))
        }
        return out
    }
}
