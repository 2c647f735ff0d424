/// English number words written as a whole answer (`two`, `Twelve`, `forty-two`, `forty two`) → their digits.
/// Only the entire normalised answer is rewritten, never a word inside longer text.
enum NumberWords {
    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    /// The value when all of `s` is one number word from zero to ninety-nine, else nil.
    static func value(_ s: String) -> Int? {
        let bytes = s.utf8
        // Cheap rejection: at most "seventy-seven" length, letters plus one hyphen or space.
        guard bytes.count >= 3, bytes.count <= 13, let first = bytes.first, ASCIINormalizer.isLetter(first),
              bytes.allSatisfy({ ASCIINormalizer.isLetter($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: " ") })
        else { return nil }
        let lower = s.lowercased()
        if let n = units[lower] ?? tens[lower] { return n }
        let parts = lower.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == " " })
        guard parts.count == 2, let t = tens[String(parts[0])], let u = units[String(parts[1])], u >= 1, u <= 9 else { return nil }
        return t + u
    }
}
