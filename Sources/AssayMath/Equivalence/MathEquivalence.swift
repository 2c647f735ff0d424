/// Decides whether a model's final answer is mathematically equivalent to the gold answer.
///
/// Pure Swift, thread-safe (no shared mutable state), bounded by ``MathBudget``.
///
/// Pipeline: ``Normalizer`` (string clean-up) → ``Lexer`` → ``Parser`` (AST, budgets) → ``Comparator`` (by the gold's kind)
/// → ``Evaluator`` (exact Gaussian rationals on BigInt; Double or sign/log10 when not exact).
///
/// Decisions worth knowing:
/// - **The gold decides the structure.** `(a, b)` is a tuple unless the gold is an interval/inequality; `[a, b]` is a closed
///   interval; a top-level comma list in the gold means *all* of these answers (any order, none missing, none extra).
/// - **Exact first.** Two exact values must be exactly equal (`1/2004!` ≠ `1/2006!`, `10000` ≠ `10001`; no absolute
///   tolerance). Values beyond `maxDigits` become sign/log10 approximations (compared to 1e-9 in log10), beyond 10× that `limit`.
/// - **Tolerance only for decimals the model wrote.** If the answer is a decimal literal and the gold is a non-terminating
///   rational, it may be off by one unit in its last shown digit (needs ≥ 3 significant digits: `0.333` = 1/3, `0.33` ≠ 1/3),
///   or within `relativeTolerance`. If the gold is irrational (π, √2, e), only `relativeTolerance` applies, so `3.14` ≠ π
///   but `3.1415927` = π. Integer golds and terminating decimals (`1/8`) must be matched exactly.
/// - **Percent and units are dropped**, never rescaled: `50\%` = `50`, `50\%` ≠ `0.5`, `5` ≠ `500`.
/// - **Thousands separators**: `1\,000`, `1{,}000` always; plain `1,000` when outside brackets (or inside brackets whose
///   elements are separated by `", "`) and not right after another comma; if the gold is a list, `1,000` is also tried as `1, 000`.
/// - **Expressions with variables** are evaluated at seeded exact-rational points in (0.3, 3.3) (no domain errors for √, log);
///   points where either side is undefined are skipped; ≥ 3 (normally 6) agreeing points are required, and then a few
///   negative/mixed-sign points where both sides are real must also agree (so `\sqrt{x^2}` ≠ `x`). With floor, ceil, `!`,
///   binomials, integer points 1…120 are used as well.
/// - **Equations** `L1 = R1` and `L2 = R2` match when `L1 − R1` is a constant non-zero multiple of `L2 − R2`; `x = 3` vs `3`
///   compares the right side when the left side only names the answer (`x`, `a_1`, `f(x)`).
/// - **Inequalities** in one variable become intervals (`x > 3` = `(3, \infty)`, both directions; `x \ne 3` is a union).
/// - `i` is the imaginary unit and `e` Euler's number; `\log` is base 10; a mixed number `2\frac14` is 9/4.
/// - **Degrees** are dropped (`30^\circ` = `30`) except inside a trig function's argument, where they mean degrees
///   (`\sin 30^\circ` = `\frac12`, while `\sin 30` is in radians); see ``DegreeMarkers``.
/// - **Number words** are numbers only as the whole answer (`two` = `2`, `forty-two` = `42`, zero…ninety-nine).
/// - `|x| < c` / `|x| > c` (positive literal `c`) are intervals / unions; `\cap` and `\setminus` of concrete
///   intervals and finite sets are evaluated by the parser (``SetAlgebra``); with variables they stay unparsable.
public enum MathEquivalence {
    /// Compares an already-extracted `answer` with `gold`. The gold decides the structure
    /// (set vs tuple vs interval, one value vs several).
    public static func compare(answer: String, gold: String, options: MathCompareOptions = .init()) -> MathComparison {
        // Fast path: the same plain integer on both sides (most GSM8K/AIME items) needs no parse.
        if let same = identicalInteger(answer, gold) {
            return MathComparison(match: .equivalent, kind: "number", gold: same, answer: same, reason: "same integer")
        }
        let ctx = MathContext(budget: options.budget)
        do {
            return try compareThrowing(answer: answer, gold: gold, options: options, ctx: ctx)
        } catch MathError.limit(let why) {
            return MathComparison(match: .limit, kind: "", gold: String(gold.prefix(200)), answer: String(answer.prefix(200)),
                                  reason: "budget exceeded: \(why)")
        } catch {
            return MathComparison(match: .different, kind: "", gold: String(gold.prefix(200)), answer: String(answer.prefix(200)),
                                  reason: "error: \(error)")
        }
    }

