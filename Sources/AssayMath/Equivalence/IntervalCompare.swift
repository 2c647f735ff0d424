/// One real interval with its endpoints' closedness.
struct IntervalSpec {
    var lo: MathExpr
    var hi: MathExpr
    var loClosed: Bool
    var hiClosed: Bool
}

/// Intervals, unions and single-variable inequalities (converted to intervals, both directions).
extension Comparator {
    func intervalsEqual(_ g: MathExpr, _ a: MathExpr) throws -> Verdict {
        guard let gi = g.asIntervals(strict: true) else {
            return try inequalityRelationEqual(g, a)
        }
        guard let ai = a.asIntervals(strict: false) else { return .no("gold is \(g.kindName), answer is \(a.kindName)") }
        guard gi.count == ai.count else { return .no("expected \(gi.count) interval(s), got \(ai.count)") }
        var used = [Bool](repeating: false, count: ai.count)
        outer: for x in gi {
            var lastReason = "no matching interval"
            for (j, y) in ai.enumerated() where !used[j] {
                if x.loClosed != y.loClosed || x.hiClosed != y.hiClosed { lastReason = "endpoint openness differs"; continue }
                let lo = try scalarEqual(x.lo, y.lo), hi = try scalarEqual(x.hi, y.hi)
                if lo.equal && hi.equal { used[j] = true; continue outer }
                lastReason = lo.equal ? "upper endpoints differ: \(hi.reason)" : "lower endpoints differ: \(lo.reason)"
            }
            return .no(lastReason)
        }
        return .yes("same interval(s): endpoints and openness match")
    }

    /// Multi-variable inequalities: same relation up to flipping sides.
    func inequalityRelationEqual(_ g: MathExpr, _ a: MathExpr) throws -> Verdict {
        guard case .relation(let gx, let gops) = g, case .relation(let ax, let aops) = a, gx.count == 2, ax.count == 2 else {
            return .no("gold is \(g.kindName), answer is \(a.kindName)")
        }
        if gops == aops, try scalarEqual(gx[0], ax[0]).equal, try scalarEqual(gx[1], ax[1]).equal { return .yes("same inequality") }
        if gops.map(\.flipped) == aops, try scalarEqual(gx[0], ax[1]).equal, try scalarEqual(gx[1], ax[0]).equal {
            return .yes("same inequality with sides swapped")
        }
        return .no("inequalities differ")
    }
}

extension RelOp {
    var flipped: RelOp {
        switch self {
        case .lt: return .gt
        case .gt: return .lt
        case .le: return .ge
        case .ge: return .le
        default: return self
        }
    }
}

extension MathExpr {
    static let negInf = MathExpr.neg(.constant(.infinity))
    static let posInf = MathExpr.constant(.infinity)

    /// Reads intervals, unions, `(a, b)` pairs (only when not strict) and single-variable inequalities.
    func asIntervals(strict: Bool) -> [IntervalSpec]? {
        switch self {
        case .interval(let a, let b, let lc, let hc): return [IntervalSpec(lo: a, hi: b, loClosed: lc, hiClosed: hc)]
        case .tuple(let xs) where xs.count == 2 && !strict:
            return [IntervalSpec(lo: xs[0], hi: xs[1], loClosed: false, hiClosed: false)]
        case .union(let parts):
            var out: [IntervalSpec] = []
            for p in parts {
                if case .set(let points) = p {
                    out += points.map { IntervalSpec(lo: $0, hi: $0, loClosed: true, hiClosed: true) }
                    continue
                }
                guard let i = p.asIntervals(strict: false) else { return nil }
                out += i
            }
            return out
        case .list(let parts) where !strict:
            var out: [IntervalSpec] = []
            for p in parts {
                guard case .relation = p, let i = p.asIntervals(strict: true) else { return nil }
                out += i
            }
            return out
        case .text(let t) where t == "\\mathbb{R}" || t.lowercased() == "all real numbers":
            return [IntervalSpec(lo: .negInf, hi: .posInf, loClosed: false, hiClosed: false)]
        case .relation(let xs, let ops):
            return relationIntervals(xs, ops)
        default: return nil
        }
    }

