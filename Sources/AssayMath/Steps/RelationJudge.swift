import BigInt

/// Decides whether `left op right` holds for two evaluated sides.
///
/// Exact values must be exactly equal. A decimal the writer shows (`\sqrt 2 = 1.414`, `\frac13 = 0.33`) may be
/// rounded or truncated to its last digit when the exact value needs more digits than shown; an integer may
/// stand for an irrational within 0.5. `\approx` holds within 5 % or one unit of the last digit shown.
/// Inexact values compare as `math` does (``Comparator/approxEqual(_:_:)``); their order is not decided when they agree.
enum RelationJudge {
    enum Outcome: Equatable {
        case holds(String)
        case fails(String)
        case undecided(String)
    }

    static func judge(_ l: Num, _ le: MathExpr, _ relation: RelationChain.Relation, _ r: Num, _ re: MathExpr) -> Outcome {
        switch relation {
        case .eq: return equal(l, le, r, re)
        case .ne:
            switch equal(l, le, r, re) {
            case .holds(let why): return .fails("equal: \(why)")
            case .fails: return .holds("different values")
            case .undecided(let why): return .undecided(why)
            }
        case .approx: return approximatelyEqual(l, le, r, re)
        case .lt, .gt, .le, .ge: return order(l, relation, r)
        case .other(let name): return .undecided("relation \(name) is not evaluated")
        }
    }

    static func equal(_ l: Num, _ le: MathExpr, _ r: Num, _ re: MathExpr) -> Outcome {
        if case .exact(let x) = l, case .exact(let y) = r, x == y { return .holds("exactly equal") }
        if !l.isExact || !r.isExact, Comparator.approxEqual(l, r) { return .holds("numerically equal") }
        if let rounded = shownRounding(l, le, r, re) { return .holds(rounded) }
        return .fails("\(l.description) ≠ \(r.description)")
    }

    /// The reason a written decimal (or an integer for an irrational) is an acceptable rounding of the other side.
    static func shownRounding(_ l: Num, _ le: MathExpr, _ r: Num, _ re: MathExpr) -> String? {
        for (lit, litValue, other) in [(le, l, r), (re, r, l)] {
            guard let literal = writtenLiteral(lit) else { continue }
            let (otherValue, _) = other.complex
            let (shown, _) = litValue.complex
            guard otherValue.isFinite, shown.isFinite else { continue }
            if literal.significantDigits >= 15, abs(otherValue - shown) <= 1e-12 * max(abs(otherValue), abs(shown)) {
                return "\(literal.text) is \(other.description) printed as a float"
            }
            if let unit = literal.lastPlace {
                // Needs more digits than shown: irrational, non-terminating, or a longer terminating decimal.
                if case .exact(let g) = other {
                    guard g.isReal, !(g.re / unit).isInteger else { continue }
                    let d = g.re - literal.value
                    if (d.signum < 0 ? -d : d) <= unit { return "\(literal.text) is \(other.description) to the digits shown" }
                } else if abs(otherValue - shown) <= unit.doubleValue * (1 + 1e-9) + 1e-12 * abs(shown) {
                    return "\(literal.text) is \(other.description) to the digits shown"
                }
            } else if !other.isExact, abs(otherValue - shown) <= 0.5 {
                return "\(literal.text) is \(other.description) rounded"
            }
        }
        return nil
    }

    static func approximatelyEqual(_ l: Num, _ le: MathExpr, _ r: Num, _ re: MathExpr) -> Outcome {
        let (x, xi) = l.complex
        let (y, yi) = r.complex
        guard xi == 0, yi == 0, x.isFinite, y.isFinite else { return .undecided("complex or unbounded values") }
        var tolerance = 0.05 * max(abs(x), abs(y))
        for e in [le, re] {
            if let literal = writtenLiteral(e) { tolerance = max(tolerance, literal.lastPlace?.doubleValue ?? integerUnit(literal.text)) }
        }
        return abs(x - y) <= tolerance * (1 + 1e-9)
            ? .holds("within \(tolerance)") : .fails("\(l.description) is not close to \(r.description)")
    }

    static func order(_ l: Num, _ relation: RelationChain.Relation, _ r: Num) -> Outcome {
        let sign: Int
        if case .exact(let x) = l, case .exact(let y) = r {
            guard x.isReal, y.isReal else { return .undecided("complex values have no order") }
            let d = x.re - y.re
            sign = d.signum
        } else {
            guard let a = l.realLog, let b = r.realLog else { return .undecided("complex values have no order") }
            if Comparator.approxEqual(l, r) {
                sign = 0
            } else if a.sign != b.sign {
                sign = a.sign < b.sign ? -1 : 1
            } else {
                let larger = a.log10 > b.log10
                sign = a.sign >= 0 ? (larger ? 1 : -1) : (larger ? -1 : 1)
            }
        }
        let holds: Bool
        switch relation {
        case .lt: holds = sign < 0
        case .gt: holds = sign > 0
        case .le: holds = sign <= 0
        case .ge: holds = sign >= 0
        default: holds = false
        }
        if holds { return .holds("order holds") }
        if sign == 0 && (!l.isExact || !r.isExact) { return .undecided("numerically equal; order not decided") }
        return .fails("\(l.description) \(sign < 0 ? "<" : sign > 0 ? ">" : "=") \(r.description)")
    }

    /// `30` → 10, `1200` → 100, `7` → 1: the rounding unit an integer written for an approximation shows.
    static func integerUnit(_ text: String) -> Double {
        var unit = 1.0
        for c in text.reversed() {
            guard c == "0", unit < 1e12 else { break }
            unit *= 10
        }
        return text.allSatisfy({ $0 == "0" }) ? 1 : unit
    }

    /// The literal the side is, possibly negated: a decimal (with its last place) or an integer.
    static func writtenLiteral(_ e: MathExpr) -> NumberLiteral? {
        switch e {
        case .number(let n): return n
        case .neg(let x): return writtenLiteral(x)
        default: return nil
        }
    }
}
