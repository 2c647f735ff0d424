/// A numeric value: exact Gaussian rational, approximate complex double, or an approximate real
/// too large/small for a Double, kept as sign and log10 of its magnitude.
enum Num {
    case exact(GaussianRational)
    case approx(Double, Double)
    case huge(sign: Int, log10: Double)

    static func int(_ n: Int) -> Num { .exact(GaussianRational(Rational(n))) }
    static func rational(_ r: Rational) -> Num { .exact(GaussianRational(r)) }

    var isExact: Bool { if case .exact = self { return true }; return false }

    var exactRational: Rational? {
        if case .exact(let g) = self, g.isReal { return g.re }
        return nil
    }

    /// Complex double approximation (infinite for huge magnitudes).
    var complex: (Double, Double) {
        switch self {
        case .exact(let g): return (g.re.doubleValue, g.im.doubleValue)
        case .approx(let r, let i): return (r, i)
        case .huge(let s, let l): return l > 0 ? (Double(s) * .infinity, 0) : (0, 0)
        }
    }

    /// Real part as sign/log10 if the value is real.
    var realLog: (sign: Int, log10: Double)? {
        switch self {
        case .exact(let g):
            guard g.isReal else { return nil }
            return (g.re.signum, g.re.isZero ? -.infinity : g.re.log10Magnitude)
        case .approx(let r, let i):
            guard abs(i) <= 1e-12 * Swift.max(1, abs(r)) else { return nil }
            return (r > 0 ? 1 : (r < 0 ? -1 : 0), r == 0 ? -.infinity : Foundation_log10(abs(r)))
        case .huge(let s, let l): return (s, l)
        }
    }

    var isZero: Bool {
        switch self {
        case .exact(let g): return g.isZero
        case .approx(let r, let i): return r == 0 && i == 0
        case .huge: return false
        }
    }

    var isFiniteValue: Bool {
        switch self {
        case .exact, .huge: return true
        case .approx(let r, let i): return r.isFinite && i.isFinite
        }
    }

    var description: String {
        switch self {
        case .exact(let g): return g.description
        case .approx(let r, let i):
            if i == 0 { return "≈\(r)" }
            return "≈\(r)\(i < 0 ? "-" : "+")\(abs(i))i"
        case .huge(let s, let l): return "≈\(s < 0 ? "-" : "")10^\(l)"
        }
    }
}
