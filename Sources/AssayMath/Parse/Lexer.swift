/// Tokens produced by ``Lexer``.
enum Token: Equatable {
    case number(String)
    /// A variable letter, a function name (`sin`), a constant name (`pi`, `infty`) or a LaTeX symbol name (`\alpha`).
    case ident(String)
    /// A word of text (from `\text{…}` or plain words).
    case word(String)
    /// A structural LaTeX command (`frac`, `sqrt`, `begin:pmatrix`, `le`, …).
    case command(String)
    case sym(Character)
    case lset, rset, rowSep
}

/// Turns normalised text into tokens. Iterative; `\text{…}` contents are lexed in place.
struct Lexer {
    static let textCommands: Set<String> = [
        "text", "textbf", "mathrm", "mathbf", "textit", "mbox", "textrm", "mathit", "boldsymbol", "mathsf",
        "texttt", "emph", "textup", "textnormal", "bf", "rm", "it", "mathbb", "operatorname", "textsf", "hbox",
    ]
    static let structural: Set<String> = [
        "frac", "sqrt", "binom", "lfloor", "rfloor", "lceil", "rceil", "lvert", "rvert", "vert", "mid", "cup", "cap",
        "emptyset", "varnothing", "overline", "dot", "pm", "mp", "le", "ge", "ne", "lt", "gt", "in", "approx",
        "sim", "equiv", "infty", "pi", "to", "rightarrow", "Rightarrow", "implies", "cdots", "ldots", "dots",
        "setminus", "land", "lor", "wedge", "vee", "over", "choose", "perp", "parallel",
        "prime", "partial", "int", "sum", "prod", "lim", "forall", "exists", "quad", "cong", "not", "notin",
        "subset", "subseteq", "supset", "vec", "hat", "bar", "tilde", "widehat", "overrightarrow", "underline",
        "mathcal", "colon", "cdotp", "ell",
    ]

    let chars: [Character]
    let joinThousands: Bool

    init(_ text: String, joinThousands: Bool) {
        chars = Array(text)
        self.joinThousands = joinThousands
    }

    /// Tokens of `text`: on UTF-8 bytes when it is plain ASCII (same tokens), on `Character`s otherwise.
    static func tokens(_ text: String, joinThousands: Bool, ctx: MathContext) throws -> [Token] {
        let bytes = Array(text.utf8)
        if ASCIINormalizer.applies(bytes) { return try ASCIILexer(bytes: bytes, joinThousands: joinThousands).tokenize(ctx) }
        return try Lexer(text, joinThousands: joinThousands).tokenize(ctx)
    }

    func tokenize(_ ctx: MathContext) throws -> [Token] {
        var out: [Token] = []
        try lex(chars[...], into: &out, ctx: ctx, depth: 0)
        return out
    }

