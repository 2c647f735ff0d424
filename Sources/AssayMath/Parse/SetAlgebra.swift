/// `\cap` and `\setminus` of concrete real sets: intervals, `(a, b)` pairs, finite sets of numbers and unions of them.
/// The parser replaces the operation by its result (an interval, a set or a union), so comparators never see it;
/// anything that is not concrete (variables, non-real values) stays a parse error, as before.
struct SetAlgebra {
    enum Op { case intersection, difference }

    /// One end of a piece: the expression as written and its value (exact when possible).
    struct Bound {
        var expr: MathExpr
        var exact: Rational?
        var approx: Double
        static let negInf = Bound(expr: .negInf, exact: nil, approx: -.infinity)
        static let posInf = Bound(expr: .posInf, exact: nil, approx: .infinity)
    }

    /// A real interval (a point when both ends are equal and closed).
    struct Piece {
        var lo: Bound
        var hi: Bound
        var loClosed: Bool
        var hiClosed: Bool
    }

    let ctx: MathContext

    /// `a ∩ b` or `a \ b`; throws a parse error when either operand is not a concrete real set.
    func apply(_ op: Op, _ a: MathExpr, _ b: MathExpr) throws -> MathExpr {
        guard let xs = try pieces(a), let ys = try pieces(b) else {
            throw MathError.parse("set operation on operands that are not concrete sets")
        }
        // Every piece-against-piece step counts as a node, so huge operands hit the node budget.
        var out: [Piece] = []
        for p in xs {
            switch op {
            case .intersection:
                for q in ys {
                    try ctx.countNode()
                    if let r = intersect(p, q) { out.append(r) }
                }
            case .difference:
                var rest = [p]
                for q in ys {
                    var next: [Piece] = []
                    for r in rest {
                        try ctx.countNode()
                        if let left = intersect(r, Piece(lo: .negInf, hi: q.lo, loClosed: false, hiClosed: !q.loClosed)) {
                            next.append(left)
                        }
                        if let right = intersect(r, Piece(lo: q.hi, hi: .posInf, loClosed: !q.hiClosed, hiClosed: false)) {
                            next.append(right)
                        }
                    }
                    rest = next
                }
                out += rest
            }
        }
        return expression(out)
    }

    /// The pieces of a concrete real set, or nil when `e` is not one.
    func pieces(_ e: MathExpr) throws -> [Piece]? {
        try ctx.tick()
        switch e {
        case .interval(let a, let b, let lc, let hc): return try piece(a, b, lc, hc).map { [$0] }
        case .tuple(let xs) where xs.count == 2: return try piece(xs[0], xs[1], false, false).map { [$0] }
        case .set(let xs):
            var out: [Piece] = []
            for x in xs {
                guard let v = try bound(x), v.approx.isFinite else { return nil }
                out.append(Piece(lo: v, hi: v, loClosed: true, hiClosed: true))
            }
            return out
        case .union(let parts):
            var out: [Piece] = []
            for p in parts {
                guard let ps = try pieces(p) else { return nil }
                out += ps
            }
            return out
        default: return nil
        }
    }

    private func piece(_ a: MathExpr, _ b: MathExpr, _ lc: Bool, _ hc: Bool) throws -> Piece? {
        guard let lo = try bound(a), let hi = try bound(b), compare(lo, hi) <= 0 else { return nil }
        return Piece(lo: lo, hi: hi, loClosed: lc && lo.approx.isFinite, hiClosed: hc && hi.approx.isFinite)
    }

    /// The value of a variable-free real endpoint (±∞ allowed), or nil.
    private func bound(_ e: MathExpr) throws -> Bound? {
        if e == .posInf { return .posInf }
        if e == .negInf { return .negInf }
        guard e.variables.isEmpty, !e.hasPlusMinus, !e.isContainer, !e.containsText else { return nil }
        let v: Num
        do { v = try Evaluator(ctx: ctx).eval(e) } catch MathError.undefined { return nil }
        if let r = v.exactRational { return Bound(expr: e, exact: r, approx: r.doubleValue) }
        if case .approx(let re, let im) = v, im == 0, re.isFinite { return Bound(expr: e, exact: nil, approx: re) }
        return nil
    }

    /// −1, 0 or 1: exact when both values are exact, else on doubles (equal within 1e-12 relative).
    private func compare(_ a: Bound, _ b: Bound) -> Int {
        if let x = a.exact, let y = b.exact { return x < y ? -1 : (x == y ? 0 : 1) }
        if a.approx == b.approx { return 0 }
        if a.approx.isFinite && b.approx.isFinite && abs(a.approx - b.approx) <= 1e-12 * max(1, abs(a.approx), abs(b.approx)) {
            return 0
        }
        return a.approx < b.approx ? -1 : 1
    }

    private func intersect(_ p: Piece, _ q: Piece) -> Piece? {
        let cl = compare(p.lo, q.lo), ch = compare(p.hi, q.hi)
        let lo = cl >= 0 ? p.lo : q.lo
        let loClosed = cl > 0 ? p.loClosed : (cl < 0 ? q.loClosed : p.loClosed && q.loClosed)
        let hi = ch <= 0 ? p.hi : q.hi
        let hiClosed = ch < 0 ? p.hiClosed : (ch > 0 ? q.hiClosed : p.hiClosed && q.hiClosed)
        let c = compare(lo, hi)
        if c > 0 || (c == 0 && !(loClosed && hiClosed)) { return nil }
        return Piece(lo: lo, hi: hi, loClosed: loClosed, hiClosed: hiClosed)
    }

    /// The result as an expression: `∅`, a set of points, one interval, or a union.
    private func expression(_ ps: [Piece]) -> MathExpr {
        let isPoint = { (p: Piece) in self.compare(p.lo, p.hi) == 0 }
        if ps.allSatisfy(isPoint) { return .set(ps.map(\.lo.expr)) }
        let parts = ps.map { p -> MathExpr in
            isPoint(p) ? .set([p.lo.expr]) : .interval(p.lo.expr, p.hi.expr, loClosed: p.loClosed, hiClosed: p.hiClosed)
        }
        return parts.count == 1 ? parts[0] : .union(parts)
    }
}

extension Parser {
    /// `A \cap B` and `A \setminus B`, left to right, binding tighter than `\cup`; only concrete operands are accepted.
    mutating func parseSetOperation() throws -> MathExpr {
        var lhs = try parseAdditive()
        while peek == .command("cap") || peek == .command("setminus") {
            let op: SetAlgebra.Op = peek == .command("cap") ? .intersection : .difference
            advance()
            let rhs = try parseAdditive()
            lhs = try SetAlgebra(ctx: ctx).apply(op, lhs, rhs)
        }
        return lhs
    }
}
