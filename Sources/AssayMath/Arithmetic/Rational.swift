import BigInt

/// Exact rational number, always normalised (gcd 1, positive denominator).
///
/// Stored as machine integers while numerator and denominator fit in an `Int` (the common case), on BigInt
/// otherwise; the form is canonical, so equality and hashing compare values. Small operations are computed in
/// `Int128` and fall back to BigInt only when the reduced result does not fit.
struct Rational: Hashable, Comparable, CustomStringConvertible, Sendable {
    enum Storage: Hashable, Sendable {
        /// Numerator (never `Int.min`) and positive denominator.
        case small(Int, Int)
        case big(BigInt, BigInt)
    }

    let storage: Storage

    static let zero = Rational(0)
    static let one = Rational(1)

    var num: BigInt {
        switch storage {
        case .small(let n, _): return BigInt(n)
        case .big(let n, _): return n
        }
    }

    var den: BigInt {
        switch storage {
        case .small(_, let d): return BigInt(d)
        case .big(_, let d): return d
        }
    }

    init(_ n: Int) { storage = n == .min ? .big(BigInt(n), 1) : .small(n, 1) }
    init(_ n: BigInt) { self.init(normalized: n, 1) }

    /// `n/d` for machine integers (`d` non-zero).
    init(_ n: Int, _ d: Int) {
        precondition(d != 0)
        self = Rational.reduced(Int128(n), Int128(d))
    }

    init(_ n: BigInt, _ d: BigInt) {
        precondition(!d.isZero)
        if let a = Int(exactly: n), let b = Int(exactly: d) { self = Rational.reduced(Int128(a), Int128(b)); return }
        var n = n, d = d
        if d.signum() < 0 { n = -n; d = -d }
        let g = n.magnitude.greatestCommonDivisor(with: d.magnitude)
        if g > 1 { n /= BigInt(g); d /= BigInt(g) }
        self.init(normalized: n, d)
    }

    /// Already normalised parts.
    private init(normalized n: BigInt, _ d: BigInt) {
        if let a = Int(exactly: n), a != .min, let b = Int(exactly: d) { storage = .small(a, b) } else { storage = .big(n, d) }
    }

    /// `n/d` normalised (`d` non-zero); small storage when it fits.
    static func reduced(_ n: Int128, _ d: Int128) -> Rational {
        var n = n, d = d
        if d < 0 { n = -n; d = -d }
        var x = n.magnitude, y = d.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        if x > 1 { n /= Int128(x); d /= Int128(x) }
        if let a = Int(exactly: n), a != .min, let b = Int(exactly: d) { return Rational(storage: .small(a, b)) }
        return Rational(storage: .big(BigInt(n), BigInt(d)))
    }

    private init(storage: Storage) { self.storage = storage }

    var isZero: Bool {
        if case .small(let n, _) = storage { return n == 0 }
        return num.isZero
    }
    var isInteger: Bool {
        if case .small(_, let d) = storage { return d == 1 }
        return den == 1
    }
    var signum: Int {
        if case .small(let n, _) = storage { return n.signum() }
        return Int(num.signum())
    }
    /// Bit width of the larger of numerator and denominator.
    var bits: Int {
        if case .small(let n, let d) = storage {
            return UInt.bitWidth - Swift.min(n.magnitude.leadingZeroBitCount, d.magnitude.leadingZeroBitCount)
        }
        return Swift.max(num.magnitude.bitWidth, den.magnitude.bitWidth)
    }

