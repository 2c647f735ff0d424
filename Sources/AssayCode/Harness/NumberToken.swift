/// A token that is a plain decimal number: `[+-]? digits [. digits?]? ([eE][+-]? digits)?`
/// or `[+-]? . digits …`. `nan`, `inf`, hexadecimal and digit separators are not numbers.
public struct NumberToken: Sendable, Hashable {
    /// The value as a `Double`.
    public var value: Double
    /// Whether the token has neither a fractional part nor an exponent.
    public var isInteger: Bool
    /// For integers: the digits without sign or leading zeros, prefixed by `-` if negative and non-zero.
    public var normalizedInteger: String

    /// Parses `token`, or returns `nil` if it is not a plain decimal number.
    public init?(_ token: Substring) {
        let s = Array(token.utf8)
        var i = 0
        var negative = false
        if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
            negative = s[i] == UInt8(ascii: "-")
            i += 1
        }
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        let intStart = i
        while i < s.count, isDigit(s[i]) { i += 1 }
        let intDigits = s[intStart..<i]
        var fracDigits = 0
        var integer = true
        if i < s.count, s[i] == UInt8(ascii: ".") {
            integer = false
            i += 1
            while i < s.count, isDigit(s[i]) {
                i += 1
                fracDigits += 1
            }
        }
        guard !intDigits.isEmpty || fracDigits > 0 else { return nil }
        if i < s.count, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            integer = false
            i += 1
            if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
            let expStart = i
            while i < s.count, isDigit(s[i]) { i += 1 }
            guard i > expStart else { return nil }
        }
        guard i == s.count, let value = Double(String(token)), value.isFinite else { return nil }
        self.value = value
        self.isInteger = integer
        if integer {
            let digits = String(decoding: intDigits.drop { $0 == UInt8(ascii: "0") }, as: UTF8.self)
            self.normalizedInteger = digits.isEmpty ? "0" : (negative ? "-" : "") + digits
        } else {
            self.normalizedInteger = ""
        }
    }
}