    /// The integer when both texts are the same optionally signed run of ASCII digits (spaces around ignored).
    static func identicalInteger(_ a: String, _ b: String) -> String? {
        let x = a.utf8.drop { $0 == 32 }.reversed().drop { $0 == 32 }.reversed()
        let y = b.utf8.drop { $0 == 32 }.reversed().drop { $0 == 32 }.reversed()
        guard !x.isEmpty, x.count <= 64, x.elementsEqual(y) else { return nil }
        var digits = x[...]
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return String(decoding: x, as: UTF8.self)
    }

    /// Canonical text of one answer, for grouping (e.g. majority vote): equal keys ⇒ equivalent answers.
    /// Nil when the answer is empty, unparsable as math and text, or over budget.
    public static func canonicalKey(_ answer: String, options: MathCompareOptions = .init()) -> String? {
        let ctx = MathContext(budget: options.budget)
        do {
            let norm = try Normalizer.normalize(answer, budget: options.budget)
            if norm.isEmpty { return nil }
            if let c = TextMatch.choiceLetter(norm) { return "choice:" + c }
            let e: MathExpr
            do { e = try Parser.parse(norm, joinThousands: true, ctx: ctx) } catch MathError.parse {
                let k = TextMatch.key(norm)
                return k.isEmpty ? nil : "text:" + k
            }
            if case .text(let t) = e { return "text:" + TextMatch.key(t) }
            return e.kindName + ":" + (try canonicalForm(e, ctx: ctx).render(sorted: true))
        } catch {
            return nil
        }
    }

    /// The kind the parser assigns to `answer` (number, expression, set, …, text, choice),
    /// or nil when it is not parsable as math (a word answer would be compared as text) or over budget.
    public static func kind(of answer: String, options: MathCompareOptions = .init()) -> String? {
        let ctx = MathContext(budget: options.budget)
        guard let norm = try? Normalizer.normalize(answer, budget: options.budget), !norm.isEmpty else { return nil }
        if TextMatch.choiceLetter(norm) != nil { return "choice" }
        guard let e = try? Parser.parse(norm, joinThousands: true, ctx: ctx) else { return nil }
        return e.isTextList ? "text" : e.kindName
    }

    /// Replaces variable-free exact sub-values by their value (so `\frac{2}{4}` and `0.5` share a key).
    static func canonicalForm(_ e: MathExpr, ctx: MathContext) throws -> MathExpr {
        switch e {
        case .list(let xs): return .list(try xs.map { try canonicalForm($0, ctx: ctx) })
        case .set(let xs): return .set(try xs.map { try canonicalForm($0, ctx: ctx) })
        case .tuple(let xs): return .tuple(try xs.map { try canonicalForm($0, ctx: ctx) })
        case .interval(let a, let b, let lc, let hc):
            return .interval(try canonicalForm(a, ctx: ctx), try canonicalForm(b, ctx: ctx), loClosed: lc, hiClosed: hc)
        case .union(let xs): return .union(try xs.map { try canonicalForm($0, ctx: ctx) })
        case .matrix(let rows): return .matrix(try rows.map { try $0.map { try canonicalForm($0, ctx: ctx) } })
        case .relation(let xs, let ops): return .relation(try xs.map { try canonicalForm($0, ctx: ctx) }, ops)
        default:
            guard e.variables.isEmpty, !e.hasPlusMinus, !e.isInfinity else { return e }
            do {
                if case .exact(let g) = try Evaluator(ctx: ctx).eval(e) {
                    if g.isReal { return .number(NumberLiteral(value: g.re, text: g.re.description, lastPlace: nil, significantDigits: 0)) }
                    return .text("complex:" + g.description)
                }
            } catch MathError.undefined { return e }
            return e
        }
    }

