/// Words as Python's `str.split()` (no arguments) finds them: maximal runs of non-whitespace, where whitespace is
/// what `str.isspace()` accepts. open-r1's rewards split completions this way, so the shaped verifiers do too.
///
/// Works on Unicode scalars, not `Character`s: a space followed by a combining mark still separates two words.
public enum PythonWords {
    /// `str.isspace()` for one code point: the bidirectional classes WS, B, S and the category Zs.
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The words of `text`, in order.
    public static func split(_ text: String) -> [Substring] {
        let scalars = text.unicodeScalars
        var words: [Substring] = []
        var start: String.Index?
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let space = isSpace(scalars[i])
            if space, let s = start {
                words.append(Substring(scalars[s..<i]))
                start = nil
            } else if !space && start == nil {
                start = i
            }
            i = scalars.index(after: i)
        }
        if let s = start { words.append(Substring(scalars[s...])) }
        return words
    }

    /// `len(text.split())` without building the words.
    public static func count(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let space = isSpace(scalar)
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }
}
