import Foundation

/// Evaluates the sides of a relation exactly and decides whether the relation holds.
///
/// A side is evaluated only when it is plainly numeric: digits, `+ − × ÷ / ^ !`, brackets, `\frac`, `\sqrt`,
/// `\binom`, `\pi`, `\cdot`, degree marks, trig/log functions of numbers. Variables, words (`\text`), subscripts
/// (`101_2`), percent, primes, `|…|`, `\pm`, ellipses and environments make it uncheckable: the checker never
/// guesses what a unit or a variable means.
struct ClaimEvaluator {
    let options: StepCheckOptions

    enum SideValue {
        case value(Num, MathExpr)
        case uncheckable(String)
    }

    static let allowedCommands: Set<String> = [
        "frac", "dfrac", "tfrac", "cfrac", "sqrt", "cdot", "times", "div", "left", "right", "pi", "binom", "dbinom",
        "tbinom", "boxed", "displaystyle", "textstyle", "circ", "lfloor", "rfloor", "lceil", "rceil", "sin", "cos",
        "tan", "sec", "csc", "cot", "ln", "log", "exp", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "bigg", "Bigg",
        "biggl", "biggr", "cdotp", "ast", "degree",
    ]

    func evaluate(side: RelationChain.Side) -> SideValue {
        if let opaque = side.opaque { return .uncheckable(opaque) }
        var text = Substring(side.text)
        while let last = text.last, last == " " || last == "." || last == "," || last == ":" { text = text.dropLast() }
        guard !text.isEmpty else { return .uncheckable("empty side") }
        guard text.utf8.count <= options.maxSideBytes else { return .uncheckable("side longer than \(options.maxSideBytes) bytes") }
        if let why = Self.disqualifier(Array(text.utf8)) { return .uncheckable(why) }
        var budget = MathBudget(maxInputBytes: options.maxSideBytes * 2, maxNodes: 2_000, maxDepth: 64, maxDigits: 2_000)
        budget.deadline = options.deadline
        let ctx = MathContext(budget: budget)
        do {
            let normalized = try Normalizer.normalize(Self.withoutDegreeSigns(String(text)), budget: budget)
            let expr = try Parser.parse(normalized, joinThousands: true, ctx: ctx)
            switch expr {
            case .list, .tuple, .set, .interval, .union, .matrix, .relation, .text, .choice:
                return .uncheckable("not a single number (\(expr.kindName))")
            default: break
            }
            guard expr.variables.isEmpty else { return .uncheckable("has variables") }
            guard !expr.hasPlusMinus, !expr.isInfinity, !expr.containsText else { return .uncheckable("not a single number") }
            let value = try Evaluator(ctx: ctx).eval(expr)
            guard value.isFiniteValue else { return .uncheckable("not finite") }
            return .value(value, expr)
        } catch MathError.limit(let why) {
            return .uncheckable("over budget: \(why)")
        } catch MathError.undefined(let why) {
            return .uncheckable("undefined: \(why)")
        } catch {
            return .uncheckable("not parsable")
        }
    }

    /// `180^\circ - 60^\circ` → `180 - 60`: degree signs go when no trig function needs them (with one, the
    /// normaliser turns them into radians inside the function's argument).
    static func withoutDegreeSigns(_ text: String) -> String {
        guard text.contains("circ") || text.contains("°") || text.contains("degree"),
            !DegreeMarkers.trigNames.contains(where: { text.contains($0) })
        else { return text }
        var out = text
        for sign in ["^{\\circ}", "^{ \\circ }", "^{\\circ }", "^\\circ", "\\circ", "^{\\degree}", "\\degree", "°"] {
            out = out.replacingOccurrences(of: sign, with: " ")
        }
        return out
    }

    /// Why a side's text cannot be a plain number, scanning its bytes once.
    static func disqualifier(_ b: [UInt8]) -> String? {
        var i = 0
        var sawNumber = false
        var lastSignificant: UInt8 = 0
        var spaceSinceDigit = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\\") {
                var j = i + 1
                while j < b.count && ByteText.isLetter(b[j]) { j += 1 }
                if j == i + 1 {
                    // `\,` `\!` `\;` `\:` `\ ` are spacing and `\$` currency; `\%`, `\{`, `\&`, `\|`… are not numbers.
                    guard j < b.count, ",!;: $".utf8.contains(b[j]) else { return "\\\(j < b.count ? String(UnicodeScalar(b[j])) : "")" }
                    i = j + 1
                    continue
                }
                let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
                guard allowedCommands.contains(name) else { return "\\\(name)" }
                if name == "pi" { sawNumber = true }
                lastSignificant = UInt8(ascii: "\\")
                spaceSinceDigit = false
                i = j
                continue
            }
            if ByteText.isLetter(c) { return "has variables or words" }
            if ByteText.isDigit(c) {
                // `1 000` or `2 3`: two numbers side by side with only a space between are ambiguous.
                if spaceSinceDigit && ByteText.isDigit(lastSignificant) { return "numbers separated by a space" }
                sawNumber = true
                spaceSinceDigit = false
                lastSignificant = c
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "_"): return "subscript (a base or an index)"
            case UInt8(ascii: "%"): return "percent"
            case UInt8(ascii: "'"): return "prime"
            case UInt8(ascii: "|"): return "absolute value or divides"
            case UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "@"), UInt8(ascii: "~"), UInt8(ascii: "\""): return "symbol"
            case UInt8(ascii: ":"): return "ratio"
            case 32, 9: spaceSinceDigit = true
            case 0xCF where i + 1 < b.count && b[i + 1] == 0x80:  // π
                sawNumber = true
                lastSignificant = c
                i += 2
                continue
            case 0xC2 where i + 1 < b.count && b[i + 1] == 0xB0:  // °
                i += 2
                continue
            default:
                if c >= 0x80 {
                    // × ÷ · − √ ⋅ pass through the normaliser; other non-ASCII is a word or a unit.
                    let allowed: [[UInt8]] = [[0xC3, 0x97], [0xC3, 0xB7], [0xC2, 0xB7], [0xE2, 0x88, 0x92], [0xE2, 0x88, 0x9A], [0xE2, 0x8B, 0x85]]
                    guard let seq = allowed.first(where: { i + $0.count <= b.count && Array(b[i..<(i + $0.count)]) == $0 }) else {
                        return "non-ASCII text"
                    }
                    lastSignificant = c
                    spaceSinceDigit = false
                    i += seq.count
                    continue
                }
                lastSignificant = c
                spaceSinceDigit = false
            }
            i += 1
        }
        return sawNumber ? nil : "no number"
    }
}