    static func result(_ m: MathMatch, _ kind: String, _ g: String, _ a: String, _ why: String) -> MathComparison {
        MathComparison(match: m, kind: kind, gold: g, answer: a, reason: why)
    }

    static func compareThrowing(answer: String, gold: String, options: MathCompareOptions, ctx: MathContext) throws -> MathComparison {
        let gNorm = try Normalizer.normalize(gold, budget: options.budget)
        let aNorm = try Normalizer.normalize(answer, budget: options.budget)
        if gNorm.isEmpty { return result(.unparsableGold, "", gold, aNorm, "gold is empty after normalisation") }
        if aNorm.isEmpty { return result(.unparsableAnswer, "", gNorm, answer, "answer is empty after normalisation") }

        if let gc = TextMatch.choiceLetter(gNorm) {
            let ac = TextMatch.choiceLetter(aNorm)
            let ok = ac == gc
            return result(ok ? .equivalent : .different, "choice", "(\(gc))", ac.map { "(\($0))" } ?? aNorm,
                          ok ? "same choice letter" : (ac == nil ? "answer is not a choice letter" : "different choice letter"))
        }
        let gExpr: MathExpr
        do {
            gExpr = try Parser.parse(gNorm, joinThousands: true, ctx: ctx)
        } catch MathError.parse(let why) {
            if gNorm == aNorm { return result(.equivalent, "text", gNorm, aNorm, "identical after normalisation") }
            let ok = TextMatch.key(gNorm) == TextMatch.key(aNorm)
            return result(ok ? .equivalent : .different, "text", gNorm, aNorm,
                          (ok ? "same normalised text" : "normalised text differs") + " (gold not parsed as math: \(why))")
        }
        let kind = gExpr.isTextList ? "text" : gExpr.kindName
        if gNorm == aNorm { return result(.equivalent, kind, gExpr.rendered, aNorm, "identical after normalisation") }
        if kind == "text" || gExpr.isTextList {
            let ok = TextMatch.key(gNorm) == TextMatch.key(aNorm)
            return result(ok ? .equivalent : .different, "text", gExpr.rendered, aNorm, ok ? "same normalised text" : "normalised text differs")
        }

        var aExpr: MathExpr
        do {
            aExpr = try Parser.parse(aNorm, joinThousands: true, ctx: ctx)
        } catch MathError.parse(let why) {
            return result(.unparsableAnswer, kind, gExpr.rendered, aNorm, "answer not parsable: \(why)")
        }
        let cmp = Comparator(ctx: ctx, options: options)
        var v = try cmp.equal(gExpr, aExpr)
        // `1,000` was read as one thousand; when the gold has several items, try it as a list.
        if !v.equal, gExpr.isContainer, aNorm.hasComma {
            if let alt = try? Parser.parse(aNorm, joinThousands: false, ctx: ctx), alt != aExpr {
                let v2 = try cmp.equal(gExpr, alt)
                if v2.equal { v = v2; aExpr = alt }
            }
        }
        return result(v.equal ? .equivalent : .different, kind, gExpr.rendered, aExpr.rendered, v.reason)
    }
}

extension String {
    /// Whether the text contains a comma (byte scan for ASCII text, `String.contains` otherwise).
    var hasComma: Bool {
        if utf8.allSatisfy({ $0 < 0x80 && $0 != 13 }) { return utf8.contains(UInt8(ascii: ",")) }
        return contains(",")
    }
}

extension MathExpr {
    var isTextList: Bool {
        if case .list(let xs) = self { return xs.allSatisfy { if case .text = $0 { return true }; return false } }
        return false
    }
}
