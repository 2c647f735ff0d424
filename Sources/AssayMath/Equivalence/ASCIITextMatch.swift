/// Byte-level twins of ``TextMatch/key(_:)`` and ``TextMatch/choiceLetter(_:)`` for pure-ASCII text without
/// carriage returns, where every `Character` is one byte (same results, no grapheme breaking).
extension TextMatch {
    static let wrapperBytes: [[UInt8]] = wrappers.map { Array($0.utf8) }

    /// `bytes` with every LaTeX text wrapper removed, one left-to-right pass per wrapper as in the `String` version.
    static func asciiStripWrappers(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "\\")) else { return bytes }
        var t = bytes
        for w in wrapperBytes where t.count >= w.count {
            var out: [UInt8] = []
            out.reserveCapacity(t.count)
            var i = 0
            while i < t.count {
                if t[i] == w[0], i + w.count <= t.count, t[i..<(i + w.count)].elementsEqual(w) {
                    i += w.count
                } else {
                    out.append(t[i]); i += 1
                }
            }
            t = out
        }
        return t
    }

    static func asciiKey(_ bytes: [UInt8]) -> String {
        let chars = asciiStripWrappers(bytes).map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count)
        for (k, c) in chars.enumerated() {
            if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") {
                if k > 0, k + 1 < chars.count, isDigit(chars[k - 1]), isDigit(chars[k + 1]) { out.append(c) }
                continue
            }
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?"),
                 UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"):
                continue
            default: out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func asciiChoiceLetter(_ bytes: [UInt8]) -> String? {
        var kept: UInt8 = 0
        var count = 0
        for b in asciiStripWrappers(bytes) {
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."),
                 UInt8(ascii: ":"):
                continue
            default:
                count += 1
                if count > 1 { return nil }
                kept = b
            }
        }
        guard count == 1, kept >= UInt8(ascii: "A"), kept <= UInt8(ascii: "E") else { return nil }
        return String(UnicodeScalar(kept))
    }
}
