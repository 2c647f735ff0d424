/// One value — a final answer, a gold, a number stated in a prompt — normalised and parsed once, so that it can be
/// compared with many others cheaply.
///
/// Two values are the same when their canonical keys are equal (exact values evaluated: `0.5` and `\frac12` share a
/// key; `x = 3` is keyed by `3`), else when ``Comparator`` says so — tried only where it can succeed: scalars whose
/// values are within 1 % of each other, or expressions and containers of the same kind.
struct MathValue {
    /// The text as written.
    let text: String
    /// The parsed value, a `name = value` answer reduced to its value; nil when the text is not math (compared as text).
    let expr: MathExpr?
    /// Kind and canonical rendering (`number:1/2`, `text:monday`, `choice:B`).
    let key: String
    /// The real value of a variable-free scalar.
    let number: Double?

    private init(text: String, expr: MathExpr?, key: String, number: Double?) {
        self.text = text
        self.expr = expr
        self.key = key
        self.number = number
    }

    /// Nil when the text is empty after normalisation or over the budget.
    init?(_ text: String, budget: MathBudget) {
        let ctx = MathContext(budget: budget)
        let norm: String
        do { norm = try Normalizer.normalize(text, budget: budget) } catch { return nil }
        guard !norm.isEmpty else { return nil }
        if let letter = TextMatch.choiceLetter(norm) {
            self.init(text: text, expr: nil, key: "choice:" + letter, number: nil)
            return
        }
        do {
            self.init(parsed: try Parser.parse(norm, joinThousands: true, ctx: ctx), text: text, ctx: ctx)
        } catch MathError.parse {
            let textKey = TextMatch.key(norm)
            guard !textKey.isEmpty else { return nil }
            self.init(text: text, expr: nil, key: "text:" + textKey, number: nil)
        } catch {
            return nil
        }
    }

    /// A value from an already parsed expression (an element of a list answer).
    init(parsed: MathExpr, text: String, ctx: MathContext) {
        let e = Comparator(ctx: ctx, options: MathCompareOptions(budget: ctx.budget)).unwrapAnswer(parsed)
        let key: String
        if case .text(let t) = e {
            key = "text:" + TextMatch.key(t)
        } else {
            let canonical = (try? MathEquivalence.canonicalForm(e, ctx: ctx)) ?? e
            key = e.kindName + ":" + canonical.render(sorted: true)
        }
        self.init(text: text, expr: e, key: key, number: Self.realValue(e, ctx: ctx))
    }

    /// A variable-free scalar that has to be worked out (`2^{10}`, `3 \times 12`, `5!`, `\sqrt{242}`, `(1+2i)(6-3i)`),
    /// not a written value (`-4`, `0.5`, `\frac{3}{4}`, `2\sqrt{3}`, `\frac{\pi}{2}`, `3i`).
    var isComputation: Bool {
        guard let expr, !expr.isContainer, !expr.containsText, expr.variables.isEmpty else { return false }
        if case .relation = expr { return false }
        return !Self.isWritten(expr)
    }

    private static func isWritten(_ e: MathExpr) -> Bool {
        switch e {
        case .number, .constant: return true
        case .neg(let a): return isWritten(a)
        case .div(let a, let b): return isWritten(a) && isWritten(b)
        case .function("sqrt", let args): return args.count == 1 && isSquareFree(args[0])
        case .mul(.number, let b): return isWritten(b) && !isNumber(b)
        default: return false
        }
    }

    private static func isNumber(_ e: MathExpr) -> Bool {
        if case .number = e { return true }
        return false
    }

    /// A radicand in simplest form: a positive integer below a million without a square factor.
    private static func isSquareFree(_ e: MathExpr) -> Bool {
        guard case .number(let literal) = e, literal.value.isInteger, let n = Int(literal.value.description), n > 1,
            n < 1_000_000
        else { return false }
        var k = 2
        while k * k <= n {
            if n % (k * k) == 0 { return false }
            k += 1
        }
        return true
    }

    private static func realValue(_ e: MathExpr, ctx: MathContext) -> Double? {
        guard !e.isContainer, !e.hasPlusMinus, !e.isInfinity, !e.containsText, e.variables.isEmpty else { return nil }
        if case .relation = e { return nil }
        guard let value = try? Evaluator(ctx: ctx).eval(e) else { return nil }
        let (re, im) = value.complex
        guard re.isFinite, abs(im) <= 1e-12 * max(1, abs(re)) else { return nil }
        return re
    }

    /// Whether `self` and `other` are mathematically the same value; `other` plays the gold (it decides structure).
    func same(as other: MathValue, budget: MathBudget) -> Bool {
        if key == other.key { return true }
        guard let mine = expr, let theirs = other.expr else { return false }
        if let a = number, let b = other.number {
            guard abs(a - b) <= 0.01 * max(abs(a), abs(b)) else { return false }
        } else if number != nil || other.number != nil {
            return false
        } else if mine.kindName != theirs.kindName || mine.variables != theirs.variables {
            return false
        }
        let ctx = MathContext(budget: budget)
        return (try? Comparator(ctx: ctx, options: MathCompareOptions(budget: budget)).equal(theirs, mine).equal) ?? false
    }

    /// The values `expr` stands for: the elements of a list or set, each `±` choice, and with `components` a tuple's
    /// components or a union's parts (a gold `(1, 2)` has two values an answer may list).
    func elements(components: Bool, budget: MathBudget) -> [MathValue] {
        guard let expr else { return [self] }
        let parts: [MathExpr]
        switch expr {
        case .list(let xs), .set(let xs): parts = xs
        case .tuple(let xs) where components, .union(let xs) where components: parts = xs
        default: parts = [expr]
        }
        let ctx = MathContext(budget: budget)
        let comparator = Comparator(ctx: ctx, options: MathCompareOptions(budget: budget))
        var out: [MathValue] = []
        for part in parts {
            let unwrapped = comparator.unwrapAnswer(part)
            for value in unwrapped.expandPlusMinus() ?? [unwrapped] {
                out.append(value == expr ? self : MathValue(parsed: value, text: value.rendered, ctx: ctx))
            }
        }
        return out
    }
}
