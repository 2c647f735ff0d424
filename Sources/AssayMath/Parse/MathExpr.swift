/// A number as written: its exact value and, for decimals, the unit of the last digit shown.
struct NumberLiteral: Hashable, Sendable {
    var value: Rational
    var text: String
    /// Unit in the last place for a written decimal (`0.333` → 1/1000); nil for integers/fractions.
    var lastPlace: Rational?
    var significantDigits: Int
}

enum MathConstant: String, Hashable, Sendable { case pi, e, i, infinity }

enum RelOp: String, Hashable, Sendable {
    case eq = "=", lt = "<", le = "\\le", gt = ">", ge = "\\ge", ne = "\\ne", member = "\\in"
}

/// Abstract syntax tree of a parsed answer.
indirect enum MathExpr: Hashable, Sendable {
    case number(NumberLiteral)
    case variable(String)
    case constant(MathConstant)
    case neg(MathExpr)
    case add(MathExpr, MathExpr)
    case sub(MathExpr, MathExpr)
    case mul(MathExpr, MathExpr)
    case div(MathExpr, MathExpr)
    case pow(MathExpr, MathExpr)
    case function(String, [MathExpr])
    case factorial(MathExpr)
    /// `a ± b`, or `± b` when the first operand is nil.
    case plusMinus(MathExpr?, MathExpr)
    /// `(a, b, …)` with round brackets; a 2-tuple may also be read as an open interval.
    case tuple([MathExpr])
    case interval(MathExpr, MathExpr, loClosed: Bool, hiClosed: Bool)
    case set([MathExpr])
    /// Top-level comma list: several answers.
    case list([MathExpr])
    case union([MathExpr])
    case matrix([[MathExpr]])
    /// `a op b op c …`.
    case relation([MathExpr], [RelOp])
    case text(String)
    case choice(String)

    static func int(_ n: Int) -> MathExpr {
        .number(NumberLiteral(value: Rational(n), text: String(n), lastPlace: nil, significantDigits: 0))
    }

    /// Free variable names.
    func variables(into set: inout Set<String>) {
        switch self {
        case .variable(let v): set.insert(v)
        case .number, .constant, .text, .choice: break
        case .neg(let a), .factorial(let a): a.variables(into: &set)
        case .add(let a, let b), .sub(let a, let b), .mul(let a, let b), .div(let a, let b), .pow(let a, let b):
            a.variables(into: &set); b.variables(into: &set)
        case .interval(let a, let b, _, _): a.variables(into: &set); b.variables(into: &set)
        case .plusMinus(let a, let b): a?.variables(into: &set); b.variables(into: &set)
        case .function(_, let xs), .tuple(let xs), .set(let xs), .list(let xs), .union(let xs), .relation(let xs, _):
            for x in xs { x.variables(into: &set) }
        case .matrix(let rows): for r in rows { for x in r { x.variables(into: &set) } }
        }
    }

    var variables: Set<String> { var s = Set<String>(); variables(into: &s); return s }

    var containsText: Bool {
        switch self {
        case .text: return true
        case .neg(let a), .factorial(let a): return a.containsText
        case .add(let a, let b), .sub(let a, let b), .mul(let a, let b), .div(let a, let b), .pow(let a, let b):
            return a.containsText || b.containsText
        default: return false
        }
    }

    /// The answer kind name reported in ``MathComparison/kind``.
    var kindName: String {
        switch self {
        case .tuple: return "tuple"
        case .interval: return "interval"
        case .set: return "set"
        case .list: return "list"
        case .union: return "union"
        case .matrix: return "matrix"
        case .relation(let xs, let ops):
            if ops == [.member] { return xs[1].kindName }
            return ops == [.eq] ? "equation" : "inequality"
        case .text: return "text"
        case .choice: return "choice"
        default: return variables.isEmpty ? "number" : "expression"
        }
    }
}
