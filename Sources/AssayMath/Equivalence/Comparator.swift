/// Structural comparison driven by the gold's kind.
struct Comparator {
    let ctx: MathContext
    let options: MathCompareOptions

    /// Compares `a` (answer) against `g` (gold); the gold decides the structure.
    func equal(_ g: MathExpr, _ a: MathExpr) throws -> Verdict {
        try ctx.tick()
        try ctx.enterComparison()
        defer { ctx.leaveComparison() }
        if g == a { return .yes("identical after parsing") }
        // A gold with ± means several values.
        if g.hasPlusMinus, let alts = g.expandPlusMinus() {
            return try unordered(alts, answerElements(a), what: "± values")
        }
        switch g {
        case .list(let gs0):
            let gs = gs0.flatMap { $0.expandPlusMinus() ?? [$0] }
            return try unordered(gs, answerElements(a), what: "answers")
        case .set(let gs0):
            let gs = gs0.flatMap { $0.expandPlusMinus() ?? [$0] }
            switch a {
            case .set, .list: return try unordered(gs, answerElements(a), what: "set elements")
            case _ where a.hasPlusMinus: return try unordered(gs, answerElements(a), what: "set elements")
            default:
                if gs.count == 1, !a.isContainer { return try equal(gs[0], a) }
                return .no("gold is a set, answer is \(a.kindName)")
            }
        case .tuple(let gs):
            switch a {
            case .tuple(let xs), .list(let xs): return try ordered(gs, xs, what: "tuple components")
            case .relation where gs.count == 2, .interval where gs.count == 2, .union where gs.count == 2:
                // `(a, b)` may be an open interval; an inequality or interval answer is read against it.
                return try intervalsEqual(.interval(gs[0], gs[1], loClosed: false, hiClosed: false), a)
            case .matrix(let rows) where rows.count == 1 || rows.allSatisfy({ $0.count == 1 }):
                return try ordered(gs, rows.flatMap { $0 }, what: "vector components")
            default: return .no("gold is a tuple, answer is \(a.kindName)")
            }
        case .interval, .union:
            return try intervalsEqual(g, a)
        case .matrix(let grows):
            switch a {
            case .matrix(let arows):
                guard grows.count == arows.count, zip(grows, arows).allSatisfy({ $0.count == $1.count }) else {
                    return .no("matrix dimensions differ")
                }
                return try ordered(grows.flatMap { $0 }, arows.flatMap { $0 }, what: "matrix entries")
            case .tuple(let xs) where grows.count == 1 || grows.allSatisfy({ $0.count == 1 }):
                return try ordered(grows.flatMap { $0 }, xs, what: "vector components")
            default: return .no("gold is a matrix, answer is \(a.kindName)")
            }
        case .relation(let xs, let ops):
            return try relationEqual(xs, ops, a)
        case .text(let t):
            if case .text(let u) = a, TextMatch.key(t) == TextMatch.key(u) { return .yes("same text") }
            return .no("text differs")
        case .choice(let c):
            if case .choice(let d) = a, c == d { return .yes("same choice") }
            return .no("different choice")
        default:
            return try scalarEqual(g, unwrapAnswer(a))
        }
    }

    /// `x = 3` / `x \in S` answers compared against a bare gold use the right-hand side.
    func unwrapAnswer(_ a: MathExpr) -> MathExpr {
        if case .relation(let xs, let ops) = a, xs.count == 2, ops == [.eq] || ops == [.member] {
            if xs[0].isSimpleLHS { return xs[1] }
            if ops == [.eq], xs[1].isSimpleLHS, !xs[0].isSimpleLHS { return xs[0] }
        }
        return a
    }

    func answerElements(_ a: MathExpr) -> [MathExpr] {
        switch a {
        case .list(let xs), .set(let xs): return xs.flatMap { $0.expandPlusMinus() ?? [$0] }
        default:
            let u = unwrapAnswer(a)
            if case .set(let xs) = u { return xs }
            return u.expandPlusMinus() ?? [a]
        }
    }

    func ordered(_ gs: [MathExpr], _ xs: [MathExpr], what: String) throws -> Verdict {
        guard gs.count == xs.count else { return .no("\(what): expected \(gs.count), got \(xs.count)") }
        for (k, (g, x)) in zip(gs, xs).enumerated() {
            let v = try equal(g, x)
            if !v.equal { return .no("\(what) #\(k + 1) differ: \(v.reason)") }
        }
        return .yes("all \(gs.count) \(what) match in order")
    }

    /// Multiset matching (greedy; equality is transitive so greedy is exact).
    func unordered(_ gs: [MathExpr], _ xs: [MathExpr], what: String) throws -> Verdict {
        guard gs.count == xs.count else { return .no("\(what): expected \(gs.count), got \(xs.count)") }
        var used = [Bool](repeating: false, count: xs.count)
        outer: for (k, g) in gs.enumerated() {
            for (j, x) in xs.enumerated() where !used[j] {
                if try equal(g, x).equal { used[j] = true; continue outer }
            }
            return .no("\(what): gold item #\(k + 1) (\(g.rendered)) not found in answer")
        }
        return .yes("all \(gs.count) \(what) match (any order)")
    }

