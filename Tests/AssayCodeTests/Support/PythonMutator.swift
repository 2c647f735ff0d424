// Systematic mutants of Python reference solutions, for tests that check the code verifier rejects broken programs.
//
// `PythonMutator.mutate(source, function:, with:)` rewrites one top-level function of a whole module with one of five
// operators (see `PythonMutation`). It works on tokens, not text: a small tokenizer knows '…', "…", triple-quoted
// strings, the r/b/f/u prefixes (and rb/br/fr/rf), comments, backslash continuations, brackets and logical lines, so
// a `#`, `return` or `<` inside a string or comment is never touched and edits land on token boundaries. `\r\n` and
// `\r` are normalised to `\n` first; indentation is measured like Python's tokenizer (tabs to multiples of 8), and
// inserted code reuses the function's own indentation (tabs stay tabs). Sources that do not tokenize give nil.
//
// - returnValue: every own `return X` of the target (not those in nested `def`/`class` bodies; lambdas cannot hold
//   one) becomes `return __assay_mutant(X)` (`return __assay_mutant((a, b))` for a bare tuple; a bare `return`
//   becomes `return __assay_mutant(None)`). The helper is inserted before the first statement, or after the last
//   `from __future__` import: None → 0, bool → not v, numbers → v + 1 (−v or 1 where v + 1 == v, e.g. inf),
//   str → v + "?", bytes → v + b"?", list → reversed + [None], tuple → reversed + (None,), dict → a copy with a
//   fresh key, set/frozenset → plus a fresh element, anything else → object(). Returns that span several physical
//   lines (7 in MBPP) are rewritten too: the call is wrapped at token boundaries of a complete logical line, so
//   brackets balance by construction. nil if the function has no return of its own.
// - comparisonFlip: the first `<`, `<=`, `>`, `>=`, `==`, `!=` token in the body (`<` ↔ `>=`, `<=` ↔ `>`, `==` ↔ `!=`).
// - offByOne: the first integer literal in the body becomes value + 1, unless a `range(...)` call comes first, whose
//   stop bound `s` then becomes `(s) + 1` (a literal stop is just incremented).
// - emptyBody: the body becomes `return None`, keeping the docstring. nil if the body is only a docstring.
// - swappedArguments: the names of the first two positional parameters are swapped (`def f(a, b=1)` →
//   `def f(b, a=1)`; defaults and annotations stay put, so the signature stays valid). Needs two parameters before
//   any `*`, `*args` or `**kw` (positional-only ones count).
// "First" searches cover the whole body after the signature's colon, nested functions included.
// nil is also returned when the function is not a top-level `def`/`async def` (the last one wins if redefined).
//
// Measured (Python 3.11, every HumanEval item and the 971 MBPP items whose reference passes; HumanEval runs
// `prompt + canonical_solution + "\n" + test + "\ncheck(entry_point)"`, MBPP `test_setup_code + code + test_list`,
// 5 s timeout; a mutant is killed when the run fails). No mutant was syntactically invalid.
//
//   data set   operator          applicable  killed  survived  kill rate
//   HumanEval  returnValue              164     164         0     100.0%
//   HumanEval  comparisonFlip           112     112         0     100.0%
//   HumanEval  offByOne                 128     113        15      88.3%
//   HumanEval  emptyBody                164     164         0     100.0%
//   HumanEval  swappedArguments          44      27        17      61.4%
//   MBPP       returnValue              971     971         0     100.0%
//   MBPP       comparisonFlip           435     423        12      97.2%
//   MBPP       offByOne                 603     426       177      70.6%
//   MBPP       emptyBody                971     971         0     100.0%
//   MBPP       swappedArguments         415     317        98      76.4%
//
// returnValue and emptyBody have no survivors: no test accepts None or a changed value (a control run with an
// identity `__assay_mutant` passed all 1135 programs, so the kills come from the changed values, not from the
// helper). Survivors of the other operators are mostly equivalent mutants: symmetric functions (`add(x, y)`,
// `rectangle_perimeter(l, b)`), literals with no effect on the tested inputs (`max_so_far = -2147483648`,
// `[0] * n` tables fully overwritten), and comparisons on branches the tests do not reach.
// Also checked: over 2,896 top-level functions of the Python 3.11 standard library every mutant parses, code
// outside the target is unchanged (AST-equal), docstrings are kept, and each own `return` is wrapped exactly once.

