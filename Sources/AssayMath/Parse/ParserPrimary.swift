import BigInt

extension Parser {
    mutating func parsePrimary() throws -> MathExpr {
        try enter(); defer { leave() }
        guard let t = peek else { throw MathError.parse("unexpected end of input") }
        advance()
        switch t {
        case .number(let s):
            return try parseNumber(s)
        case .ident(let name):
            return try parseIdent(name)
        case .word(let w):
            var words = [w]
            while case .word(let more)? = peek { words.append(more); advance() }
            return .text(words.joined(separator: " "))
        case .command(let c):
            return try parseCommand(c)
        case .sym("("), .sym("["):
            return try parseBracketed(open: t)
        case .sym("{"):
            let (items, _) = try parseItems(until: [.sym("}")])
            if items.count == 1 { return items[0] }
            return .set(items)
        case .lset:
            let (items, _) = try parseItems(until: [.rset])
            return .set(items)
        case .sym("|"):
            let e = try parseAdditive()
            try expect("|")
            return .function("abs", [e])
        default:
            throw MathError.parse("unexpected \(describe(t))")
        }
    }

    mutating func parseNumber(_ s: String) throws -> MathExpr {
        var lit = try Parser.literal(s, ctx: ctx)
        // Repeating decimal 0.\overline{3}.
        if s.utf8.contains(UInt8(ascii: ".")), peek == .command("overline") || peek == .command("dot") {
            advance()
            var rep = ""
            if accept("{") {
                guard case .number(let r)? = peek else { throw MathError.parse("bad repeating decimal") }
                advance(); rep = r
                try expect("}")
            } else if case .number(let r)? = peek { advance(); rep = r }
            guard !rep.isEmpty, rep.allSatisfy({ $0.isASCII && $0.isNumber }), rep.count <= 100 else {
                throw MathError.parse("bad repeating decimal")
            }
            let decimals = s.split(separator: ".", omittingEmptySubsequences: false).last.map { $0.count } ?? 0
            let repValue = Rational(BigInt(rep)!, BigInt(10).power(decimals) * (BigInt(10).power(rep.count) - 1))
            lit = NumberLiteral(value: lit.value + repValue, text: s + "\\overline{\(rep)}", lastPlace: nil, significantDigits: 0)
            return .number(lit)
        }
        // Base-b integer 204_5.
        if lit.lastPlace == nil, lit.value.isInteger, peek == .sym("_") {
            advance()
            let sub = try parseSubscript().filter { $0 != "{" && $0 != "}" }
            // Digits only (`Int` would take `+36`), and our own conversion: BigInt's traps on radix 36 (found by fuzzing).
            guard sub.utf8.allSatisfy({ (48...57).contains($0) }), let b = Int(sub), (2...36).contains(b),
                  let v = baseNumeralValue(s, base: b)
            else { throw MathError.parse("bad base subscript") }
            return .number(NumberLiteral(value: Rational(v), text: s + "_{\(b)}", lastPlace: nil, significantDigits: 0))
        }
        // Mixed number 2\frac14 = 9/4.
        if lit.lastPlace == nil, lit.value.isInteger, lit.value.signum >= 0, peek == .command("frac") {
            let savedToks = toks, savedPos = pos
            advance()
            let a = try parseArg(), b = try parseArg()
            if case .number(let na) = a, case .number(let nb) = b, na.value.isInteger, nb.value.isInteger,
               na.lastPlace == nil, nb.lastPlace == nil, !nb.value.isZero, na.value < nb.value {
                let v = lit.value + na.value / nb.value
                return .number(NumberLiteral(value: v, text: "\(s)\\frac{\(na.text)}{\(nb.text)}", lastPlace: nil, significantDigits: 0))
            }
            toks = savedToks; pos = savedPos
        }
        return .number(lit)
    }