    func relationEqual(_ xs: [MathExpr], _ ops: [RelOp], _ a: MathExpr) throws -> Verdict {
        if ops == [.member] { return try equal(xs[1], unwrapAnswer(a)) }
        if ops == [.eq] && xs.count == 2 {
            if case .relation(let ys, let aops) = a, aops == [.eq], ys.count == 2 {
                return try equationsEqual(xs[0], xs[1], ys[0], ys[1])
            }
            if xs[0].isSimpleLHS { return try equal(xs[1], a) }
            if xs[1].isSimpleLHS { return try equal(xs[0], a) }
            return .no("gold is an equation, answer is \(a.kindName)")
        }
        if ops.allSatisfy({ $0 == .eq }) {
            // a = b = c: compare the last value.
            return try equal(xs[xs.count - 1], unwrapAnswer(a))
        }
        return try intervalsEqual(.relation(xs, ops), a)
    }
}

extension MathExpr {
    /// A left-hand side that only names the answer: `x`, `a_1`, `f(x)` (parsed as f·x), `\angle A`.
    var isSimpleLHS: Bool {
        switch self {
        case .variable: return true
        case .mul(let a, let b): return a.isSimpleLHS && b.isSimpleLHS
        case .function(_, let args): return args.allSatisfy { $0.isSimpleLHS }
        default: return false
        }
    }

    var isContainer: Bool {
        switch self {
        case .list, .set, .tuple, .interval, .union, .matrix: return true
        default: return false
        }
    }

    var hasPlusMinus: Bool { plusMinusCount(stoppingAfter: 1) > 0 }

    /// The `±` signs of a scalar expression (not inside containers), counted up to just past `limit`.
    func plusMinusCount(stoppingAfter limit: Int) -> Int {
        var count = 0
        func walk(_ e: MathExpr) {
            guard count <= limit else { return }
            switch e {
            case .plusMinus(let a, let b):
                count += 1
                if let a { walk(a) }
                walk(b)
            case .number, .variable, .constant, .text, .choice: return
            case .list, .set, .tuple, .interval, .union, .matrix, .relation: return
            case .neg(let a), .factorial(let a): walk(a)
            case .add(let a, let b), .sub(let a, let b), .mul(let a, let b), .div(let a, let b), .pow(let a, let b):
                walk(a); walk(b)
            case .function(_, let xs): xs.forEach(walk)
            }
        }
        walk(self)
        return count
    }

    /// All sign choices of `±` in a scalar expression (nil when there is none or too many).
    func expandPlusMinus() -> [MathExpr]? {
        // Each sign doubles the alternatives: more than 4 would be more than 16 (and 40 would be 2⁴⁰).
        let signs = plusMinusCount(stoppingAfter: 4)
        guard signs > 0, signs <= 4 else { return nil }
        var results: [MathExpr] = []
        func expand(_ e: MathExpr) -> [MathExpr] {
            switch e {
            case .plusMinus(let a, let b):
                let bs = expand(b)
                if let a {
                    let as_ = expand(a)
                    return as_.flatMap { x in bs.flatMap { y in [MathExpr.add(x, y), .sub(x, y)] } }
                }
                return bs.flatMap { [$0, .neg($0)] }
            case .neg(let a): return expand(a).map { .neg($0) }
            case .add(let a, let b): return combine(a, b, MathExpr.add)
            case .sub(let a, let b): return combine(a, b, MathExpr.sub)
            case .mul(let a, let b): return combine(a, b, MathExpr.mul)
            case .div(let a, let b): return combine(a, b, MathExpr.div)
            case .pow(let a, let b): return combine(a, b, MathExpr.pow)
            case .factorial(let a): return expand(a).map { .factorial($0) }
            case .function(let f, let args):
                // Every argument's choices, combined (`\binom{n \pm 1}{k}`).
                return args.reduce([[MathExpr]]([[]])) { partial, arg in
                    let choices = expand(arg)
                    return partial.flatMap { prefix in choices.map { prefix + [$0] } }
                }.map { .function(f, $0) }
            default: return [e]
            }
        }
        func combine(_ a: MathExpr, _ b: MathExpr, _ f: (MathExpr, MathExpr) -> MathExpr) -> [MathExpr] {
            let xs = expand(a), ys = expand(b)
            return xs.flatMap { x in ys.map { y in f(x, y) } }
        }
        results = expand(self)
        // No ± may survive an expansion: an alternative that still had one would be expanded again without end.
        guard results.count <= 16, !results.contains(where: \.hasPlusMinus) else { return nil }
        return results
    }
}
