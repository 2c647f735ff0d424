/// Canonical text rendering of a ``MathExpr`` (LaTeX-flavoured, fully parenthesised where needed).
extension MathExpr {
    var rendered: String { render(sorted: false) }

    /// - Parameter sorted: sort the elements of unordered containers (sets, lists) for a stable key.
    func render(sorted: Bool) -> String {
        func r(_ e: MathExpr) -> String { e.render(sorted: sorted) }
        func wrap(_ e: MathExpr) -> String {
            switch e {
            case .number(let n) where n.value.signum >= 0: return r(e)
            case .variable, .constant, .function, .tuple, .set: return r(e)
            default: return "(" + r(e) + ")"
            }
        }
        func items(_ xs: [MathExpr], unordered: Bool) -> String {
            var parts = xs.map(r)
            if unordered && sorted { parts.sort() }
            return parts.joined(separator: ", ")
        }
        switch self {
        case .number(let n): return n.lastPlace == nil ? n.value.description : n.text
        case .variable(let v): return v
        case .constant(let c):
            switch c {
            case .pi: return "\\pi"
            case .e: return "e"
            case .i: return "i"
            case .infinity: return "\\infty"
            }
        case .neg(let a): return "-" + wrap(a)
        case .add(let a, let b): return r(a) + " + " + r(b)
        case .sub(let a, let b):
            if case .add = b { return r(a) + " - (" + r(b) + ")" }
            if case .sub = b { return r(a) + " - (" + r(b) + ")" }
            return r(a) + " - " + r(b)
        case .mul(let a, let b): return wrap(a) + "*" + wrap(b)
        case .div(let a, let b): return "\\frac{" + r(a) + "}{" + r(b) + "}"
        case .pow(let a, let b): return wrap(a) + "^{" + r(b) + "}"
        case .function(let f, let args): return "\\" + f + "(" + args.map(r).joined(separator: ", ") + ")"
        case .factorial(let a): return wrap(a) + "!"
        case .plusMinus(let a, let b): return (a.map(r) ?? "") + " \\pm " + wrap(b)
        case .tuple(let xs): return "(" + items(xs, unordered: false) + ")"
        case .interval(let a, let b, let lc, let hc): return (lc ? "[" : "(") + r(a) + ", " + r(b) + (hc ? "]" : ")")
        case .set(let xs): return "\\{" + items(xs, unordered: true) + "\\}"
        case .list(let xs): return items(xs, unordered: true)
        case .union(let xs):
            var parts = xs.map(r)
            if sorted { parts.sort() }
            return parts.joined(separator: " \\cup ")
        case .matrix(let rows):
            return "\\begin{pmatrix}" + rows.map { $0.map(r).joined(separator: " & ") }.joined(separator: " \\\\ ") + "\\end{pmatrix}"
        case .relation(let xs, let ops):
            var s = r(xs[0])
            for (k, op) in ops.enumerated() { s += " " + op.rawValue + " " + r(xs[k + 1]) }
            return s
        case .text(let t): return "\\text{" + t + "}"
        case .choice(let c): return "(" + c + ")"
        }
    }
}