    /// Exact value of a written number (`12`, `3.25`, `.5`, `3.2e5`), with its shown precision.
    static func literal(_ s: String, ctx: MathContext) throws -> NumberLiteral {
        if let fast = try smallLiteral(s, ctx: ctx) { return fast }
        var mantissa = Substring(s)
        var exp10 = 0
        if let eIdx = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<eIdx]
            guard let e = Int(String(s[s.index(after: eIdx)...]).replacingAll("+", "")), abs(e) <= ctx.budget.maxDigits else {
                throw MathError.limit("exponent too large in \(s.prefix(40))")
            }
            exp10 = e
        }
        var digits = ""
        var decimals = 0
        var seenDot = false
        for c in mantissa {
            if c == "." { seenDot = true; continue }
            digits.append(c)
            if seenDot { decimals += 1 }
        }
        if digits.isEmpty { digits = "0" }
        if digits.count > ctx.budget.maxDigits { throw MathError.limit("number with more than \(ctx.budget.maxDigits) digits") }
        guard let n = BigInt(digits) else { throw MathError.parse("bad number \(s)") }
        let scale = exp10 - decimals
        let value = scale >= 0 ? Rational(n * BigInt(10).power(scale)) : Rational(n, BigInt(10).power(-scale))
        let isDecimal = seenDot || exp10 != 0
        let sig = digits.drop(while: { $0 == "0" }).count
        let ulp: Rational? = isDecimal ? (scale >= 0 ? Rational(BigInt(10).power(scale)) : Rational(1, BigInt(10).power(-scale))) : nil
        return NumberLiteral(value: value, text: s, lastPlace: ulp, significantDigits: sig)
    }

    mutating func parseSubscript() throws -> String {
        if accept("{") {
            var depthB = 1
            var parts: [String] = []
            while let t = peek, depthB > 0 {
                advance()
                if t == .sym("{") { depthB += 1 }
                if t == .sym("}") { depthB -= 1; if depthB == 0 { break } }
                parts.append(describe(t))
            }
            return parts.joined()
        }
        guard let t = peek else { return "" }
        advance()
        if case .number(let s) = t, s.count > 1 {
            toks.insert(.number(String(s.dropFirst())), at: pos)
            return String(s.prefix(1))
        }
        return describe(t)
    }

    mutating func parseIdent(_ name: String) throws -> MathExpr {
        if Vocabulary.functions.contains(name) { return try parseFunction(name) }
        if name == "pi" { return .constant(.pi) }
        if name == "infty" { return .constant(.infinity) }
        if peek == .sym("_") {
            advance()
            return .variable(name + "_" + (try parseSubscript()))
        }
        if name == "e" { return .constant(.e) }
        if name == "i" { return .constant(.i) }
        if name == "C", peek == .sym("(") {
            let saved = pos
            advance()
            let (args, close) = try parseItems(until: [.sym(")")])
            if args.count == 2, close == .sym(")") { return .function("binom", args) }
            pos = saved
        }
        return .variable(name)
    }

    mutating func parseFunction(_ name: String) throws -> MathExpr {
        var base: MathExpr?
        if accept("_") { base = try parseArg() }
        var power: MathExpr?
        if accept("^") { power = try parseExponent() }
        let isTrig = DegreeMarkers.trigNames.contains(name)
        if isTrig { trigArgDepth += 1 }
        defer { if isTrig { trigArgDepth -= 1 } }
        var args: [MathExpr]
        if accept("(") {
            args = try parseItems(until: [.sym(")")]).0
        } else if peek == .sym("{") {
            args = [try parseArg()]
        } else {
            var p = try parsePower()
            while startsImplicitFactor(peek) {
                if case .ident(let n)? = peek, Vocabulary.functions.contains(n) { break }
                if peek == .sym("(") || peek == .sym("{") { break }
                p = .mul(p, try parsePower())
            }
            args = [p]
        }
        guard !args.isEmpty else { throw MathError.parse("\(name) without argument") }
        var fname = name
        if let base { args.append(base) }
        if name == "lg" { fname = "log" }
        if let power, case .neg(let inner) = power, case .number(let one) = inner, one.value == .one,
           ["sin", "cos", "tan", "sec", "csc", "cot"].contains(name) {
            return .function("arc" + name, args)
        }
        let f = MathExpr.function(fname, args)
        return power.map { .pow(f, $0) } ?? f
    }

    mutating func parseCommand(_ c: String) throws -> MathExpr {
        switch c {
        case "frac":
            let a = try parseArg(), b = try parseArg()
            return .div(a, b)
        case "binom":
            let a = try parseArg(), b = try parseArg()
            return .function("binom", [a, b])
        case "sqrt":
            if accept("[") {
                let n = try parseAdditive()
                try expect("]")
                return .function("root", [try parseArg(), n])
            }
            return .function("sqrt", [try parseArg()])
        case "lfloor":
            let e = try parseAdditive()
            guard acceptCommand("rfloor") else { throw MathError.parse("missing \\rfloor") }
            return .function("floor", [e])
        case "lceil":
            let e = try parseAdditive()
            guard acceptCommand("rceil") else { throw MathError.parse("missing \\rceil") }
            return .function("ceil", [e])
        case "lvert", "vert":
            let e = try parseAdditive()
            guard acceptCommand("rvert") || acceptCommand("vert") else { throw MathError.parse("missing \\rvert") }
            return .function("abs", [e])
        case "pi": return .constant(.pi)
        case "infty": return .constant(.infinity)
        case "emptyset", "varnothing": return .set([])
        default:
            if c.hasPrefix("begin:") { return try parseEnvironment(String(c.dropFirst(6))) }
            throw MathError.parse("unsupported \\\(c)")
        }
    }

    mutating func parseBracketed(open: Token) throws -> MathExpr {
        let (items, close) = try parseItems(until: [.sym(")"), .sym("]")])
        let openRound = open == .sym("("), closeRound = close == .sym(")")
        switch items.count {
        case 0: throw MathError.parse("empty brackets")
        case 1:
            guard openRound == closeRound else { throw MathError.parse("mismatched brackets") }
            return items[0]
        case 2:
            if openRound && closeRound {
                if items.contains(where: { $0.isInfinity }) {
                    return .interval(items[0], items[1], loClosed: false, hiClosed: false)
                }
                return .tuple(items)
            }
            return .interval(items[0], items[1], loClosed: !openRound, hiClosed: !closeRound)
        default:
            guard openRound == closeRound else { throw MathError.parse("mismatched brackets") }
            return .tuple(items)
        }
    }

    mutating func parseEnvironment(_ env: String) throws -> MathExpr {
        var rows: [[MathExpr]] = [[]]
        while true {
            guard let t = peek else { throw MathError.parse("unterminated \\begin{\(env)}") }
            if case .command(let c) = t, c.hasPrefix("end:") { advance(); break }
            if t == .rowSep { advance(); rows.append([]); continue }
            if t == .sym("&") { advance(); continue }
            rows[rows.count - 1].append(try parseRelation())
        }
        rows = rows.filter { !$0.isEmpty }
        guard !rows.isEmpty else { throw MathError.parse("empty \(env)") }
        if env.hasSuffix("matrix") || env == "array" {
            let width = rows[0].count
            guard rows.allSatisfy({ $0.count == width }) else { throw MathError.parse("ragged matrix") }
            let m = MathExpr.matrix(rows)
            return env == "vmatrix" || env == "Vmatrix" ? .function("det", [m]) : m
        }
        let flat = rows.flatMap { $0 }
        return flat.count == 1 ? flat[0] : .list(flat)
    }
}