import Foundation

/// One systematic way of breaking a Python function.
enum PythonMutation: String, CaseIterable, Sendable {
    /// Every `return X` of the target function (its own, not those of nested `def`s) becomes
    /// `return __assay_mutant(X)`, and a bare `return` becomes `return __assay_mutant(None)`. The helper is
    /// inserted at the top of the module and returns a different value of a similar type.
    case returnValue
    /// The first `<`, `<=`, `>`, `>=`, `==` or `!=` in the target function's body is flipped
    /// (`<` ↔ `>=`, `<=` ↔ `>`, `==` ↔ `!=`).
    case comparisonFlip
    /// The first integer literal in the target function's body becomes its value + 1, or, when a `range(...)`
    /// call comes first, that call's stop bound `s` becomes `(s) + 1`.
    case offByOne
    /// The target function's body is replaced by `return None`, keeping its docstring.
    case emptyBody
    /// The names of the target function's first two positional parameters are swapped (defaults and
    /// annotations stay where they are, so the signature stays valid). Needs at least two positional parameters.
    case swappedArguments
}

enum PythonMutator {
    /// The mutant of a full program `source` (a whole Python module) for `function` (the top-level function under
    /// test), or nil when the operator does not apply (no such top-level function, nothing to mutate, the source
    /// does not tokenize, or the mutant would equal the original). Line endings are normalised to `\n`.
    static func mutate(_ source: String, function: String, with mutation: PythonMutation) -> String? {
        let module = Module(bytes: normalisedLineEndings(source))
        guard let tokens = module.tokenize() else { return nil }
        let src = Module.Tokenized(bytes: module.bytes, tokens: tokens.tokens, lines: tokens.lines)
        guard let fn = src.topLevelFunction(named: function) else { return nil }
        let edits: [Edit]
        switch mutation {
        case .returnValue: edits = src.returnValueEdits(fn)
        case .comparisonFlip: edits = src.comparisonFlipEdits(fn)
        case .offByOne: edits = src.offByOneEdits(fn)
        case .emptyBody: edits = src.emptyBodyEdits(fn)
        case .swappedArguments: edits = src.swappedArgumentsEdits(fn)
        }
        guard !edits.isEmpty, let mutated = apply(edits, to: src.bytes) else { return nil }
        guard mutated != src.bytes else { return nil }
        return String(decoding: mutated, as: UTF8.self)
    }

    /// The function an MBPP `test_list` calls: in the first test that calls anything, the first called name that is
    /// not a keyword, a builtin or an attribute (`math.isclose`), so `assert set(f(x)) == {1}` gives `f`; when only
    /// builtins are called (MBPP 126 defines its own `sum`), the first of those.
    static func mbppTarget(testList: [String]) -> String? {
        for test in testList {
            let module = Module(bytes: normalisedLineEndings(test))
            guard let tokens = module.tokenize()?.tokens else { continue }
            let calls = tokens.indices.filter { k in
                k + 1 < tokens.count && tokens[k].kind == .name && module.isOp(tokens[k + 1], "(")
                    && !keywords.contains(module.text(tokens[k])) && (k == 0 || !module.isOp(tokens[k - 1], "."))
            }.map { module.text(tokens[$0]) }
            if let name = calls.first(where: { !builtins.contains($0) }) ?? calls.first { return name }
        }
        return nil
    }

    // MARK: - Implementation

    /// The helper every `returnValue` mutant calls (`INDENT` is replaced by the module's indentation unit).
    private static let helper = """
        def __assay_mutant(v):
        INDENT"Assay test mutant: a different value of a similar type."
        INDENTimport numbers
        INDENTif v is None:
        INDENTINDENTreturn 0
        INDENTif isinstance(v, bool):
        INDENTINDENTreturn not v
        INDENTif isinstance(v, numbers.Number):
        INDENTINDENTw = v + 1
        INDENTINDENTreturn w if w != v else (-v if v else 1)
        INDENTif isinstance(v, str):
        INDENTINDENTreturn v + "?"
        INDENTif isinstance(v, (bytes, bytearray)):
        INDENTINDENTreturn v + b"?"
        INDENTif isinstance(v, list):
        INDENTINDENTreturn v[::-1] + [None]
        INDENTif isinstance(v, tuple):
        INDENTINDENTreturn tuple(v[::-1]) + (None,)
        INDENTif isinstance(v, dict):
        INDENTINDENTw = v.copy()
        INDENTINDENTw[object()] = None
        INDENTINDENTreturn w
        INDENTif isinstance(v, (set, frozenset)):
        INDENTINDENTreturn v | {object()}
        INDENTreturn object()


        """

