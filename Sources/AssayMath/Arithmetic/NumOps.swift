/// Arithmetic on ``Num`` with size budgets: exact while the result stays under the digit cap,
/// then approximate (Double, or sign/log10 for out-of-range reals), then `limit`.
extension MathContext {
    /// Keeps an exact result if small enough; otherwise degrades it to an approximation.
    func settle(_ g: GaussianRational) throws -> Num {
        if g.bits <= maxBits { return .exact(g) }
        guard g.isReal else { throw MathError.limit("complex value with more than \(budget.maxDigits) digits") }
        return try hugeOrApprox(sign: g.re.signum, log10: g.re.log10Magnitude)
    }

    func hugeOrApprox(sign: Int, log10 l: Double) throws -> Num {
        if sign == 0 { return .approx(0, 0) }
        if l.isNaN || abs(l) > maxLog10 { throw MathError.limit("magnitude 10^\(l) beyond budget") }
        if abs(l) < 300 { return .approx(Double(sign) * Foundation_pow(10, l), 0) }
        return .huge(sign: sign, log10: l)
    }

    private func approxResult(_ r: Double, _ i: Double) throws -> Num {
        if r.isNaN || i.isNaN { throw MathError.undefined("not a number") }
        return .approx(r, i)
    }

    private func needsLog(_ a: Num, _ b: Num) -> Bool {
        if case .huge = a { return true }
        if case .huge = b { return true }
        return false
    }

    func add(_ a: Num, _ b: Num) throws -> Num {
        try tick()
        if case .exact(let x) = a, case .exact(let y) = b { return try settle(x + y) }
        if needsLog(a, b) {
            guard let x = a.realLog, let y = b.realLog else { throw MathError.limit("complex value out of range") }
            if x.sign == 0 { return b }
            if y.sign == 0 { return a }
            let top = Swift.max(x.log10, y.log10)
            let v = Double(x.sign) * Foundation_pow(10, x.log10 - top) + Double(y.sign) * Foundation_pow(10, y.log10 - top)
            if v == 0 { return .approx(0, 0) }
            return try hugeOrApprox(sign: v > 0 ? 1 : -1, log10: top + Foundation_log10(abs(v)))
        }
        let (ar, ai) = a.complex, (br, bi) = b.complex
        return try approxResult(ar + br, ai + bi)
    }

    func neg(_ a: Num) -> Num {
        switch a {
        case .exact(let g): return .exact(-g)
        case .approx(let r, let i): return .approx(-r, -i)
        case .huge(let s, let l): return .huge(sign: -s, log10: l)
        }
    }

    func sub(_ a: Num, _ b: Num) throws -> Num { try add(a, neg(b)) }

    func mul(_ a: Num, _ b: Num) throws -> Num {
        try tick()
        if case .exact(let x) = a, case .exact(let y) = b { return try settle(x * y) }
        if a.isZero || b.isZero { return a.isExact ? a : (b.isExact ? b : .approx(0, 0)) }
        let (ar, ai) = a.complex, (br, bi) = b.complex
        let r = ar * br - ai * bi, i = ar * bi + ai * br
        if needsLog(a, b) || !(r.isFinite && i.isFinite) || (r == 0 && i == 0) {
            guard let x = a.realLog, let y = b.realLog else { throw MathError.limit("complex value out of range") }
            return try hugeOrApprox(sign: x.sign * y.sign, log10: x.log10 + y.log10)
        }
        return try approxResult(r, i)
    }

    func div(_ a: Num, _ b: Num) throws -> Num {
        if b.isZero { throw MathError.undefined("division by zero") }
        if case .exact(let x) = a, case .exact(let y) = b { try tick(); return try settle(x / y) }
        if case .huge(let s, let l) = b { return try mul(a, .huge(sign: s, log10: -l)) }
        if case .exact(let y) = b, y.isReal { return try mul(a, .exact(GaussianRational(y.re.reciprocal))) }
        let (br, bi) = b.complex
        let d = br * br + bi * bi
        if d == 0 || !d.isFinite {
            guard let y = b.realLog else { throw MathError.limit("complex value out of range") }
            return try mul(a, hugeOrApprox(sign: y.sign, log10: -y.log10))
        }
        return try mul(a, .approx(br / d, -bi / d))
    }

    /// Power with size estimation before any exact computation.
    func pow(_ a: Num, _ b: Num) throws -> Num {
        try tick()
        if case .exact(let base) = a, let e = b.exactRational {
            if base.isZero {
                if e.signum < 0 { throw MathError.undefined("0 to a negative power") }
                return e.isZero ? .int(1) : .int(0)
            }
            if e.isInteger { return try exactIntPower(base, e.num) }
            // Rational exponent p/q: exact when the q-th root is exact.
            if base.isReal, e.den.magnitude.bitWidth < 16 {
                let q = Int(e.den)
                if let root = base.re.exactRoot(q) {
                    return try exactIntPower(GaussianRational(root), e.num)
                }
                if base.re.signum < 0, q == 2, let root = (-base.re).exactRoot(2) {
                    return try exactIntPower(GaussianRational(.zero, root), e.num)
                }
            }
        }
        if case .huge = b { throw MathError.limit("exponent out of range") }
        if let x = a.realLog, let y = b.realLog, x.sign > 0 {
            // Positive real base: via logarithms, safe for huge magnitudes.
            let e = Double(y.sign) * Foundation_pow(10, y.log10)
            return try hugeOrApprox(sign: 1, log10: x.log10 * e)
        }
        if let x = a.realLog, let e = b.exactRational, e.isInteger, x.sign < 0 {
            let odd = e.num.magnitude % 2 == 1
            let mag = x.log10 * bigDouble(e.num)
            return try hugeOrApprox(sign: odd ? -1 : 1, log10: mag)
        }
        // General complex power exp(b·log a).
        let (ar, ai) = a.complex, (br, bi) = b.complex
        if ar == 0 && ai == 0 { return .approx(0, 0) }
        let lr = cLog(cHypot(ar, ai)), li = cAtan2(ai, ar)
        let er = br * lr - bi * li, ei = br * li + bi * lr
        if er > 700 { throw MathError.limit("power out of range") }
        let m = cExp(er)
        return try approxResult(m * cCos(ei), m * cSin(ei))
    }

    private func exactIntPower(_ base: GaussianRational, _ e: BigInt) throws -> Num {
        if base == GaussianRational(.one) { return .int(1) }
        let bits = Double(base.bits)
        let estBits = bits * bigDouble(e.magnitude.isZero ? 0 : BigInt(e.magnitude))
        if estBits <= Double(maxBits), let n = Int(exactly: e) {
            var result = GaussianRational(.one), b = n < 0 ? GaussianRational(.one) / base : base
            var k = n.magnitude
            while k > 0 {
                if k & 1 == 1 { result = result * b }
                k >>= 1
                if k > 0 { b = b * b }
                try tick()
            }
            return .exact(result)
        }
        guard base.isReal else { throw MathError.limit("complex power too large") }
        let odd = e.magnitude % 2 == 1
        let sign = base.re.signum < 0 && odd ? -1 : 1
        return try hugeOrApprox(sign: sign, log10: base.re.log10Magnitude * bigDouble(e))
    }
}

import BigInt
