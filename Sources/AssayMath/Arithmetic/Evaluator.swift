import BigInt

/// Evaluates a ``MathExpr`` to a ``Num`` under a variable assignment.
struct Evaluator {
    let ctx: MathContext
    var env: [String: Num] = [:]

    static let piValue = Num.approx(Double.pi, 0)
    static let eValue = Num.approx(2.718281828459045, 0)

    func eval(_ e: MathExpr) throws -> Num {
        try ctx.tick()
        switch e {
        case .number(let n): return .rational(n.value)
        case .variable(let v):
            guard let x = env[v] else { throw MathError.undefined("free variable \(v)") }
            return x
        case .constant(let c):
            switch c {
            case .pi: return Evaluator.piValue
            case .e: return Evaluator.eValue
            case .i: return .exact(.i)
            case .infinity: throw MathError.undefined("infinity")
            }
        case .neg(let a): return ctx.neg(try eval(a))
        case .add(let a, let b): return try ctx.add(eval(a), eval(b))
        case .sub(let a, let b): return try ctx.sub(eval(a), eval(b))
        case .mul(let a, let b): return try ctx.mul(eval(a), eval(b))
        case .div(let a, let b): return try ctx.div(eval(a), eval(b))
        case .pow(let a, let b):
            // e^x is exp(x).
            if case .constant(.e) = a { return try function("exp", [eval(b)]) }
            return try ctx.pow(eval(a), eval(b))
        case .factorial(let a): return try factorial(eval(a))
        case .function(let f, let args):
            if f == "det", args.count == 1, case .matrix(let rows) = args[0] { return try determinant(rows) }
            return try function(f, args.map(eval))
        case .plusMinus: throw MathError.undefined("± is not a single value")
        default: throw MathError.undefined("not a number: \(e.kindName)")
        }
    }

    func factorial(_ x: Num) throws -> Num {
        guard let r = x.exactRational, r.isInteger, r.signum >= 0 else {
            let (re, im) = x.complex
            guard im == 0, re > -1 else { throw MathError.undefined("factorial of non-natural number") }
            return try gammaApprox(re + 1)
        }
        guard let n = Int(exactly: r.num) else { throw MathError.limit("factorial argument too large") }
        // Stirling estimate of log10(n!) before computing.
        let logEstimate = n < 2 ? 0 : (Double(n) * cLog(Double(n)) - Double(n) + 0.5 * cLog(2 * Double.pi * Double(n))) / cLog(10)
        if logEstimate > Double(ctx.budget.maxDigits) {
            return try ctx.hugeOrApprox(sign: 1, log10: logEstimate)
        }
        var acc = BigInt(1)
        if n >= 2 {
            for k in 2...n { acc *= BigInt(k); try ctx.tick() }
        }
        return .rational(Rational(acc))
    }

    func gammaApprox(_ x: Double) throws -> Num {
        let l = cLgamma(x) / cLog(10)
        if l < 300 { return .approx(cTgamma(x), 0) }
        return try ctx.hugeOrApprox(sign: 1, log10: l)
    }

    func realArg(_ x: Num, _ f: String) throws -> Double {
        let (re, im) = x.complex
        guard abs(im) <= 1e-12 * Swift.max(1, abs(re)) else { throw MathError.undefined("\(f) of a complex number") }
        guard re.isFinite else { throw MathError.limit("\(f) argument out of range") }
        return re
    }

    func approx(_ v: Double) throws -> Num {
        guard v.isFinite else { throw MathError.undefined("non-finite value") }
        return .approx(v, 0)
    }