    private static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    private static let builtins: Set<String> = [
        "abs", "all", "any", "ascii", "bin", "bool", "bytearray", "bytes", "callable", "chr", "complex", "dict", "dir",
        "divmod", "enumerate", "eval", "filter", "float", "format", "frozenset", "getattr", "hasattr", "hash", "hex",
        "id", "int", "isinstance", "issubclass", "iter", "len", "list", "map", "max", "min", "next", "object", "oct",
        "ord", "pow", "print", "range", "repr", "reversed", "round", "set", "slice", "sorted", "str", "sum", "tuple",
        "type", "vars", "zip",
    ]

    struct Edit {
        var range: Range<Int>
        var replacement: String
    }

    /// `\r\n` and lone `\r` become `\n`.
    private static func normalisedLineEndings(_ source: String) -> [UInt8] {
        let utf8 = Array(source.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for (i, byte) in utf8.enumerated() {
            if byte == Ascii.cr {
                if i + 1 < utf8.count, utf8[i + 1] == Ascii.lf { continue }
                out.append(Ascii.lf)
            } else {
                out.append(byte)
            }
        }
        return out
    }

    /// Applies non-overlapping edits; nil if two overlap.
    private static func apply(_ edits: [Edit], to bytes: [UInt8]) -> [UInt8]? {
        var out = bytes
        var limit = Int.max
        for edit in edits.sorted(by: { ($0.range.lowerBound, $0.range.upperBound) > ($1.range.lowerBound, $1.range.upperBound) }) {
            guard edit.range.upperBound <= limit else { return nil }
            out.replaceSubrange(edit.range, with: Array(edit.replacement.utf8))
            limit = edit.range.lowerBound
        }
        return out
    }

    struct Module {
        var bytes: [UInt8]

        func text(_ token: Token) -> String { String(decoding: bytes[token.start..<token.end], as: UTF8.self) }

        func isOp(_ token: Token, _ op: String) -> Bool {
            token.kind == .op && token.end - token.start == op.utf8.count && bytes[token.start..<token.end].elementsEqual(op.utf8)
        }

        func isName(_ token: Token, _ name: String) -> Bool {
            token.kind == .name && token.end - token.start == name.utf8.count && bytes[token.start..<token.end].elementsEqual(name.utf8)
        }

        struct Tokenized {
            var bytes: [UInt8]
            var tokens: [Token]
            var lines: [LogicalLine]

            var module: Module { Module(bytes: bytes) }

            /// The last column-0 `def name(...)` (or `async def`), the one a caller gets.
            func topLevelFunction(named name: String) -> Function? {
                let m = module
                var found: Function?
                for (index, line) in lines.enumerated() where line.column == 0 {
                    var k = line.tokens.lowerBound
                    if m.isName(tokens[k], "async") { k += 1 }
                    guard k + 2 < line.tokens.upperBound, m.isName(tokens[k], "def"), m.isName(tokens[k + 1], name),
                        m.isOp(tokens[k + 2], "(")
                    else { continue }
                    let open = k + 2
                    guard let close = matchingClose(open, in: line),
                        let colon = (close + 1..<line.tokens.upperBound).first(where: {
                            tokens[$0].depth == tokens[open].depth && m.isOp(tokens[$0], ":")
                        })
                    else { continue }
                    var body = index + 1..<index + 1
                    if colon + 1 == line.tokens.upperBound {
                        while body.upperBound < lines.count, lines[body.upperBound].column > line.column {
                            body = body.lowerBound..<body.upperBound + 1
                        }
                        guard !body.isEmpty else { continue }
                    }
                    let bodyEnd = body.isEmpty ? line.tokens.upperBound : lines[body.upperBound - 1].tokens.upperBound
                    found = Function(
                        header: index, openParen: open, closeParen: close, colon: colon, body: body, bodyTokens: colon + 1..<bodyEnd)
                }
                return found
            }

            /// The index of the bracket closing the one at `open`, within `line`.
            func matchingClose(_ open: Int, in line: LogicalLine) -> Int? {
                (open + 1..<line.tokens.upperBound).first { tokens[$0].depth == tokens[open].depth && tokens[$0].kind == .op }
            }

            /// The leading whitespace of a logical line's first physical line.
            func indentation(of line: LogicalLine) -> String {
                String(decoding: bytes[line.lineStart..<tokens[line.tokens.lowerBound].start], as: UTF8.self)
            }

            /// The token ranges of the function's own code: the header's inline body and every body line that is
            /// not inside (or the header of) a nested `def` or `class`.
            func ownTokenRanges(_ fn: Function) -> [Range<Int>] {
                let m = module
                var ranges: [Range<Int>] = []
                if fn.body.isEmpty { ranges.append(fn.bodyTokens) }
                var nestedColumn: Int?
                for index in fn.body {
                    let line = lines[index]
                    if let column = nestedColumn, line.column > column { continue }
                    nestedColumn = nil
                    var first = tokens[line.tokens.lowerBound]
                    if m.isName(first, "async"), line.tokens.count > 1 { first = tokens[line.tokens.lowerBound + 1] }
                    if m.isName(first, "def") || m.isName(first, "class") {
                        nestedColumn = line.column
                        continue
                    }
                    ranges.append(line.tokens)
                }
                return ranges
            }

            func returnValueEdits(_ fn: Function) -> [Edit] {
                let m = module
                var edits: [Edit] = []
                for range in ownTokenRanges(fn) {
                    for k in range where m.isName(tokens[k], "return") {
                        let depth = tokens[k].depth
                        var end = k + 1
                        while end < range.upperBound, !(tokens[end].depth == depth && m.isOp(tokens[end], ";")) { end += 1 }
                        if end == k + 1 {
                            edits.append(Edit(range: tokens[k].end..<tokens[k].end, replacement: " __assay_mutant(None)"))
                            continue
                        }
                        let first = tokens[k + 1], last = tokens[end - 1]
                        let isTuple = (k + 1..<end).contains { tokens[$0].depth == depth && m.isOp(tokens[$0], ",") }
                        let space = first.start == tokens[k].end ? " " : ""
                        edits.append(
                            Edit(range: first.start..<first.start, replacement: space + (isTuple ? "__assay_mutant((" : "__assay_mutant(")))
                        edits.append(Edit(range: last.end..<last.end, replacement: isTuple ? "))" : ")"))
                    }
                }
                guard !edits.isEmpty else { return [] }
                edits.append(Edit(range: helperOffset..<helperOffset, replacement: helperText(fn)))
                return edits
            }

            /// After the last `from __future__ import` line, else before the first statement (leading comments such
            /// as a coding cookie stay first).
            var helperOffset: Int {
                let m = module
                var offset = lines.first?.lineStart ?? 0
                for line in lines where line.column == 0 && line.tokens.count >= 2 {
                    if m.isName(tokens[line.tokens.lowerBound], "from"), m.isName(tokens[line.tokens.lowerBound + 1], "__future__") {
                        offset = line.end
                    }
                }
                return offset
            }

            func helperText(_ fn: Function) -> String {
                var unit = "    "
                if let first = fn.body.first {
                    let indent = indentation(of: lines[first])
                    if indent.contains("\t") { unit = "\t" } else if !indent.isEmpty { unit = indent }
                }
                var text = PythonMutator.helper.replacingOccurrences(of: "INDENT", with: unit)
                if helperOffset > 0, bytes[helperOffset - 1] != Ascii.lf { text = "\n" + text }
                return text
            }

            func comparisonFlipEdits(_ fn: Function) -> [Edit] {
                let flips = ["<": ">=", ">=": "<", "<=": ">", ">": "<=", "==": "!=", "!=": "=="]
                for k in fn.bodyTokens where tokens[k].kind == .op {
                    if let flipped = flips[module.text(tokens[k])] {
                        return [Edit(range: tokens[k].start..<tokens[k].end, replacement: flipped)]
                    }
                }
                return []
            }

            func offByOneEdits(_ fn: Function) -> [Edit] {
                let m = module
                for k in fn.bodyTokens {
                    if tokens[k].kind == .integer {
                        return [incremented(k)]
                    }
                    guard m.isName(tokens[k], "range"), k + 1 < fn.bodyTokens.upperBound, m.isOp(tokens[k + 1], "("),
                        !m.isOp(tokens[k - 1], "."), let close = (k + 2..<tokens.count).first(where: { tokens[$0].depth == tokens[k + 1].depth })
                    else { continue }
                    var arguments: [Range<Int>] = []
                    var start = k + 2
                    for j in k + 2...close where j == close || (tokens[j].depth == tokens[k + 1].depth + 1 && m.isOp(tokens[j], ",")) {
                        if j > start { arguments.append(start..<j) }
                        start = j + 1
                    }
                    guard (1...3).contains(arguments.count) else { continue }
                    let stop = arguments[arguments.count == 1 ? 0 : 1]
                    let depth = tokens[stop.lowerBound].depth
                    if m.isOp(tokens[stop.lowerBound], "*") || m.isOp(tokens[stop.lowerBound], "**")
                        || stop.contains(where: { tokens[$0].depth == depth && (m.isOp(tokens[$0], "=") || m.isOp(tokens[$0], ":=")) })
                    {
                        continue
                    }
                    if stop.count == 1, tokens[stop.lowerBound].kind == .integer { return [incremented(stop.lowerBound)] }
                    return [
                        Edit(range: tokens[stop.lowerBound].start..<tokens[stop.lowerBound].start, replacement: "("),
                        Edit(range: tokens[stop.upperBound - 1].end..<tokens[stop.upperBound - 1].end, replacement: ") + 1"),
                    ]
                }
                return []
            }

            /// An integer literal + 1 (written in decimal; parenthesised `(literal + 1)` if it does not fit an Int).
            func incremented(_ k: Int) -> Edit {
                let literal = module.text(tokens[k])
                var digits = literal.replacingOccurrences(of: "_", with: "").lowercased()
                var radix = 10
                for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
                    digits.removeFirst(2)
                    radix = base
                }
                let replacement: String
                if let value = Int(digits, radix: radix), value < Int.max {
                    replacement = String(value + 1)
                } else {
                    replacement = "(\(literal) + 1)"
                }
                return Edit(range: tokens[k].start..<tokens[k].end, replacement: replacement)
            }

            func emptyBodyEdits(_ fn: Function) -> [Edit] {
                guard let firstLine = fn.body.first else {
                    if fn.bodyTokens.allSatisfy({ tokens[$0].kind == .string }) { return [] }
                    return [Edit(range: tokens[fn.bodyTokens.lowerBound].start..<tokens[fn.bodyTokens.upperBound - 1].end, replacement: "return None")]
                }
                let indent = indentation(of: lines[firstLine])
                let isDocstring = lines[firstLine].tokens.allSatisfy { tokens[$0].kind == .string }
                let rest = (isDocstring ? firstLine + 1 : firstLine)..<fn.body.upperBound
                guard let last = rest.last else { return [] }  // only a docstring: it already returns None
                return [Edit(range: lines[rest.lowerBound].lineStart..<lines[last].end, replacement: indent + "return None\n")]
            }

            func swappedArgumentsEdits(_ fn: Function) -> [Edit] {
                let m = module
                let depth = tokens[fn.openParen].depth + 1
                var names: [Int] = []
                var start = fn.openParen + 1
                for j in fn.openParen + 1...fn.closeParen where j == fn.closeParen || (tokens[j].depth == depth && m.isOp(tokens[j], ",")) {
                    defer { start = j + 1 }
                    guard j > start else { continue }
                    let first = tokens[start]
                    if m.isOp(first, "/") { continue }
                    guard first.kind == .name else { break }
                    names.append(start)
                    if names.count == 2 { break }
                }
                guard names.count == 2 else { return [] }
                let (a, b) = (tokens[names[0]], tokens[names[1]])
                return [
                    Edit(range: a.start..<a.end, replacement: module.text(b)),
                    Edit(range: b.start..<b.end, replacement: module.text(a)),
                ]
            }
        }
    }
}