    private func lex(_ cs: ArraySlice<Character>, into out: inout [Token], ctx: MathContext, depth: Int) throws {
        try ctx.checkDepth(depth * 8)
        var i = cs.startIndex
        let end = cs.endIndex
        func isDigit(_ k: Int) -> Bool { k < end && k >= cs.startIndex && cs[k].isASCII && cs[k].isNumber }
        var skipPower = false
        var bracketDepth = 0
        // Inside brackets, `1,000` is a thousands separator only when elements are otherwise separated by ", ".
        let commaSpace = zip(cs, cs.dropFirst()).contains { $0 == "," && $1 == " " }
        while i < end {
            try ctx.tick()
            let c = cs[i]
            if c == " " { i += 1; continue }
            if skipPower {
                skipPower = false
                if c == "^" {
                    var k = i + 1
                    let braced = k < end && cs[k] == "{"
                    if braced { k += 1 }
                    if isDigit(k) {
                        k += 1
                        if braced && k < end && cs[k] == "}" { k += 1 }
                        i = k; continue
                    }
                }
            }
            if (c.isASCII && c.isNumber) || (c == "." && isDigit(i + 1)) {
                var k = i
                while isDigit(k) { k += 1 }
                let afterComma = i > cs.startIndex && cs[i - 1] == ","
                if joinThousands && k - i <= 3 && k - i >= 1 && !afterComma && (bracketDepth == 0 || commaSpace) {
                    while k + 3 < end + 1, k < end, cs[k] == ",", isDigit(k + 1), isDigit(k + 2), isDigit(k + 3), !isDigit(k + 4),
                          !(k + 4 < end && cs[k + 4] == ".") {
                        k += 4
                    }
                }
                if k < end && cs[k] == "." {
                    if isDigit(k + 1) {
                        k += 1
                        while isDigit(k) { k += 1 }
                    } else if k + 1 < end && cs[k + 1] == "\\" {
                        k += 1   // `0.\overline{3}`
                    }
                }
                if k < end, cs[k] == "e" || cs[k] == "E" {
                    var m = k + 1
                    if m < end, cs[m] == "+" || cs[m] == "-" { m += 1 }
                    if isDigit(m) {
                        while isDigit(m) { m += 1 }
                        k = m
                    }
                }
                out.append(.number(String(cs[i..<k]).replacingAll(",", "")))
                i = k
                continue
            }
            if c.isLetter {
                var k = i
                while k < end && cs[k].isLetter && cs[k].isASCII { k += 1 }
                if k == i { throw MathError.parse("unexpected character \(c)") }
                let run = String(cs[i..<k])
                i = k
                if Lexer.emitWord(run, into: &out) { skipPower = true }
                continue
            }
            if c == "\\" {
                var k = i + 1
                guard k < end else { i = k; continue }
                if cs[k] == "\\" { out.append(.rowSep); i = k + 1; continue }
                if cs[k] == "{" { out.append(.lset); i = k + 1; continue }
                if cs[k] == "}" { out.append(.rset); i = k + 1; continue }
                if cs[k] == "|" { out.append(.sym("|")); i = k + 1; continue }
                if !cs[k].isLetter { i = k + 1; continue }
                while k < end && cs[k].isLetter { k += 1 }
                let name = String(cs[(i + 1)..<k])
                i = k
                if Lexer.textCommands.contains(name) {
                    let (content, next) = try Lexer.bracedArgument(cs, from: i)
                    i = next
                    if try emitText(content, command: name, into: &out, ctx: ctx, depth: depth) { skipPower = true }
                    continue
                }
                if name == "begin" || name == "end" {
                    let (env, next) = try Lexer.bracedArgument(cs, from: i)
                    i = next
                    out.append(.command(name + ":" + String(env).replacingAll("*", "")))
                    if name == "begin", env.starts(with: Array("array")), i < end, cs[i] == "{" {
                        i = try Lexer.bracedArgument(cs, from: i).1   // column spec
                    }
                    continue
                }
                Lexer.emitCommand(name, into: &out)
                continue
            }
            switch c {
            case "<", ">", "!", "=":
                if i + 1 < end && cs[i + 1] == "=" {
                    out.append(c == "<" ? .command("le") : c == ">" ? .command("ge") : c == "!" ? .command("ne") : .sym("="))
                    i += 2; continue
                }
                out.append(.sym(c))
            case "*":
                if i + 1 < end && cs[i + 1] == "*" { out.append(.sym("^")); i += 2; continue }
                out.append(.sym("*"))
            case "+", "-", "/", "^", "_", "(", ")", "[", "]", "{", "}", ",", "|", "&", ";":
                if c == "(" || c == "[" { bracketDepth += 1 }
                if c == ")" || c == "]" { bracketDepth -= 1 }
                out.append(.sym(c))
            case ":":
                // `4:30`, ratios: not arithmetic. A trailing colon is harmless.
                if cs[(i + 1)...].contains(where: { $0 != " " }) { throw MathError.parse("ratio or time with ':'") }
            case "'", "\"", "?":
                break
            default:
                throw MathError.parse("unexpected character \(c)")
            }
            i += 1
        }
    }

    /// Emits the token for a LaTeX command `\\name` that is not a text wrapper or an environment.
    static func emitCommand(_ name: String, into out: inout [Token]) {
        switch name {
        case "times", "cdot", "ast", "star": out.append(.sym("*"))
        case "div": out.append(.sym("/"))
        case "lbrace": out.append(.lset)
        case "rbrace": out.append(.rset)
        case "lbrack": out.append(.sym("["))
        case "rbrack": out.append(.sym("]"))
        case "langle": out.append(.sym("("))
        case "rangle": out.append(.sym(")"))
        case "lparen": out.append(.sym("("))
        case "rparen": out.append(.sym(")"))
        case "leqslant", "leq": out.append(.command("le"))
        case "geqslant", "geq": out.append(.command("ge"))
        case "neq": out.append(.command("ne"))
        case "infin": out.append(.ident("infty"))
        case "assaydegree": out.append(.command("degree"))   // see DegreeMarkers
        default:
            if name == "frac" || name == "sqrt" || name == "binom" { out.append(.command(name)) }
            else if Vocabulary.functions.contains(name) { out.append(.ident(name)) }
            else if let alias = Vocabulary.functionAliases[name], !alias.isEmpty { out.append(.ident(alias)) }
            else if name == "pi" || name == "infty" { out.append(.ident(name)) }
            else if Lexer.structural.contains(name) { out.append(.command(name)) }
            else { out.append(.ident("\\" + name)) }
        }
    }

