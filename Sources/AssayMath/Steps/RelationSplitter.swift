/// A relation chain `s0 op0 s1 op1 s2 …` found in a math segment or a plain-text run.
struct RelationChain {
    enum Relation: Equatable {
        case eq, lt, gt, le, ge, ne, approx
        /// `\equiv`, `\sim`, `\in`…: a relation the checker does not evaluate.
        case other(String)

        var symbol: String {
            switch self {
            case .eq: "="
            case .lt: "<"
            case .gt: ">"
            case .le: "\\le"
            case .ge: "\\ge"
            case .ne: "\\ne"
            case .approx: "\\approx"
            case .other(let name): name
            }
        }
    }

    struct Side {
        /// The side's text with alignment marks removed.
        var text: String
        /// Byte offset of the side's first byte in the scanned text.
        var offset: Int
        /// Set when the side holds something that can never be evaluated (a matrix, an environment).
        var opaque: String?
        /// Set when the side is the previous align row's last side, carried to a row that starts with a relation.
        var carried = false
    }

    var sides: [Side]
    var relations: [Relation]
}

/// Splits LaTeX math (or a plain-text run) into relation chains.
///
/// Statements end at top-level commas that are not thousands separators, `;`, `\quad`, implication arrows
/// (`\implies`, `\Rightarrow`, `\to`…) and `\text{…}` holding only a connective (`and`, `so`, `thus`…). Rows of an
/// `align` end at `\\`; a row that starts with a relation continues the previous row's chain from its last side.
/// Brackets and braces nest: a relation inside them belongs to a side (and makes it uncheckable).
enum RelationSplitter {
    static let breakCommands: Set<String> = [
        "quad", "qquad", "implies", "impliedby", "Rightarrow", "Longrightarrow", "rightarrow", "longrightarrow", "to",
        "Leftrightarrow", "iff", "Longleftrightarrow", "therefore", "because", "hspace", "text", "mapsto",
        "Leftarrow", "leftarrow", "hfill", "newline", "cr",
    ]
    static let relationCommands: [String: RelationChain.Relation] = [
        "le": .le, "leq": .le, "leqslant": .le, "ge": .ge, "geq": .ge, "geqslant": .ge, "ne": .ne, "neq": .ne,
        "lt": .lt, "gt": .gt, "approx": .approx, "doteq": .eq,
    ]
    static let otherRelationCommands: Set<String> = [
        "equiv", "cong", "sim", "simeq", "propto", "in", "notin", "subset", "subseteq", "supset", "supseteq", "mid",
        "nmid", "perp", "parallel", "ll", "gg", "prec", "succ", "not", "nleq", "ngeq", "asymp", "vdash", "models",
        "coloneqq", "eqqcolon", "triangleq", "stackrel", "overset", "underset",
    ]
    static let connectives: Set<String> = [
        "and", "so", "thus", "then", "hence", "or", "i.e.", "ie", "which", "where", "since", "because", "giving",
        "gives", "we get", "so that", "therefore", "and so", "which gives", "meaning", "implies", "yields", "and thus",
        "and hence", "or equivalently", "that is", "also", "but", "while", "whereas", "when", "if", "as",
    ]
    static let textCommands: Set<String> = ["text", "textbf", "textit", "textrm", "mbox", "mathrm", "textnormal", "operatorname"]