    func function(_ f: String, _ a: [Num]) throws -> Num {
        let x = a[0]
        switch (f, a.count) {
        case ("sqrt", 1): return try ctx.pow(x, .rational(Rational(1, 2)))
        case ("root", 2):
            guard let n = a[1].exactRational, !n.isZero else { throw MathError.undefined("bad root index") }
            if let r = x.exactRational, r.signum < 0, n.isInteger, n.num.magnitude % 2 == 1 {
                return ctx.neg(try ctx.pow(.rational(-r), .rational(n.reciprocal)))
            }
            return try ctx.pow(x, .rational(n.reciprocal))
        case ("cbrt", 1):
            if let r = x.exactRational, r.signum < 0 { return ctx.neg(try ctx.pow(.rational(-r), .rational(Rational(1, 3)))) }
            return try ctx.pow(x, .rational(Rational(1, 3)))
        case ("abs", 1):
            if let r = x.exactRational { return .rational(r.signum < 0 ? -r : r) }
            if case .huge(_, let l) = x { return .huge(sign: 1, log10: l) }
            if case .exact(let g) = x { return try ctx.pow(.rational(g.re * g.re + g.im * g.im), .rational(Rational(1, 2))) }
            let (re, im) = x.complex
            return try approx(cHypot(re, im))
        case ("floor", 1), ("ceil", 1):
            if let r = x.exactRational {
                let (q, rem) = r.num.quotientAndRemainder(dividingBy: r.den)
                var v = q
                if f == "floor", rem.signum() < 0 { v -= 1 }
                if f == "ceil", rem.signum() > 0 { v += 1 }
                return .rational(Rational(v))
            }
            let v = try realArg(x, f)
            return .rational(Rational(BigInt(f == "floor" ? v.rounded(.down) : v.rounded(.up))))
        case ("exp", 1):
            if x.isZero { return .int(1) }
            let (re, im) = x.complex
            if im == 0 { return try ctx.hugeOrApprox(sign: 1, log10: re / cLog(10)) }
            let m = cExp(re)
            return .approx(m * cCos(im), m * cSin(im))
        case ("ln", 1), ("log", 1), ("log", 2):
            if let r = x.exactRational, r == .one { return .int(0) }
            guard let (s, l) = x.realLog, s > 0 else { throw MathError.undefined("log of non-positive number") }
            var v = l * cLog(10)
            if f == "log" {
                if a.count == 2 {
                    guard let (bs, bl) = a[1].realLog, bs > 0, bl != 0 else { throw MathError.undefined("bad log base") }
                    v = l / bl
                } else { v = l }
            }
            return try approx(v)
        case ("binom", 2):
            if let n = x.exactRational, let k = a[1].exactRational, n.isInteger, k.isInteger {
                guard let ni = Int(exactly: n.num), let ki = Int(exactly: k.num) else { throw MathError.limit("binomial too large") }
                if ki < 0 || (ni >= 0 && ki > ni) { return .int(0) }
                if ni < 0 { throw MathError.undefined("binomial with negative n") }
                let kk = Swift.min(ki, ni - ki)
                if Double(kk) * Foundation_log10(Double(Swift.max(ni, 2))) > Double(ctx.budget.maxDigits) * 2 {
                    throw MathError.limit("binomial too large")
                }
                var acc = BigInt(1)
                if kk > 0 { for j in 1...kk { acc = acc * BigInt(ni - kk + j) / BigInt(j); try ctx.tick() } }
                return try ctx.settle(GaussianRational(Rational(acc)))
            }
            let n = try realArg(x, f), k = try realArg(a[1], f)
            return try approx(cExp(cLgamma(n + 1) - cLgamma(k + 1) - cLgamma(n - k + 1)))
        case ("gcd", _), ("lcm", _):
            var acc: BigInt? = nil
            for v in a {
                guard let r = v.exactRational, r.isInteger else { throw MathError.undefined("\(f) of non-integers") }
                guard let cur = acc else { acc = r.num.magnitude == 0 ? 0 : BigInt(r.num.magnitude); continue }
                let g = BigInt(cur.magnitude.greatestCommonDivisor(with: r.num.magnitude))
                acc = f == "gcd" ? g : (g.isZero ? 0 : BigInt((cur * r.num / g).magnitude))
            }
            return .rational(Rational(acc ?? 0))
        case ("max", _), ("min", _):
            var best = a[0], bestV = try realArg(a[0], f)
            for v in a.dropFirst() {
                let d = try realArg(v, f)
                if f == "max" ? d > bestV : d < bestV { best = v; bestV = d }
            }
            return best
        default:
            return try trig(f, x, a.count)
        }
    }

    func trig(_ f: String, _ x: Num, _ arity: Int) throws -> Num {
        guard arity == 1 else { throw MathError.undefined("unknown function \(f)/\(arity)") }
        if x.isZero, ["sin", "tan", "arcsin", "arctan", "sinh", "tanh"].contains(f) { return .int(0) }
        let v = try realArg(x, f)
        let r: Double
        switch f {
        case "sin": r = cSin(v)
        case "cos": r = cCos(v)
        case "tan": r = cTan(v)
        case "sec": r = 1 / cCos(v)
        case "csc": r = 1 / cSin(v)
        case "cot": r = cCos(v) / cSin(v)
        case "arcsin": guard abs(v) <= 1 else { throw MathError.undefined("arcsin domain") }; r = cAsin(v)
        case "arccos": guard abs(v) <= 1 else { throw MathError.undefined("arccos domain") }; r = cAcos(v)
        case "arctan": r = cAtan(v)
        case "arccot": r = Double.pi / 2 - cAtan(v)
        case "arcsec": guard abs(v) >= 1 else { throw MathError.undefined("arcsec domain") }; r = cAcos(1 / v)
        case "arccsc": guard abs(v) >= 1 else { throw MathError.undefined("arccsc domain") }; r = cAsin(1 / v)
        case "sinh": r = cSinh(v)
        case "cosh": r = cCosh(v)
        case "tanh": r = cTanh(v)
        default: throw MathError.undefined("unknown function \(f)")
        }
        if abs(r) > 1e15 { throw MathError.undefined("\(f) pole") }
        return try approx(r)
    }

    func determinant(_ rows: [[MathExpr]]) throws -> Num {
        let n = rows.count
        guard n > 0, n <= 6, rows.allSatisfy({ $0.count == n }) else { throw MathError.undefined("determinant of non-square matrix") }
        let m = try rows.map { try $0.map(eval) }
        func det(_ idx: [Int], _ row: Int) throws -> Num {
            if idx.count == 1 { return m[row][idx[0]] }
            var acc = Num.int(0)
            for (k, col) in idx.enumerated() {
                var rest = idx; rest.remove(at: k)
                let term = try ctx.mul(m[row][col], det(rest, row + 1))
                acc = k % 2 == 0 ? try ctx.add(acc, term) : try ctx.sub(acc, term)
            }
            return acc
        }
        return try det(Array(0..<n), 0)
    }
}
