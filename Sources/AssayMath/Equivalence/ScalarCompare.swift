/// Numbers and expressions: exact when both sides are exact, tolerance only for decimals the model wrote,
/// random-point evaluation for expressions with variables.
extension Comparator {
    static let pointCount = 6

    func scalarEqual(_ g: MathExpr, _ a: MathExpr) throws -> Verdict {
        if a.isContainer { return .no("gold is a single value, answer is \(a.kindName)") }
        if case .relation = a { return .no("gold is a value, answer is \(a.kindName)") }
        if a.containsText { return .no("answer contains text") }
        if a.hasPlusMinus { return .no("answer has ± (two values), gold has one") }
        if g.isInfinity || a.isInfinity {
            return g.isInfinity && a.isInfinity && g.infinitySign == a.infinitySign ? .yes("same infinity") : .no("infinity mismatch")
        }
        if g.rendered == a.rendered { return .yes("same canonical form") }
        var vars = g.variables
        vars.formUnion(a.variables)
        if vars.isEmpty {
            let gv: Num, av: Num
            do { gv = try Evaluator(ctx: ctx).eval(g) } catch MathError.undefined(let why) { return .no("gold undefined: \(why)") }
            do { av = try Evaluator(ctx: ctx).eval(a) } catch MathError.undefined(let why) { return .no("answer undefined: \(why)") }
            return numbersEqual(gv, av, answer: a)
        }
        return try pointsEqual(g, a, vars: vars.sorted())
    }

    /// The decimal literal the model wrote (possibly negated), if the answer is exactly that.
    func writtenDecimal(_ a: MathExpr) -> NumberLiteral? {
        switch a {
        case .number(let n): return n.lastPlace == nil ? nil : n
        case .neg(let x): return writtenDecimal(x)
        default: return nil
        }
    }

    func numbersEqual(_ g: Num, _ a: Num, answer: MathExpr?) -> Verdict {
        if case .exact(let x) = g, case .exact(let y) = a {
            if x == y { return .yes("exactly equal (\(x.description))") }
            if let lit = answer.flatMap(writtenDecimal), x.isReal, y.isReal, !x.re.isInteger, !x.re.isTerminatingDecimal {
                // A decimal the model wrote for a non-terminating rational: one unit in the last shown place.
                let diff = x.re - y.re
                let absDiff = diff.signum < 0 ? -diff : diff
                if let ulp = lit.lastPlace, lit.significantDigits >= 3, absDiff <= ulp {
                    return .yes("decimal \(lit.text) agrees with \(x.description) to the \(lit.significantDigits) digits shown")
                }
                if relClose(x.re.doubleValue, y.re.doubleValue, options.relativeTolerance) {
                    return .yes("decimal within relative tolerance \(options.relativeTolerance)")
                }
            }
            return .no("exact values differ: \(x.description) vs \(y.description)")
        }
        // At least one side is approximate.
        if let lit = answer.flatMap(writtenDecimal), !g.isExact, let gl = g.realLog, let al = a.realLog {
            _ = lit
            if gl.sign == al.sign, abs(gl.log10 - al.log10) <= options.relativeTolerance / 2.302585 {
                return .yes("decimal within relative tolerance \(options.relativeTolerance) of \(g.description)")
            }
            return .no("decimal \(a.description) not within relative tolerance of \(g.description)")
        }
        if Self.approxEqual(g, a) { return .yes("numerically equal (\(g.description))") }
        return .no("values differ: \(g.description) vs \(a.description)")
    }

    /// `numbersEqual(g, a, answer: nil).equal` without building the reason text (for evaluation points).
    func sameValue(_ g: Num, _ a: Num) -> Bool {
        if case .exact(let x) = g, case .exact(let y) = a { return x == y }
        return Self.approxEqual(g, a)
    }

    func relClose(_ x: Double, _ y: Double, _ tol: Double) -> Bool {
        abs(x - y) <= tol * Swift.max(abs(x), abs(y))
    }

    /// Equality of computed values when at least one is inexact (1e-9 relative; exact zero vs |x| < 1e-12).
    static func approxEqual(_ g: Num, _ a: Num) -> Bool {
        if case .huge = g, let x = g.realLog, let y = a.realLog { return x.sign == y.sign && abs(x.log10 - y.log10) <= 1e-9 }
        if case .huge = a, let x = g.realLog, let y = a.realLog { return x.sign == y.sign && abs(x.log10 - y.log10) <= 1e-9 }
        let (gr, gi) = g.complex, (ar, ai) = a.complex
        guard gr.isFinite, gi.isFinite, ar.isFinite, ai.isFinite else { return false }
        let scale = Swift.max(cHypot(gr, gi), cHypot(ar, ai))
        let d = cHypot(gr - ar, gi - ai)
        if d <= 1e-9 * scale { return true }
        if (g.isExact && g.isZero) || (a.isExact && a.isZero) { return d < 1e-12 }
        return false
    }

