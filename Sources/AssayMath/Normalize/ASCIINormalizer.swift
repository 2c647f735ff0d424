/// Byte-level twin of ``Normalizer/normalize(_:budget:)`` for pure-ASCII input without carriage returns
/// (the common case). For such input every `Character` is one byte, so working on UTF-8 bytes gives exactly
/// the same result without grapheme breaking or `Character` comparisons.
enum ASCIINormalizer {
    /// True when `bytes` can take the byte path: ASCII only, and no `\r` (which could form a `\r\n` grapheme).
    static func applies(_ bytes: [UInt8]) -> Bool {
        for b in bytes where b >= 0x80 || b == 13 { return false }
        return true
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

    /// Normalises ASCII bytes (the caller checked ``applies(_:)``).
    static func normalize(_ input: [UInt8]) -> String {
        let sp = UInt8(ascii: " ")
        // Pass 1: tabs and newlines become spaces (the only ASCII mappings of `Normalizer.mapScalar`).
        var chars = input
        for k in chars.indices where chars[k] == 9 || chars[k] == 10 { chars[k] = sp }
        // Pass 2: commands, `~`, `$`, `%`, `{,}`.
        var res: [UInt8] = []
        res.reserveCapacity(chars.count)
        var i = 0
        let n = chars.count
        while i < n {
            let c = chars[i]
            if c == UInt8(ascii: "\\") && i + 1 < n {
                var j = i + 1
                if isLetter(chars[j]) {
                    while j < n && isLetter(chars[j]) { j += 1 }
                } else { j += 1 }
                let name = String(decoding: chars[(i + 1)..<j], as: UTF8.self)
                if name == "," || name == "!" || name == ";" || name == ":" {
                    if res.last == UInt8(ascii: ",") { while j < n && chars[j] == sp { j += 1 } }
                    i = j; continue
                }
                if name == " " || name == "quad" || name == "qquad" { res.append(sp); i = j; continue }
                if name == "left" || name == "right" || name.hasPrefix("big") || name.hasPrefix("Big") {
                    var k = j
                    while k < n && chars[k] == sp { k += 1 }
                    if k < n && chars[k] == UInt8(ascii: ".") { j = k + 1 }
                    i = j; continue
                }
                if Normalizer.droppedCommands.contains(name) { i = j; continue }
                switch name {
                case "dfrac", "tfrac", "cfrac": res += "\\frac".utf8; i = j; continue
                case "dbinom", "tbinom": res += "\\binom".utf8; i = j; continue
                case "leq", "leqslant": res += "\\le".utf8; i = j; continue
                case "geq", "geqslant": res += "\\ge".utf8; i = j; continue
                case "neq": res += "\\ne".utf8; i = j; continue
                default: break
                }
                res += chars[i..<j]
                i = j
                continue
            }
            if c == UInt8(ascii: "~") { res.append(sp); i += 1; continue }
            if c == UInt8(ascii: "$") || c == UInt8(ascii: "%") { i += 1; continue }
            if c == UInt8(ascii: "{") && i + 2 < n && chars[i + 1] == UInt8(ascii: ",") && chars[i + 2] == UInt8(ascii: "}") {
                i += 3; continue
            }
            res.append(c)
            i += 1
        }
        // Pass 3: remove `^{}` left behind by `^\circ` / `^{\circ}`.
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(res.count)
        var k = 0
        while k < res.count {
            if res[k] == UInt8(ascii: "^") {
                var m = k + 1
                while m < res.count && res[m] == sp { m += 1 }
                if m + 1 < res.count && res[m] == UInt8(ascii: "{") {
                    var p = m + 1
                    while p < res.count && res[p] == sp { p += 1 }
                    if p < res.count && res[p] == UInt8(ascii: "}") { k = p + 1; continue }
                }
                if m >= res.count || res[m] == UInt8(ascii: "}") || res[m] == UInt8(ascii: ")") || res[m] == UInt8(ascii: "]")
                    || res[m] == UInt8(ascii: ",") {
                    k = m; continue
                }
            }
            cleaned.append(res[k])
            k += 1
        }
        // Trailing punctuation and whitespace, then leading spaces, `=` and `:`.
        var hi = cleaned.count
        while hi > 0, cleaned[hi - 1] == UInt8(ascii: ".") || cleaned[hi - 1] == sp || cleaned[hi - 1] == UInt8(ascii: ";")
            || cleaned[hi - 1] == UInt8(ascii: ":") { hi -= 1 }
        var lo = 0
        while lo < hi, cleaned[lo] == sp || cleaned[lo] == UInt8(ascii: "=") || cleaned[lo] == UInt8(ascii: ":") { lo += 1 }
        return String(decoding: cleaned[lo..<hi], as: UTF8.self)
    }
}