    private func relationIntervals(_ xs: [MathExpr], _ ops: [RelOp]) -> [IntervalSpec]? {
        if xs.count == 2, let spec = absoluteValueIntervals(xs, ops[0]) { return spec }
        if xs.count == 2 {
            let (x, c, op): (MathExpr, MathExpr, RelOp)
            if xs[0].isBareVariable && xs[1].variables.isEmpty { (x, c, op) = (xs[0], xs[1], ops[0]) }
            else if xs[1].isBareVariable && xs[0].variables.isEmpty { (x, c, op) = (xs[1], xs[0], ops[0].flipped) }
            else { return nil }
            _ = x
            switch op {
            case .lt: return [IntervalSpec(lo: .negInf, hi: c, loClosed: false, hiClosed: false)]
            case .le: return [IntervalSpec(lo: .negInf, hi: c, loClosed: false, hiClosed: true)]
            case .gt: return [IntervalSpec(lo: c, hi: .posInf, loClosed: false, hiClosed: false)]
            case .ge: return [IntervalSpec(lo: c, hi: .posInf, loClosed: true, hiClosed: false)]
            case .ne: return [IntervalSpec(lo: .negInf, hi: c, loClosed: false, hiClosed: false),
                              IntervalSpec(lo: c, hi: .posInf, loClosed: false, hiClosed: false)]
            case .member: return xs[0].isBareVariable ? xs[1].asIntervals(strict: false) : nil
            case .eq: return nil
            }
        }
        if xs.count == 3, xs[1].isBareVariable, xs[0].variables.isEmpty, xs[2].variables.isEmpty {
            let up: Set<RelOp> = [.lt, .le], down: Set<RelOp> = [.gt, .ge]
            if up.contains(ops[0]) && up.contains(ops[1]) {
                return [IntervalSpec(lo: xs[0], hi: xs[2], loClosed: ops[0] == .le, hiClosed: ops[1] == .le)]
            }
            if down.contains(ops[0]) && down.contains(ops[1]) {
                return [IntervalSpec(lo: xs[2], hi: xs[0], loClosed: ops[1] == .ge, hiClosed: ops[0] == .ge)]
            }
        }
        return nil
    }

    var isBareVariable: Bool { if case .variable = self { return true }; return false }

    /// The sign (−1, 0, 1) of a number literal or a fraction of two literals; nil for anything else.
    var literalSign: Int? {
        switch self {
        case .number(let n): return n.value > .zero ? 1 : (n.value == .zero ? 0 : -1)
        case .div(.number(let a), .number(let b)) where b.value != .zero:
            return a.value == .zero ? 0 : ((a.value > .zero) == (b.value > .zero) ? 1 : -1)
        default: return nil
        }
    }

    /// `|x| op c` (or `c op |x|`) with `c` a positive number literal or fraction of them: `|x| < c` is `(-c, c)`,
    /// `|x| > c` is `(-∞, -c) ∪ (c, ∞)`; `|x| > 0` is `(-∞, 0) ∪ (0, ∞)`; nil for anything else.
    private func absoluteValueIntervals(_ xs: [MathExpr], _ op0: RelOp) -> [IntervalSpec]? {
        let (abs, c, op): (MathExpr, MathExpr, RelOp)
        if case .function("abs", _) = xs[0] { (abs, c, op) = (xs[0], xs[1], op0) }
        else if case .function("abs", _) = xs[1] { (abs, c, op) = (xs[1], xs[0], op0.flipped) }
        else { return nil }
        guard case .function(_, let args) = abs, args.count == 1, args[0].isBareVariable,
              let sign = c.literalSign, sign > 0 || (sign == 0 && op == .gt) else { return nil }
        let neg = MathExpr.neg(c)
        switch op {
        case .lt: return [IntervalSpec(lo: neg, hi: c, loClosed: false, hiClosed: false)]
        case .le: return [IntervalSpec(lo: neg, hi: c, loClosed: true, hiClosed: true)]
        case .gt: return [IntervalSpec(lo: .negInf, hi: neg, loClosed: false, hiClosed: false),
                          IntervalSpec(lo: c, hi: .posInf, loClosed: false, hiClosed: false)]
        case .ge: return [IntervalSpec(lo: .negInf, hi: neg, loClosed: false, hiClosed: true),
                          IntervalSpec(lo: c, hi: .posInf, loClosed: true, hiClosed: false)]
        default: return nil
        }
    }
}
