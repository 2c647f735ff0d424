/// Fast path of ``Parser/literal(_:ctx:)`` for plain decimals (`12`, `3.25`, `.5`, `0.`) with at most 18 digits:
/// the digits are read into an `Int` instead of going through `BigInt(String)`. Same value, text, last place
/// and significant digits as the general path.
extension Parser {
    static let powersOfTen: [Int] = (0...18).map { k in (0..<k).reduce(1) { acc, _ in acc * 10 } }

    /// The literal when `s` is only ASCII digits with at most one `.` and at most 18 digits; nil otherwise.
    static func smallLiteral(_ s: String, ctx: MathContext) throws -> NumberLiteral? {
        var n = 0
        var digitCount = 0
        var leadingZeros = 0
        var decimals = 0
        var seenDot = false
        for b in s.utf8 {
            if b == UInt8(ascii: ".") {
                if seenDot { return nil }
                seenDot = true
                continue
            }
            guard b >= 48 && b <= 57 else { return nil }
            digitCount += 1
            if digitCount > 18 { return nil }
            if n == 0 && b == 48 { leadingZeros += 1 }
            n = n * 10 + Int(b - 48)
            if seenDot { decimals += 1 }
        }
        if digitCount == 0 { digitCount = 1; leadingZeros = 1 }   // general path: "" becomes "0"
        if digitCount > ctx.budget.maxDigits { throw MathError.limit("number with more than \(ctx.budget.maxDigits) digits") }
        let value = decimals == 0 ? Rational(n) : Rational(n, powersOfTen[decimals])
        let ulp: Rational? = seenDot ? (decimals == 0 ? Rational.one : Rational(1, powersOfTen[decimals])) : nil
        return NumberLiteral(value: value, text: s, lastPlace: ulp, significantDigits: digitCount - leadingZeros)
    }
}