    /// Chains in `b[range]`; offsets are absolute indices into `b`.
    /// In `plain` text `!=` is `≠`; in LaTeX `!` is a factorial (`7!=5040`).
    static func chains(_ b: [UInt8], _ range: Range<Int>, plain: Bool = false) -> [RelationChain] {
        var builder = Builder(bytes: b)
        var i = range.lowerBound
        let end = range.upperBound
        var depth = 0
        while i < end {
            let c = b[i]
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["):
                depth += 1
                builder.append(i)
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth = max(0, depth - 1)
                builder.append(i)
                i += 1
            case UInt8(ascii: "&"):
                builder.appendSpace(at: i)
                i += 1
            case UInt8(ascii: "\\"):
                i = command(b, at: i, end: end, depth: &depth, builder: &builder)
            case UInt8(ascii: ",") where depth == 0:
                if isThousandsComma(b, i, range) { builder.append(i) } else { builder.endStatement(row: false) }
                i += 1
            case UInt8(ascii: ";") where depth == 0:
                builder.endStatement(row: false)
                i += 1
            case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "!"):
                guard depth == 0 else {
                    builder.append(i)
                    i += 1
                    continue
                }
                let next = i + 1 < end ? b[i + 1] : 0
                if c == UInt8(ascii: "!") {
                    if plain && next == UInt8(ascii: "=") { builder.relation(.ne, at: i); i += 2 } else { builder.append(i); i += 1 }
                } else if plain && c != UInt8(ascii: "=") && next == c {
                    // GSM8K calculator marks `<<12*7=84>>` delimit a statement.
                    builder.endStatement(row: false)
                    i += 2
                } else if next == UInt8(ascii: "=") {
                    builder.relation(c == UInt8(ascii: "=") ? .eq : c == UInt8(ascii: "<") ? .le : .ge, at: i)
                    i += 2
                } else if c == UInt8(ascii: "=") && next == UInt8(ascii: ">") || c == UInt8(ascii: "<") && next == UInt8(ascii: "-") {
                    builder.endStatement(row: false)
                    i += 2
                } else {
                    builder.relation(c == UInt8(ascii: "=") ? .eq : c == UInt8(ascii: "<") ? .lt : .gt, at: i)
                    i += 1
                }
            case 0xE2 where depth == 0 && i + 2 < end:
                // ≤ ≥ ≠ ≈ ≡ and arrows.
                let (b1, b2) = (b[i + 1], b[i + 2])
                switch (b1, b2) {
                case (0x89, 0xA4): builder.relation(.le, at: i)
                case (0x89, 0xA5): builder.relation(.ge, at: i)
                case (0x89, 0xA0): builder.relation(.ne, at: i)
                case (0x89, 0x88): builder.relation(.approx, at: i)
                case (0x89, 0xA1): builder.relation(.other("≡"), at: i)
                case (0x86, _), (0x87, _), (0x9F, _): builder.endStatement(row: false)
                default:
                    builder.append(i); builder.append(i + 1); builder.append(i + 2)
                }
                i += 3
            default:
                builder.append(i)
                i += 1
            }
        }
        builder.endStatement(row: false)
        return builder.chains
    }

    /// Handles a backslash command at `i`; returns the index after it.
    private static func command(_ b: [UInt8], at i: Int, end: Int, depth: inout Int, builder: inout Builder) -> Int {
        guard i + 1 < end else { builder.append(i); return i + 1 }
        let n = b[i + 1]
        if n == UInt8(ascii: "\\") {
            if depth == 0 { builder.endStatement(row: true) } else { builder.append(i); builder.append(i + 1) }
            return i + 2
        }
        if n == UInt8(ascii: "{") || n == UInt8(ascii: "}") {
            depth = n == UInt8(ascii: "{") ? depth + 1 : max(0, depth - 1)
            builder.append(i); builder.append(i + 1)
            return i + 2
        }
        guard ByteText.isLetter(n) else {
            builder.append(i); builder.append(i + 1)
            return i + 2
        }
        var j = i + 1
        while j < end && ByteText.isLetter(b[j]) { j += 1 }
        let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
        if name == "begin" || name == "end" {
            guard let (env, after) = MathSegmentScanner.braced(b, from: j, end: end) else { return j }
            if MathSegmentScanner.displayEnvironments.contains(env) { return after }
            if name == "end" { return after }
            // A matrix, cases, array…: opaque up to its \end.
            let closer = "\\end{\(env)}"
            let close = MathSegmentScanner.find(b, closer, from: after, end: end) ?? end
            builder.opaque("\\begin{\(env)}", at: i)
            return min(end, close + closer.utf8.count)
        }
        if textCommands.contains(name), let (content, after) = bracedContent(b, from: j, end: end) {
            let words = content.lowercased().trimmed(of: " ,.:;()")
            if depth == 0 && (words.isEmpty || connectives.contains(words)) {
                builder.endStatement(row: false)
            } else {
                for k in i..<after { builder.append(k) }
            }
            return after
        }
        if depth == 0 {
            if let relation = relationCommands[name] { builder.relation(relation, at: i); return j }
            if otherRelationCommands.contains(name) { builder.relation(.other("\\" + name), at: i); return j }
            if breakCommands.contains(name) { builder.endStatement(row: false); return j }
        }
        for k in i..<j { builder.append(k) }
        return j
    }

    /// The text inside `{…}` at `from` (balanced, at most 200 bytes) and the index after the closing brace.
    static func bracedContent(_ b: [UInt8], from: Int, end: Int) -> (String, Int)? {
        var j = from
        while j < end && b[j] == 32 { j += 1 }
        guard j < end, b[j] == UInt8(ascii: "{") else { return nil }
        var depth = 0
        var k = j
        while k < end && k < j + 200 {
            if b[k] == UInt8(ascii: "{") { depth += 1 }
            if b[k] == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return (String(decoding: b[(j + 1)..<k], as: UTF8.self), k + 1) }
            }
            k += 1
        }
        return nil
    }

    /// `1,000` (a digit before, exactly three digits after): a thousands separator, not a list comma.
    static func isThousandsComma(_ b: [UInt8], _ i: Int, _ range: Range<Int>) -> Bool {
        guard i > range.lowerBound, ByteText.isDigit(b[i - 1]) else { return false }
        var first = i + 1
        // `729,\!000` and `1,\,000`: a thin space after the comma.
        if first + 1 < range.upperBound, b[first] == UInt8(ascii: "\\"), b[first + 1] == UInt8(ascii: "!") || b[first + 1] == UInt8(ascii: ",") {
            first += 2
        }
        guard first + 2 < range.upperBound else { return false }
        for k in first...(first + 2) where !ByteText.isDigit(b[k]) { return false }
        return first + 3 >= range.upperBound || !ByteText.isDigit(b[first + 3])
    }

    /// Accumulates sides and relations of the current statement.
    struct Builder {
        let bytes: [UInt8]
        var chains: [RelationChain] = []
        var sides: [RelationChain.Side] = []
        var relations: [RelationChain.Relation] = []
        var current: [UInt8] = []
        var currentStart: Int?
        var currentOpaque: String?
        /// The last side of the previous align row, for a row that starts with a relation.
        var carried: RelationChain.Side?

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func append(_ i: Int) {
            if currentStart == nil {
                if bytes[i] == 32 || bytes[i] == 10 || bytes[i] == 9 { return }
                currentStart = i
            }
            current.append(bytes[i] == 10 || bytes[i] == 9 ? 32 : bytes[i])
        }

        mutating func appendSpace(at i: Int) {
            if currentStart != nil { current.append(32) }
        }

        mutating func opaque(_ what: String, at i: Int) {
            if currentStart == nil { currentStart = i }
            currentOpaque = what
            current.append(contentsOf: Array(what.utf8))
        }

        mutating func finishSide() -> RelationChain.Side {
            let side = RelationChain.Side(
                text: String(decoding: current, as: UTF8.self), offset: currentStart ?? -1, opaque: currentOpaque)
            current.removeAll(keepingCapacity: true)
            currentStart = nil
            currentOpaque = nil
            return side
        }

        mutating func relation(_ r: RelationChain.Relation, at i: Int) {
            var side = finishSide()
            if sides.isEmpty, side.offset < 0, let carried {
                side = carried
                side.carried = true
                self.carried = nil
            }
            sides.append(side)
            relations.append(r)
        }

        mutating func endStatement(row: Bool) {
            let last = finishSide()
            sides.append(last)
            if !relations.isEmpty {
                chains.append(RelationChain(sides: sides, relations: relations))
            }
            carried = row ? (last.offset >= 0 ? last : carried) : nil
            sides.removeAll()
            relations.removeAll()
        }
    }
}