    static func + (a: Rational, b: Rational) -> Rational {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            if ad == bd { return reduced(Int128(an) + Int128(bn), Int128(ad)) }
            return reduced(Int128(an) * Int128(bd) + Int128(bn) * Int128(ad), Int128(ad) * Int128(bd))
        }
        if a.den == b.den { return Rational(a.num + b.num, a.den) }
        return Rational(a.num * b.den + b.num * a.den, a.den * b.den)
    }
    static func - (a: Rational, b: Rational) -> Rational { a + (-b) }
    static prefix func - (a: Rational) -> Rational {
        if case .small(let n, let d) = a.storage { return Rational(storage: .small(-n, d)) }
        return Rational(-a.num, a.den)
    }
    static func * (a: Rational, b: Rational) -> Rational {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            return reduced(Int128(an) * Int128(bn), Int128(ad) * Int128(bd))
        }
        return Rational(a.num * b.num, a.den * b.den)
    }
    /// Division; the caller guarantees `b` is non-zero.
    static func / (a: Rational, b: Rational) -> Rational {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            precondition(bn != 0)
            return reduced(Int128(an) * Int128(bd), Int128(ad) * Int128(bn))
        }
        return Rational(a.num * b.den, a.den * b.num)
    }
    static func < (a: Rational, b: Rational) -> Bool {
        if case .small(let an, let ad) = a.storage, case .small(let bn, let bd) = b.storage {
            return Int128(an) * Int128(bd) < Int128(bn) * Int128(ad)
        }
        return a.num * b.den < b.num * a.den
    }

    var reciprocal: Rational {
        if case .small(let n, let d) = storage {
            precondition(n != 0)
            return Rational(storage: n < 0 ? .small(-d, -n) : .small(d, n))
        }
        return Rational(den, num)
    }

    /// Integer power (exponent may be negative; the caller checks size and zero base).
    func power(_ e: Int) -> Rational {
        if e >= 0 { return Rational(num.power(e), den.power(e)) }
        return Rational(den.power(-e), num.power(-e))
    }

    /// log10(|x|) computed without overflow.
    var log10Magnitude: Double {
        if case .small(let n, let d) = storage { return smallLog10(n.magnitude) - smallLog10(d.magnitude) }
        return bigLog10(num.magnitude) - bigLog10(den.magnitude)
    }

    var doubleValue: Double {
        let l = log10Magnitude
        if l > 300 { return signum < 0 ? -.infinity : .infinity }
        if l < -300 { return 0 }
        if case .small(let n, let d) = storage {
            let x = Double(n.magnitude)
            return (n < 0 ? -x : x) / Double(d.magnitude)
        }
        return bigDouble(num) / bigDouble(den)
    }

    /// Exact n-th root when it is rational, otherwise nil.
    func exactRoot(_ n: Int) -> Rational? {
        if signum < 0 {
            guard n % 2 == 1, let r = (-self).exactRoot(n) else { return nil }
            return -r
        }
        guard let a = integerRoot(num.magnitude, n), let b = integerRoot(den.magnitude, n) else { return nil }
        return Rational(BigInt(a), BigInt(b))
    }

    var description: String {
        switch storage {
        case .small(let n, let d): return d == 1 ? String(n) : String(n) + "/" + String(d)
        case .big(let n, let d): return d == 1 ? n.description : "\(n)/\(d)"
        }
    }

    /// True when the decimal expansion terminates (denominator has only factors 2 and 5).
    var isTerminatingDecimal: Bool {
        if case .small(_, let den) = storage {
            var d = den
            while d % 2 == 0 { d /= 2 }
            while d % 5 == 0 { d /= 5 }
            return d == 1
        }
        var d = den.magnitude
        while d % 2 == 0 { d /= 2 }
        while d % 5 == 0 { d /= 5 }
        return d == 1
    }
}

/// log10 of a machine word (−inf for 0), as ``bigLog10(_:)`` computes it for one-word values.
private func smallLog10(_ x: UInt) -> Double { x == 0 ? -.infinity : Foundation_log10(Double(UInt64(x))) }

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
    // A root r ≥ 2 needs x ≥ 2ⁿ. Without this, a small x and a large n (`0.7^{r}` at r = 795/997) start Newton at
    // r = 1, which then cycles 1 → 3 → 2 → 1 through 200 iterations of 997th powers (found by fuzzing).
    if n >= x.bitWidth { return nil }
    // The floating estimate is within a relative ~1e-12 of the real root (log10 from the top 64 bits).
    let est = Foundation_pow(10, bigLog10(x) / Double(n))
    guard est.isFinite, est < 1e300 else { return nil }
    if est < 0x1p30 {
        // So a root below 2³⁰ is the nearest integer or a neighbour.
        let r = BigUInt(est.rounded())
        for c in [r, r + 1, r > 0 ? r - 1 : r] where c.power(n) == x { return c }
        return nil
    }
    // Larger: Newton's iteration started just above the root decreases to ⌊x^(1/n)⌋ in a few steps. (Started
    // below it, the first step overshoots by orders of magnitude, and each step after shrinks r only by (n−1)/n
    // while raising it to the (n−1)-th power: `20001e810^{z}` at z = p/997 took seconds; found by fuzzing.)
    var r = BigUInt(est * (1 + 1e-9)) + 2
    for _ in 0..<100 {
        let next = (BigUInt(n - 1) * r + x / r.power(n - 1)) / BigUInt(n)
        if next >= r { break }
        r = next
    }
    return r.power(n) == x ? r : nil
}
