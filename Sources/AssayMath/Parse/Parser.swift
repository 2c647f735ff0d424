/// Recursive-descent parser from ``Token``s to ``MathExpr`` with depth and node budgets.
struct Parser {
    var toks: [Token]
    var pos = 0
    let ctx: MathContext
    var depth = 0
    /// How many trig function arguments enclose the current position (degree signs convert to radians there).
    var trigArgDepth = 0

    init(tokens: [Token], ctx: MathContext) {
        toks = tokens
        self.ctx = ctx
    }

    /// Parses a whole answer: a comma/“or”-separated list of relations, then trailing unit words.
    static func parse(_ text: String, joinThousands: Bool, ctx: MathContext) throws -> MathExpr {
        let tokens = try Lexer.tokens(text, joinThousands: joinThousands, ctx: ctx)
        var p = Parser(tokens: tokens, ctx: ctx)
        let e = try p.parseTop()
        try e.checkHeight(limit: ctx.budget.maxDepth * 2)
        return e
    }

    var peek: Token? { pos < toks.count ? toks[pos] : nil }
    var atEnd: Bool { pos >= toks.count }
    mutating func advance() { pos += 1 }

    mutating func accept(_ c: Character) -> Bool {
        if peek == .sym(c) { pos += 1; return true }
        return false
    }
    mutating func acceptCommand(_ name: String) -> Bool {
        if peek == .command(name) { pos += 1; return true }
        return false
    }
    mutating func expect(_ c: Character) throws {
        guard accept(c) else { throw MathError.parse("expected \(c)") }
    }

    mutating func enter() throws {
        depth += 1
        try ctx.checkDepth(depth)
        try ctx.countNode()
    }
    mutating func leave() { depth -= 1 }

    mutating func parseTop() throws -> MathExpr {
        var items: [MathExpr] = []
        repeat {
            while accept(",") || accept(";") {}
            if atEnd { break }
            let item = try parseRelation()
            items.append(item)
            if case .text = item {} else {
                while case .word = peek { advance() }   // trailing units / words after a value
            }
        } while accept(",") || accept(";")
        guard atEnd else { throw MathError.parse("unexpected \(describe(peek))") }
        guard !items.isEmpty else { throw MathError.parse("empty answer") }
        return items.count == 1 ? items[0] : .list(items)
    }

    func describe(_ t: Token?) -> String {
        guard let t else { return "end of input" }
        switch t {
        case .number(let s): return s
        case .ident(let s), .word(let s): return s
        case .command(let s): return "\\" + s
        case .sym(let c): return String(c)
        case .lset: return "\\{"
        case .rset: return "\\}"
        case .rowSep: return "\\\\"
        }
    }

    func relOp(_ t: Token?) -> RelOp? {
        switch t {
        case .sym("=")?: return .eq
        case .sym("<")?: return .lt
        case .sym(">")?: return .gt
        case .command("le")?: return .le
        case .command("ge")?: return .ge
        case .command("lt")?: return .lt
        case .command("gt")?: return .gt
        case .command("ne")?: return .ne
        case .command("in")?: return .member
        case .command("approx")?, .command("equiv")?, .command("sim")?, .command("cong")?: return .eq
        default: return nil
        }
    }

    mutating func parseRelation() throws -> MathExpr {
        var xs = [try parseUnion()]
        var ops: [RelOp] = []
        while let op = relOp(peek) {
            advance()
            ops.append(op)
            xs.append(try parseUnion())
        }
        return ops.isEmpty ? xs[0] : .relation(xs, ops)
    }

    mutating func parseUnion() throws -> MathExpr {
        let first = try parseSetOperation()
        var parts = [first]
        while acceptCommand("cup") || (peek == .ident("U") && pos + 1 < toks.count && (toks[pos + 1] == .sym("(") || toks[pos + 1] == .sym("["))) {
            if peek == .ident("U") { advance() }
            parts.append(try parseSetOperation())
        }
        return parts.count == 1 ? first : .union(parts)
    }

    mutating func parseAdditive() throws -> MathExpr {
        var lhs = try parseTerm()
        while true {
            if accept("+") { lhs = .add(lhs, try parseTerm()) }
            else if accept("-") { lhs = .sub(lhs, try parseTerm()) }
            else if acceptCommand("pm") || acceptCommand("mp") { lhs = .plusMinus(lhs, try parseTerm()) }
            else { return lhs }
            try ctx.countNode()
        }
    }

    mutating func parseTerm() throws -> MathExpr {
        var lhs = try parseUnary()
        while true {
            if accept("*") { lhs = .mul(lhs, try parseUnary()) }
            else if accept("/") { lhs = .div(lhs, try parseUnary()) }
            else if startsImplicitFactor(peek) { lhs = .mul(lhs, try parsePower()) }
            else { return lhs }
            try ctx.countNode()
        }
    }

    func startsImplicitFactor(_ t: Token?) -> Bool {
        switch t {
        case .number?, .ident?: return true
        case .sym("(")?, .sym("{")?: return true
        case .command(let c)?:
            return ["frac", "sqrt", "binom", "lfloor", "lceil", "pi", "infty", "lvert"].contains(c)
        default: return false
        }
    }

    mutating func parseUnary() throws -> MathExpr {
        try enter(); defer { leave() }
        if accept("-") { return .neg(try parseUnary()) }
        if accept("+") { return try parseUnary() }
        if acceptCommand("pm") || acceptCommand("mp") { return .plusMinus(nil, try parseUnary()) }
        return try parsePower()
    }

    mutating func parsePower() throws -> MathExpr {
        var base = try parsePostfix()
        if accept("^") {
            base = .pow(base, try parseExponent())
            while accept("!") { base = .factorial(base) }
        }
        return base
    }

    mutating func parseExponent() throws -> MathExpr {
        try enter(); defer { leave() }
        if accept("-") { return .neg(try parseExponent()) }
        if accept("+") { return try parseExponent() }
        return try parsePower()
    }

    mutating func parsePostfix() throws -> MathExpr {
        var p = try parsePrimary()
        while accept("!") { p = .factorial(p) }
        // A degree sign (see DegreeMarkers): radians inside a trig argument, dropped elsewhere.
        while acceptCommand("degree") {
            if trigArgDepth > 0 { p = .mul(p, .div(.constant(.pi), .int(180))) }
        }
        return p
    }

    /// A braced group `{…}`, or a single token argument (`\frac12` splits digits).
    mutating func parseArg() throws -> MathExpr {
        if accept("{") {
            let e = try parseRelation()
            try expect("}")
            return e
        }
        if case .number(let s)? = peek, s.count > 1, s.allSatisfy({ $0.isASCII && $0.isNumber }) {
            toks[pos] = .number(String(s.dropFirst()))
            return .number(try Parser.literal(String(s.prefix(1)), ctx: ctx))
        }
        return try parsePrimary()
    }

    /// Comma-separated items until one of `closers`; returns the items and the closer seen.
    mutating func parseItems(until closers: [Token]) throws -> ([MathExpr], Token) {
        var items: [MathExpr] = []
        if let t = peek, closers.contains(t) { advance(); return ([], t) }
        while true {
            items.append(try parseRelation())
            if accept(",") || accept(";") { continue }
            guard let t = peek, closers.contains(t) else { throw MathError.parse("expected closing bracket, got \(describe(peek))") }
            advance()
            return (items, t)
        }
    }
}
