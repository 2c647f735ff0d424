/// Encodes Swift strings as Python string literals, so that untrusted text can be embedded in a
/// generated program as data, never as code.
public enum PythonLiteral {
    /// A single-quoted Python `str` literal whose value is exactly `text`.
    ///
    /// Backslash, quote and every control character (including `\r`, `\n`, DEL and the
    /// Unicode line separators Python treats as newlines in source) are escaped; other
    /// characters are written as UTF-8, the default Python 3 source encoding.
    public static func string(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("'")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "'": out.append(contentsOf: "\\'".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) {
                    out.append(contentsOf: ("\\x" + hex(v, width: 2)).unicodeScalars)
                } else if v == 0x2028 || v == 0x2029 || v == 0x85 || v == 0xFEFF {
                    out.append(contentsOf: ("\\u" + hex(v, width: 4)).unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        out.append("'")
        return String(out)
    }

    /// A Python list literal of string literals.
    public static func list(_ items: [String]) -> String {
        "[" + items.map(string).joined(separator: ", ") + "]"
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
