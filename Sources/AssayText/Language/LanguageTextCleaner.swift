/// Removes from a text what belongs to no natural language before language
/// identification: fenced and inline code, LaTeX/math, URLs, e-mail addresses,
/// numbers and XML-ish tags.
///
/// The cleaner is a single forward scanner over UTF-8 bytes. Every search for a
/// closing delimiter either succeeds (and the scanner jumps past it) or fails,
/// in which case the failure is remembered so no later opener of the same kind
/// searches again; the total work is therefore linear in the input size, also
/// for adversarial inputs such as a megabyte of `$` or unclosed `\begin{`.
///
/// Removed stretches are replaced by a space (fenced code blocks by a newline,
/// which also ends a sentence). An unclosed fenced code block (```` ``` ````)
/// extends to the end of the text; other unclosed delimiters are dropped on their own.
public enum LanguageTextCleaner {
    /// Returns `text` with code, math, URLs, e-mail addresses, numbers and tags removed.
    public static func clean(_ text: String) -> String {
        var copy = text
        let bytes = copy.withUTF8 { cleanBytes($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Byte-level cleaning used by ``LanguageIdentifier``.
    static func cleanBytes(_ s: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var scanner = CleaningScanner(s)
        scanner.run()
        return scanner.out
    }
}

/// The linear-time scanner behind ``LanguageTextCleaner``.
struct CleaningScanner {
    let s: UnsafeBufferPointer<UInt8>
    let n: Int
    var out: [UInt8] = []
    var i = 0
    /// Smallest start position from which a search for each closer failed.
    var failedFrom = [Int](repeating: Int.max, count: Closer.allCases.count)
    var beginFailed = false

    enum Closer: Int, CaseIterable {
        case fence, tick, doubleDollar, dollar, paren, bracket, end
        var bytes: [UInt8] { Self.table[rawValue] }
        static let table: [[UInt8]] = [
            [0x60, 0x60, 0x60], [0x60], [0x24, 0x24], [0x24],
            [0x5C, 0x29],  // \)
            [0x5C, 0x5D],  // \]
            Array("\\end{".utf8),
        ]
    }

    init(_ s: UnsafeBufferPointer<UInt8>) {
        self.s = s
        self.n = s.count
        out.reserveCapacity(s.count)
    }

    @inline(__always)
    func at(_ j: Int) -> UInt8 { j < n ? s[j] : 0 }

    @inline(__always)
    func matches(_ pattern: [UInt8], at j: Int) -> Bool {
        guard j + pattern.count <= n else { return false }
        for k in 0..<pattern.count where s[j + k] != pattern[k] { return false }
        return true
    }

    /// Position of the next `closer` at or after `from`, remembering failures.
    mutating func find(_ closer: Closer, from: Int) -> Int? {
        if from >= failedFrom[closer.rawValue] { return nil }
        let p = closer.bytes
        let first = p[0]
        var j = from
        while j + p.count <= n {
            if s[j] == first && matches(p, at: j) { return j }
            j += 1
        }
        failedFrom[closer.rawValue] = min(failedFrom[closer.rawValue], from)
        return nil
    }

    @inline(__always)
    static func isAlnum(_ b: UInt8) -> Bool {
        let l = b | 0x20
        return (l >= 0x61 && l <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    mutating func run() {
        while i < n {
            let b = s[i]
            switch b {
            case 0x60: backtick()
            case 0x24: dollar()
            case 0x5C: backslash()
            case 0x30...0x39: number()
            case 0x3C: tag()
            case 0x40: email()
            case 0x68, 0x66, 0x77:  // h, f, w
                if !url() { out.append(b); i += 1 }
            default:
                out.append(b)
                i += 1
            }
        }
    }

    mutating func backtick() {
        if matches(Closer.fence.bytes, at: i) {
            if let j = find(.fence, from: i + 3) { i = j + 3 } else { i = n }
            out.append(0x0A)
        } else if let j = find(.tick, from: i + 1) {
            i = j + 1
            out.append(0x20)
        } else {
            i += 1
        }
    }

    mutating func dollar() {
        if at(i + 1) == 0x24 {
            if let j = find(.doubleDollar, from: i + 2) { i = j + 2 } else { i += 2 }
        } else if let j = find(.dollar, from: i + 1) {
            i = j + 1
        } else {
            i += 1
        }
        out.append(0x20)
    }

    mutating func backslash() {
        let next = at(i + 1)
        switch next {
        case 0x28:  // \(
            if let j = find(.paren, from: i + 2) { i = j + 2 } else { i += 2 }
        case 0x5B:  // \[
            if let j = find(.bracket, from: i + 2) { i = j + 2 } else { i += 2 }
        case _ where (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A:
            command()
        default:
            i += 2  // \\, \, \$ \{ ... or a lone backslash
        }
        out.append(0x20)
    }

    /// `\name` possibly followed by `{…}` arguments, or a `\begin{env}…\end{env}` block.
    mutating func command() {
        var j = i + 1
        while j < n, ((s[j] | 0x20) >= 0x61 && (s[j] | 0x20) <= 0x7A) { j += 1 }
        let isBegin = j - i == 6 && matches(Self.beginName, at: i)
        if isBegin && !beginFailed, let end = environmentEnd(from: j) {
            i = end
            return
        }
        if isBegin { beginFailed = true }
        // Skip up to a few balanced brace groups, each bounded in length.
        var groups = 0
        while groups < 4, at(j) == 0x7B, let close = balancedBrace(from: j, limit: 512) {
            j = close + 1
            groups += 1
        }
        i = j
    }

    /// Index just past the `}` of the `\end{…}` matching a `\begin` whose name ends at `from`.
    mutating func environmentEnd(from: Int) -> Int? {
        var depth = 1
        var j = from
        while true {
            guard let e = find(.end, from: j) else { return nil }
            // Count nested \begin{ between j and e.
            var k = j
            while k < e {
                if s[k] == 0x5C && matches(Self.beginBrace, at: k) { depth += 1; k += 7 } else { k += 1 }
            }
            depth -= 1
            var close = e + 5
            while close < n && close - e < 64 && s[close] != 0x7D { close += 1 }
            j = close + 1
            if depth == 0 { return min(j, n) }
        }
    }

    /// Index of the `}` closing the `{` at `from`, searching at most `limit` bytes.
    func balancedBrace(from: Int, limit: Int) -> Int? {
        var depth = 0
        var j = from
        let stop = min(n, from + limit)
        while j < stop {
            switch s[j] {
            case 0x7B: depth += 1
            case 0x7D:
                depth -= 1
                if depth == 0 { return j }
            case 0x5C: j += 1
            default: break
            }
            j += 1
        }
        return nil
    }

    /// Digits with embedded `.`/`,` separators become one space.
    mutating func number() {
        var j = i + 1
        while j < n {
            let c = s[j]
            if c >= 0x30 && c <= 0x39 {
                j += 1
            } else if (c == 0x2E || c == 0x2C) && j + 1 < n && s[j + 1] >= 0x30 && s[j + 1] <= 0x39 {
                j += 2
            } else {
                break
            }
        }
        i = j
        out.append(0x20)
    }

    /// `<tag …>`, `</tag>`, `<tag/>` and `<|special|>` tokens.
    mutating func tag() {
        var j = i + 1
        if at(j) == 0x7C {  // <|...|>
            let stop = min(n, i + 64)
            var k = j + 1
            while k + 1 < stop {
                if s[k] == 0x7C && s[k + 1] == 0x3E { i = k + 2; out.append(0x20); return }
                k += 1
            }
        } else {
            if at(j) == 0x2F { j += 1 }
            if (at(j) | 0x20) >= 0x61 && (at(j) | 0x20) <= 0x7A {
                let stop = min(n, i + 256)
                while j < stop {
                    let c = s[j]
                    if c == 0x3E { i = j + 1; out.append(0x20); return }
                    if c == 0x3C || c == 0x0A { break }
                    j += 1
                }
            }
        }
        out.append(0x3C)
        i += 1
    }

    @inline(__always)
    static func isEmailLocal(_ b: UInt8) -> Bool {
        isAlnum(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D
    }

    /// `local@domain.tld`: removes the local part already copied and skips the domain.
    mutating func email() {
        var j = i + 1
        var dot = false
        while j < n, Self.isAlnum(s[j]) || s[j] == 0x2D || (s[j] == 0x2E && Self.isAlnum(at(j + 1))) {
            if s[j] == 0x2E { dot = true }
            j += 1
        }
        guard dot, let last = out.last, Self.isEmailLocal(last) else {
            out.append(0x40)
            i += 1
            return
        }
        while let c = out.last, Self.isEmailLocal(c) { out.removeLast() }
        out.append(0x20)
        i = j
    }

    static let urlStarts: [[UInt8]] = [
        Array("https://".utf8), Array("http://".utf8), Array("ftp://".utf8), Array("www.".utf8),
    ]
    static let beginName: [UInt8] = Array("\\begin".utf8)
    static let beginBrace: [UInt8] = Array("\\begin{".utf8)

    /// `http://`, `https://`, `ftp://`, `www.` up to whitespace or a delimiter.
    mutating func url() -> Bool {
        if let last = out.last, Self.isAlnum(last) { return false }
        guard Self.urlStarts.contains(where: { matches($0, at: i) }) else { return false }
        var j = i
        while j < n {
            let c = s[j]
            if Self.isSpace(c) || c == 0x3C || c == 0x3E || c == 0x22 || c == 0x27 || c == 0x60 { break }
            j += 1
        }
        i = j
        out.append(0x20)
        return true
    }
}
