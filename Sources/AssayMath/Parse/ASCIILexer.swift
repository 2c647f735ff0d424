/// Byte-level twin of ``Lexer`` for plain ASCII text without carriage returns, where every `Character` is one
/// UTF-8 byte: the same tokens and errors, without grapheme breaking or `Character` comparisons.
/// Keep the two in step: any change to ``Lexer``'s rules must be made here too.
struct ASCIILexer {
    let bytes: [UInt8]
    let joinThousands: Bool

    init(bytes: [UInt8], joinThousands: Bool) {
        self.bytes = bytes
        self.joinThousands = joinThousands
    }

    func tokenize(_ ctx: MathContext) throws -> [Token] {
        var out: [Token] = []
        try lex(bytes[...], into: &out, ctx: ctx, depth: 0)
        return out
    }

    @inline(__always) static func isDigitByte(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) static func char(_ b: UInt8) -> Character { Character(Unicode.Scalar(b)) }
    static func text(_ s: ArraySlice<UInt8>) -> String { String(decoding: s, as: UTF8.self) }

    private func lex(_ cs: ArraySlice<UInt8>, into out: inout [Token], ctx: MathContext, depth: Int) throws {
        try ctx.checkDepth(depth * 8)
        var i = cs.startIndex
        let end = cs.endIndex
        func isDigit(_ k: Int) -> Bool { k < end && k >= cs.startIndex && ASCIILexer.isDigitByte(cs[k]) }
        let isLetter = ASCIINormalizer.isLetter
        var skipPower = false
        var bracketDepth = 0
        let comma = UInt8(ascii: ","), space = UInt8(ascii: " "), dot = UInt8(ascii: "."), backslash = UInt8(ascii: "\\")
        let commaSpace = zip(cs, cs.dropFirst()).contains { $0 == comma && $1 == space }
        while i < end {
            try ctx.tick()
            let c = cs[i]
            if c == space { i += 1; continue }
            if skipPower {
                skipPower = false
                if c == UInt8(ascii: "^") {
                    var k = i + 1
                    let braced = k < end && cs[k] == UInt8(ascii: "{")
                    if braced { k += 1 }
                    if isDigit(k) {
                        k += 1
                        if braced && k < end && cs[k] == UInt8(ascii: "}") { k += 1 }
                        i = k; continue
                    }
                }
            }
            if ASCIILexer.isDigitByte(c) || (c == dot && isDigit(i + 1)) {
                var k = i
                while isDigit(k) { k += 1 }
                let afterComma = i > cs.startIndex && cs[i - 1] == comma
                if joinThousands && k - i <= 3 && k - i >= 1 && !afterComma && (bracketDepth == 0 || commaSpace) {
                    while k + 3 < end + 1, k < end, cs[k] == comma, isDigit(k + 1), isDigit(k + 2), isDigit(k + 3), !isDigit(k + 4),
                          !(k + 4 < end && cs[k + 4] == dot) {
                        k += 4
                    }
                }
                if k < end && cs[k] == dot {
                    if isDigit(k + 1) {
                        k += 1
                        while isDigit(k) { k += 1 }
                    } else if k + 1 < end && cs[k + 1] == backslash {
                        k += 1   // `0.\overline{3}`
                    }
                }
                if k < end, cs[k] == UInt8(ascii: "e") || cs[k] == UInt8(ascii: "E") {
                    var m = k + 1
                    if m < end, cs[m] == UInt8(ascii: "+") || cs[m] == UInt8(ascii: "-") { m += 1 }
                    if isDigit(m) {
                        while isDigit(m) { m += 1 }
                        k = m
                    }
                }
                out.append(.number(ASCIILexer.text(cs[i..<k]).replacingAll(",", "")))
                i = k
                continue
            }
            if isLetter(c) {
                var k = i
                while k < end && isLetter(cs[k]) { k += 1 }
                let run = ASCIILexer.text(cs[i..<k])
                i = k
                if Lexer.emitWord(run, into: &out) { skipPower = true }
                continue
            }
            if c == backslash {
                var k = i + 1
                guard k < end else { i = k; continue }
                if cs[k] == backslash { out.append(.rowSep); i = k + 1; continue }
                if cs[k] == UInt8(ascii: "{") { out.append(.lset); i = k + 1; continue }
                if cs[k] == UInt8(ascii: "}") { out.append(.rset); i = k + 1; continue }
                if cs[k] == UInt8(ascii: "|") { out.append(.sym("|")); i = k + 1; continue }
                if !isLetter(cs[k]) { i = k + 1; continue }
                while k < end && isLetter(cs[k]) { k += 1 }
                let name = ASCIILexer.text(cs[(i + 1)..<k])
                i = k
                if Lexer.textCommands.contains(name) {
                    let (content, next) = try ASCIILexer.bracedArgument(cs, from: i)
                    i = next
                    switch Lexer.textAction(ASCIILexer.text(content), command: name, into: &out) {
                    case .unit: skipPower = true
                    case .done: break
                    case .lexContent: try lex(content, into: &out, ctx: ctx, depth: depth + 1)
                    }
                    continue
                }
                if name == "begin" || name == "end" {
                    let (env, next) = try ASCIILexer.bracedArgument(cs, from: i)
                    i = next
                    out.append(.command(name + ":" + ASCIILexer.text(env).replacingAll("*", "")))
                    if name == "begin", env.starts(with: "array".utf8), i < end, cs[i] == UInt8(ascii: "{") {
                        i = try ASCIILexer.bracedArgument(cs, from: i).1   // column spec
                    }
                    continue
                }
                Lexer.emitCommand(name, into: &out)
                continue
            }
            switch c {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "!"), UInt8(ascii: "="):
                if i + 1 < end && cs[i + 1] == UInt8(ascii: "=") {
                    out.append(c == UInt8(ascii: "<") ? .command("le") : c == UInt8(ascii: ">") ? .command("ge")
                               : c == UInt8(ascii: "!") ? .command("ne") : .sym("="))
                    i += 2; continue
                }
                out.append(.sym(ASCIILexer.char(c)))
            case UInt8(ascii: "*"):
                if i + 1 < end && cs[i + 1] == UInt8(ascii: "*") { out.append(.sym("^")); i += 2; continue }
                out.append(.sym("*"))
            case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "("),
                 UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), comma,
                 UInt8(ascii: "|"), UInt8(ascii: "&"), UInt8(ascii: ";"):
                if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") { bracketDepth += 1 }
                if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") { bracketDepth -= 1 }
                out.append(.sym(ASCIILexer.char(c)))
            case UInt8(ascii: ":"):
                if cs[(i + 1)...].contains(where: { $0 != space }) { throw MathError.parse("ratio or time with ':'") }
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "?"):
                break
            default:
                throw MathError.parse("unexpected character \(ASCIILexer.char(c))")
            }
            i += 1
        }
    }

    /// Byte twin of ``Lexer/bracedArgument(_:from:)``.
    static func bracedArgument(_ cs: ArraySlice<UInt8>, from: Int) throws -> (ArraySlice<UInt8>, Int) {
        var i = from
        while i < cs.endIndex && cs[i] == UInt8(ascii: " ") { i += 1 }
        guard i < cs.endIndex else { return (cs[i..<i], i) }
        guard cs[i] == UInt8(ascii: "{") else { return (cs[i..<(i + 1)], i + 1) }
        var level = 0
        var k = i
        while k < cs.endIndex {
            if cs[k] == UInt8(ascii: "\\") { k += 2; continue }
            if cs[k] == UInt8(ascii: "{") { level += 1 }
            if cs[k] == UInt8(ascii: "}") { level -= 1; if level == 0 { return (cs[(i + 1)..<k], k + 1) } }
            k += 1
        }
        throw MathError.parse("unbalanced braces")
    }
}