    /// Deterministic evaluation points: exact positive rationals in (0.3, 3.3).
    /// With `integers`, points are naturals in 1…120 (for floor, factorial, binomial: the variable is an integer
    /// and small rationals hide differences between step functions). Generated lazily, in a fixed order.
    func points(_ vars: [String], count: Int, integers: Bool = false) -> EvaluationPoints {
        EvaluationPoints(vars: vars, count: count, integers: integers)
    }

    func pointsEqual(_ g: MathExpr, _ a: MathExpr, vars: [String]) throws -> Verdict {
        let discrete = g.hasDiscreteFunction || a.hasDiscreteFunction
        if discrete {
            // Both integer points (many) and rational points must agree.
            let v = try pointsEqual(g, a, vars: vars, envs: points(vars, count: 24, integers: true), needed: 12)
            if !v.equal { return v }
        }
        let positive = try pointsEqual(g, a, vars: vars, envs: points(vars, count: 2 * Comparator.pointCount), needed: Comparator.pointCount)
        if !positive.equal { return positive }
        // Signed points: only where both sides are real (so √x·√y vs √(xy) is not penalised off its domain).
        for env in signedPoints(vars, count: 6) {
            let ev = Evaluator(ctx: ctx, env: env)
            let gv: Num, av: Num
            do { gv = try ev.eval(g); av = try ev.eval(a) } catch MathError.undefined { continue }
            guard gv.isFiniteValue, av.isFiniteValue, gv.realLog != nil, av.realLog != nil else { continue }
            if !sameValue(gv, av) {
                let at = vars.map { "\($0)=\(env[$0]!.description)" }.joined(separator: ", ")
                return .no("expressions differ at \(at): \(gv.description) vs \(av.description)")
            }
        }
        return positive
    }

    /// Points where every variable is negative or mixed-sign (generated lazily, in a fixed order).
    func signedPoints(_ vars: [String], count: Int) -> SignedEvaluationPoints {
        SignedEvaluationPoints(vars: vars, count: count)
    }

    func pointsEqual(_ g: MathExpr, _ a: MathExpr, vars: [String], envs: EvaluationPoints, needed: Int) throws -> Verdict {
        var valid = 0
        for env in envs {
            let ev = Evaluator(ctx: ctx, env: env)
            let gv: Num, av: Num
            do { gv = try ev.eval(g); av = try ev.eval(a) } catch MathError.undefined { continue }
            guard gv.isFiniteValue, av.isFiniteValue else { continue }
            if !sameValue(gv, av) {
                let at = vars.map { "\($0)=\(env[$0]!.description)" }.joined(separator: ", ")
                return .no("expressions differ at \(at): \(gv.description) vs \(av.description)")
            }
            valid += 1
            if valid >= needed { break }
        }
        if valid < 3 { return .no("could not evaluate both expressions at enough points (\(valid))") }
        return .yes("expressions agree at \(valid) points in \(vars.joined(separator: ", "))")
    }

    /// Equations L1 = R1 and L2 = R2 are equivalent when L1 − R1 is a non-zero constant multiple of L2 − R2.
    func equationsEqual(_ gl: MathExpr, _ gr: MathExpr, _ al: MathExpr, _ ar: MathExpr) throws -> Verdict {
        var vars = gl.variables.union(gr.variables)
        vars.formUnion(al.variables.union(ar.variables))
        if gl == al, try scalarEqual(gr, ar).equal { return .yes("same left side, equal right sides") }
        if vars.isEmpty { return try scalarEqual(gr, ar) }
        let d1 = MathExpr.sub(gl, gr), d2 = MathExpr.sub(al, ar)
        var ratio: Num?
        var valid = 0
        for env in points(vars.sorted(), count: 2 * Comparator.pointCount) {
            let ev = Evaluator(ctx: ctx, env: env)
            let x: Num, y: Num
            do { x = try ev.eval(d1); y = try ev.eval(d2) } catch MathError.undefined { continue }
            if y.isZero || x.isZero || !x.isFiniteValue || !y.isFiniteValue { continue }
            let r: Num
            do { r = try ctx.div(x, y) } catch MathError.undefined { continue }
            if let ratio {
                if !(ratio.isExact && r.isExact ? sameValue(ratio, r) : Self.approxEqual(ratio, r)) {
                    return .no("equations are not proportional (ratio \(ratio.description) vs \(r.description))")
                }
            } else { ratio = r }
            valid += 1
            if valid >= Comparator.pointCount { break }
        }
        if valid < 3 { return .no("could not evaluate the equations at enough points") }
        return .yes("equations are proportional (ratio \(ratio?.description ?? "?"))")
    }
}

extension MathExpr {
    /// Contains floor, ceil, factorial, binomial, gcd, lcm or mod: functions of integers.
    var hasDiscreteFunction: Bool {
        switch self {
        case .factorial: return true
        case .function(let f, let args):
            if ["floor", "ceil", "binom", "gcd", "lcm", "mod"].contains(f) { return true }
            return args.contains { $0.hasDiscreteFunction }
        default: return children.contains { $0.hasDiscreteFunction }
        }
    }

    var infinitySign: Int {
        switch self {
        case .neg(let a): return -a.infinitySign
        default: return 1
        }
    }
}

