import Foundation

/// Writes variants of a worked solution with one arithmetic or comparison error each, for measuring the step
/// checker's recall. Deliberately independent of the checker: it finds candidates with a simple scan of LaTeX
/// math (`$…$`, `\[…\]`, `\(…\)`) for `<numeric expression> = <number>` and `<number> < <number>`, where a
/// numeric expression holds only digits, `+ - * / ^ ( ) { } .`, `\cdot`, `\times`, `\div`, `\frac`, `\sqrt`.
enum StepErrorInjector {
    struct Injection {
        var text: String
        var kind: String
        var before: String
        var after: String
    }

    static let segmentPattern = try! NSRegularExpression(
        pattern: #"\$\$(.+?)\$\$|\$(.+?)\$|\\\[(.+?)\\\]|\\\((.+?)\\\)"#, options: [.dotMatchesLineSeparators])
    static let numericPattern = try! NSRegularExpression(
        pattern: #"^(?:[0-9+\-*/^(){}. ]|\\cdot|\\times|\\div|\\frac|\\dfrac|\\sqrt|\\left|\\right)+$"#)
    static let operatorPattern = try! NSRegularExpression(pattern: #"[0-9)}]\s*[+\-*/^]|\\cdot|\\times|\\div|\\frac|\\dfrac|\\sqrt"#)
    static let numberPattern = try! NSRegularExpression(pattern: #"^-?\d+(\.\d+)?"#)

    static func matches(_ re: NSRegularExpression, _ s: String) -> Bool {
        re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    static func isNumericExpression(_ s: String, needsOperator: Bool) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.contains(where: \.isNumber), matches(numericPattern, t) else { return false }
        return !needsOperator || matches(operatorPattern, t)
    }

    /// Single-error variants of `solution` (an off-by-one and a times-ten result per integer equality, a changed
    /// last digit per decimal one, a flipped comparison), from at most `limit` sites, in text order.
    static func injections(in solution: String, limit: Int = 8) -> [Injection] {
        let ns = solution as NSString
        var out: [Injection] = []
        for match in segmentPattern.matches(in: solution, range: NSRange(location: 0, length: ns.length)) {
            var content = NSRange(location: NSNotFound, length: 0)
            for g in 1...4 where match.range(at: g).location != NSNotFound { content = match.range(at: g) }
            let segment = ns.substring(with: content)
            let chars = Array(segment.utf16)
            for (i, c) in chars.enumerated() where Set(out.map(\.before)).count < limit {
                let base = content.location
                if c == UInt16(UInt8(ascii: "=")) {
                    out.append(contentsOf: equality(ns, segment: chars, at: i, base: base))
                } else if c == UInt16(UInt8(ascii: "<")) || c == UInt16(UInt8(ascii: ">")) {
                    if let inj = comparison(ns, segment: chars, at: i, base: base) { out.append(inj) }
                }
            }
        }
        return out
    }

    static let boundaries: Set<UInt16> = Set("=&,;$<>".utf16)

    /// The left operand: back to a boundary character, a row break `\\` or the segment start.
    static func leftOperand(_ chars: [UInt16], before i: Int) -> String? {
        var j = i - 1
        while j >= 0 && !boundaries.contains(chars[j]) {
            if chars[j] == 92 && j > 0 && chars[j - 1] == 92 { break }
            j -= 1
        }
        return String(utf16CodeUnits: Array(chars[(j + 1)..<i]), count: i - j - 1)
    }

    static func equality(_ ns: NSString, segment chars: [UInt16], at i: Int, base: Int) -> [Injection] {
        guard let lhs = leftOperand(chars, before: i), isNumericExpression(lhs, needsOperator: true) else { return [] }
        var k = i + 1
        while k < chars.count && chars[k] == 32 { k += 1 }
        let rest = String(utf16CodeUnits: Array(chars[k...]), count: chars.count - k)
        guard let m = numberPattern.firstMatch(in: rest, range: NSRange(location: 0, length: (rest as NSString).length)) else { return [] }
        let number = (rest as NSString).substring(with: m.range)
        let tail = (rest as NSString).substring(from: m.range.length)
        guard numberEndsCleanly(tail) else { return [] }
        var variants: [(String, String)] = []
        if let dot = number.firstIndex(of: ".") {
            guard number[number.index(after: dot)...].count <= 6 else { return [] }
            let last = number.last!.wholeNumberValue!
            variants.append(("equality, last digit + 1", String(number.dropLast()) + String((last + 1) % 10)))
        } else {
            guard let n = Int(number), abs(n) < 1_000_000_000 else { return [] }
            variants.append(("equality, off by one", String(n + 1)))
            if n != 0 { variants.append(("equality, times ten", String(n * 10))) }
        }
        let location = base + k
        return variants.map { kind, replaced in
            let text = ns.replacingCharacters(in: NSRange(location: location, length: m.range.length), with: replaced)
            return Injection(text: text, kind: kind, before: lhs + "= " + number, after: lhs + "= " + replaced)
        }
    }

    /// Whether the text after a number ends the operand: end, punctuation, a relation or a row break — not more
    /// digits (`1,000`), a unit (`\text`), a power, a product or a degree sign.
    static func numberEndsCleanly(_ tail: String) -> Bool {
        let t = tail.drop { $0 == " " }
        if t.isEmpty { return true }
        if t.hasPrefix("\\\\") || t.hasPrefix("\\quad") || t.hasPrefix("\\qquad") { return true }
        if t.hasPrefix(",") || t.hasPrefix(".") {
            let after = t.dropFirst()
            return !(after.first?.isNumber ?? false) && !after.hasPrefix("\\!") && !after.hasPrefix("\\,")
        }
        return ["=", "<", ">", ";", "&", "$"].contains(where: { t.hasPrefix($0) })
    }

    static func comparison(_ ns: NSString, segment chars: [UInt16], at i: Int, base: Int) -> Injection? {
        guard let lhs = leftOperand(chars, before: i), isNumericExpression(lhs, needsOperator: false) else { return nil }
        var k = i + 1
        if k < chars.count && chars[k] == UInt16(UInt8(ascii: "=")) { return nil }
        while k < chars.count && !boundaries.contains(chars[k]) && !(chars[k] == 92 && k + 1 < chars.count && chars[k + 1] == 92) { k += 1 }
        let rhs = String(utf16CodeUnits: Array(chars[(i + 1)..<k]), count: k - i - 1)
        guard isNumericExpression(rhs, needsOperator: false) else { return nil }
        let flipped = chars[i] == UInt16(UInt8(ascii: "<")) ? ">" : "<"
        let text = ns.replacingCharacters(in: NSRange(location: base + i, length: 1), with: flipped)
        let original = String(utf16CodeUnits: [chars[i]], count: 1)
        return Injection(text: text, kind: "comparison flipped", before: lhs + original + rhs, after: lhs + flipped + rhs)
    }
}