extension MathExpr {
    var isInfinity: Bool {
        switch self {
        case .constant(.infinity): return true
        case .neg(let a): return a.isInfinity
        case .plusMinus(nil, let a): return a.isInfinity
        default: return false
        }
    }

    /// Iterative height check so that evaluation and rendering recursion stay bounded.
    func checkHeight(limit: Int) throws {
        var stack: [(MathExpr, Int)] = [(self, 1)]
        while let (e, h) = stack.popLast() {
            if h > limit { throw MathError.limit("expression deeper than \(limit)") }
            e.forEachChild { stack.append(($0, h + 1)) }
        }
    }

    /// Calls `body` on each of ``children`` in order, without building the array.
    func forEachChild(_ body: (MathExpr) -> Void) {
        switch self {
        case .number, .variable, .constant, .text, .choice: return
        case .neg(let a), .factorial(let a): body(a)
        case .add(let a, let b), .sub(let a, let b), .mul(let a, let b), .div(let a, let b), .pow(let a, let b): body(a); body(b)
        case .interval(let a, let b, _, _): body(a); body(b)
        case .plusMinus(let a, let b):
            if let a { body(a) }
            body(b)
        case .function(_, let xs), .tuple(let xs), .set(let xs), .list(let xs), .union(let xs), .relation(let xs, _): xs.forEach(body)
        case .matrix(let rows): for r in rows { r.forEach(body) }
        }
    }

    var children: [MathExpr] {
        switch self {
        case .number, .variable, .constant, .text, .choice: return []
        case .neg(let a), .factorial(let a): return [a]
        case .add(let a, let b), .sub(let a, let b), .mul(let a, let b), .div(let a, let b), .pow(let a, let b): return [a, b]
        case .interval(let a, let b, _, _): return [a, b]
        case .plusMinus(let a, let b): return (a.map { [$0] } ?? []) + [b]
        case .function(_, let xs), .tuple(let xs), .set(let xs), .list(let xs), .union(let xs), .relation(let xs, _): return xs
        case .matrix(let rows): return rows.flatMap { $0 }
        }
    }
}

/// The value of the decimal-digit numeral `digits` read in `base` (2…36); nil when a digit is not below the base.
private func baseNumeralValue(_ digits: String, base: Int) -> BigInt? {
    guard !digits.isEmpty else { return nil }
    var value = BigInt(0)
    for byte in digits.utf8 {
        let digit = Int(byte) - 48
        guard (0..<10).contains(digit), digit < base else { return nil }
        value = value * BigInt(base) + BigInt(digit)
    }
    return value
}