    /// Emits tokens for a plain letter run. Returns true when a unit was dropped.
    static func emitWord(_ run: String, into out: inout [Token]) -> Bool {
        let lower = run.lowercased()
        if Vocabulary.connectives.contains(lower) { out.append(.sym(",")); return false }
        if Vocabulary.functions.contains(run) { out.append(.ident(run)); return false }
        if let alias = Vocabulary.functionAliases[run], !alias.isEmpty { out.append(.ident(alias)); return false }
        if Vocabulary.constantsPlain[lower] != nil { out.append(.ident(lower == "pi" ? "pi" : "infty")); return false }
        if Vocabulary.isPlainUnit(lower) && !out.isEmpty { return true }
        if Vocabulary.shortWords.contains(lower) || run.count >= 4 {
            // A function name glued to a short variable: `sinx`, `sqrtx`.
            for f in ["arcsin", "arccos", "arctan", "sqrt", "sin", "cos", "tan", "exp", "log", "ln"] where run.hasPrefix(f) {
                let rest = run.dropFirst(f.count)
                if rest.count <= 2 && !rest.isEmpty {
                    out.append(.ident(f))
                    for ch in rest { out.append(.ident(String(ch))) }
                    return false
                }
            }
            out.append(.word(run))
            return false
        }
        for ch in run { out.append(.ident(String(ch))) }
        return false
    }

    /// Handles `\text{…}`-like commands. Returns true when the content was a unit and was dropped.
    private func emitText(_ content: ArraySlice<Character>, command: String, into out: inout [Token],
                          ctx: MathContext, depth: Int) throws -> Bool {
        switch Lexer.textAction(String(content), command: command, into: &out) {
        case .unit: return true
        case .done: return false
        case .lexContent:
            try lex(content, into: &out, ctx: ctx, depth: depth + 1)
            return false
        }
    }

    /// What a `\text{…}`-like command turned into.
    enum TextAction { case unit, done, lexContent }

    /// Emits the tokens of a `\text{…}`-like command's `content`, or says that it is a dropped unit or must be lexed.
    static func textAction(_ content: String, command: String, into out: inout [Token]) -> TextAction {
        let s = content.trimmedSpaces
        let lower = s.lowercased()
        if s.isEmpty { return .done }
        if command == "operatorname" {
            let name = Vocabulary.functionAliases[s] ?? s
            out.append(Vocabulary.functions.contains(name) ? .ident(name) : .ident("\\" + s))
            return .done
        }
        if Vocabulary.connectives.contains(lower) { out.append(.sym(",")); return .done }
        let words = lower.split(whereSeparator: { !$0.isLetter }).map(String.init)
        let hasDigits = s.contains(where: { $0.isNumber })
        if !words.isEmpty && !hasDigits && words.allSatisfy({ Vocabulary.units.contains($0) }) { return .unit }
        if command == "mathbb" {
            if s == "R" { out += [.sym("("), .sym("-"), .ident("infty"), .sym(","), .ident("infty"), .sym(")")] }
            else { out.append(.word("\\mathbb{\(s)}")) }
            return .done
        }
        let longWord = words.contains { $0.count >= 2 && !Vocabulary.functions.contains($0) && Vocabulary.constantsPlain[$0] == nil }
        if longWord {
            out.append(.word(s))
            return .done
        }
        return .lexContent
    }

    /// Reads `{…}` (matching nested braces) starting at `from` (spaces allowed before it).
    /// A missing brace reads a single character. Returns the content and the index after it.
    static func bracedArgument(_ cs: ArraySlice<Character>, from: Int) throws -> (ArraySlice<Character>, Int) {
        var i = from
        while i < cs.endIndex && cs[i] == " " { i += 1 }
        guard i < cs.endIndex else { return (cs[i..<i], i) }
        guard cs[i] == "{" else { return (cs[i..<(i + 1)], i + 1) }
        var level = 0
        var k = i
        while k < cs.endIndex {
            if cs[k] == "\\" { k += 2; continue }
            if cs[k] == "{" { level += 1 }
            if cs[k] == "}" { level -= 1; if level == 0 { return (cs[(i + 1)..<k], k + 1) } }
            k += 1
        }
        throw MathError.parse("unbalanced braces")
    }
}

extension String {
    func replacingAll(_ a: Character, _ b: String) -> String {
        var r = ""
        r.reserveCapacity(utf8.count)
        for c in self { if c == a { r += b } else { r.append(c) } }
        return r
    }

    var trimmedSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " { s.removeFirst() }
        while let l = s.last, l == " " { s.removeLast() }
        return String(s)
    }
}
