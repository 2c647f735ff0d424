import BigInt

/// Exact rational number on BigInt, always normalised (gcd 1, positive denominator).
struct Rational: Hashable, Comparable, CustomStringConvertible, Sendable {
    let num: BigInt
    let den: BigInt

    static let zero = Rational(0)
    static let one = Rational(1)

    init(_ n: Int) { num = BigInt(n); den = 1 }
    init(_ n: BigInt) { num = n; den = 1 }

    init(_ n: BigInt, _ d: BigInt) {
        precondition(!d.isZero)
        var n = n, d = d
        if d.signum() < 0 { n = -n; d = -d }
        let g = n.magnitude.greatestCommonDivisor(with: d.magnitude)
        if g > 1 { n /= BigInt(g); d /= BigInt(g) }
        num = n; den = d
    }

    var isZero: Bool { num.isZero }
    var isInteger: Bool { den == 1 }
    var signum: Int { Int(num.signum()) }
    /// Bit width of the larger of numerator and denominator.
    var bits: Int { Swift.max(num.magnitude.bitWidth, den.magnitude.bitWidth) }

    static func + (a: Rational, b: Rational) -> Rational {
        if a.den == b.den { return Rational(a.num + b.num, a.den) }
        return Rational(a.num * b.den + b.num * a.den, a.den * b.den)
    }
    static func - (a: Rational, b: Rational) -> Rational { a + (-b) }
    static prefix func - (a: Rational) -> Rational { Rational(-a.num, a.den) }
    static func * (a: Rational, b: Rational) -> Rational { Rational(a.num * b.num, a.den * b.den) }
    /// Division; the caller guarantees `b` is non-zero.
    static func / (a: Rational, b: Rational) -> Rational { Rational(a.num * b.den, a.den * b.num) }
    static func < (a: Rational, b: Rational) -> Bool { a.num * b.den < b.num * a.den }

    var reciprocal: Rational { Rational(den, num) }

    /// Integer power (exponent may be negative; the caller checks size and zero base).
    func power(_ e: Int) -> Rational {
        if e >= 0 { return Rational(num.power(e), den.power(e)) }
        return Rational(den.power(-e), num.power(-e))
    }

    /// log10(|x|) computed without overflow.
    var log10Magnitude: Double { bigLog10(num.magnitude) - bigLog10(den.magnitude) }

    var doubleValue: Double {
        let l = log10Magnitude
        if l > 300 { return num.signum() < 0 ? -.infinity : .infinity }
        if l < -300 { return 0 }
        return bigDouble(num) / bigDouble(den)
    }

    /// Exact n-th root when it is rational, otherwise nil.
    func exactRoot(_ n: Int) -> Rational? {
        if num.signum() < 0 {
            guard n % 2 == 1, let r = (-self).exactRoot(n) else { return nil }
            return -r
        }
        guard let a = integerRoot(num.magnitude, n), let b = integerRoot(den.magnitude, n) else { return nil }
        return Rational(BigInt(a), BigInt(b))
    }

    var description: String { den == 1 ? num.description : "\(num)/\(den)" }

    /// True when the decimal expansion terminates (denominator has only factors 2 and 5).
    var isTerminatingDecimal: Bool {
        var d = den.magnitude
        while d % 2 == 0 { d /= 2 }
        while d % 5 == 0 { d /= 5 }
        return d == 1
    }
}

/// log10 of a non-negative big integer (−inf for 0).
func bigLog10(_ x: BigUInt) -> Double {
    if x.isZero { return -.infinity }
    let w = x.bitWidth
    if w <= 64 { return Foundation_log10(Double(UInt64(x))) }
    let shift = w - 64
    return Foundation_log10(Double(UInt64(x >> shift))) + Double(shift) * 0.30102999566398120
}

func bigDouble(_ x: BigInt) -> Double {
    let m = x.magnitude
    let w = m.bitWidth
    var d: Double
    if w <= 64 { d = Double(UInt64(m)) } else {
        let shift = w - 64
        d = Double(UInt64(m >> shift)) * pow2(shift)
    }
    return x.signum() < 0 ? -d : d
}

private func pow2(_ e: Int) -> Double { e > 1100 ? .infinity : Double(sign: .plus, exponent: e, significand: 1) }

/// Integer n-th root if exact.
func integerRoot(_ x: BigUInt, _ n: Int) -> BigUInt? {
    if x < 2 || n == 1 { return x }
    if n == 2 { let r = x.squareRoot(); return r * r == x ? r : nil }
    // Newton iteration from a floating estimate.
    let est = Foundation_pow(10, bigLog10(x) / Double(n))
    guard est.isFinite, est < 1e300 else { return nil }
    var r = BigUInt(Swift.max(1, est.rounded()))
    for _ in 0..<200 {
        let rp = r.power(n - 1)
        if rp.isZero { break }
        let next = (BigUInt(n - 1) * r + x / rp) / BigUInt(n)
        if next == r { break }
        if next > r, next - r == 1, next.power(n) > x { break }
        r = next
    }
    for c in [r, r + 1, r > 0 ? r - 1 : r] where c.power(n) == x { return c }
    return nil
}
