/// Exact complex number a + b·i with rational parts.
struct GaussianRational: Hashable {
    var re: Rational
    var im: Rational

    init(_ re: Rational, _ im: Rational = .zero) { self.re = re; self.im = im }

    static let i = GaussianRational(.zero, .one)
    var isReal: Bool { im.isZero }
    var isZero: Bool { re.isZero && im.isZero }
    var bits: Int { Swift.max(re.bits, im.bits) }

    static func + (a: Self, b: Self) -> Self { Self(a.re + b.re, a.im + b.im) }
    static func - (a: Self, b: Self) -> Self { Self(a.re - b.re, a.im - b.im) }
    static prefix func - (a: Self) -> Self { Self(-a.re, -a.im) }
    static func * (a: Self, b: Self) -> Self {
        if a.isReal && b.isReal { return Self(a.re * b.re) }
        return Self(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    /// Division; the caller guarantees `b` is non-zero.
    static func / (a: Self, b: Self) -> Self {
        if b.isReal { return Self(a.re / b.re, a.im / b.re) }
        let d = b.re * b.re + b.im * b.im
        let n = a * Self(b.re, -b.im)
        return Self(n.re / d, n.im / d)
    }

    var description: String {
        if isReal { return re.description }
        let imPart: String
        if im == .one { imPart = "i" } else if im == -Rational.one { imPart = "-i" } else { imPart = "\(im)*i" }
        if re.isZero { return imPart }
        return imPart.hasPrefix("-") ? "\(re)\(imPart)" : "\(re)+\(imPart)"
    }
}
