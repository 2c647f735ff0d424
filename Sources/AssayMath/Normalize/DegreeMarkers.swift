/// Degree signs in answers that contain a trigonometric function.
///
/// The normaliser drops degree signs (`30^\circ` = `30`), which would make `\sin 30^\circ` read as the sine of 30
/// radians. When the text has both a degree sign and a trig function name, each degree sign (`^\circ`, `^{\circ}`,
/// `\circ`, `\degree`, `°`, `º`) becomes the internal marker ``marker``, which the lexer turns into a `degree`
/// token and the parser converts to radians only inside a trig function's argument. Otherwise nothing changes.
enum DegreeMarkers {
    /// The internal command the degree signs become (not a LaTeX command users write).
    static let marker = "\\assaydegree "
    static let trigNames = ["sin", "cos", "tan", "sec", "csc", "cot"]
    static let commandNames: Set<String> = ["circ", "degree", "degrees"]

    /// The rewritten text, or nil when `input` has no degree sign or no trig function name.
    static func rewrite(_ input: String) -> String? {
        guard hasDegreeSign(input), trigNames.contains(where: { input.contains($0) }) else { return nil }
        let cs = Array(input)
        var out: [Character] = []
        out.reserveCapacity(cs.count + 16)
        var i = 0
        while i < cs.count {
            let c = cs[i]
            var next = i + 1
            var isSign = c == "°" || c == "º"
            if c == "\\" {
                var j = i + 1
                while j < cs.count && cs[j].isLetter { j += 1 }
                if commandNames.contains(String(cs[(i + 1)..<j])) { isSign = true; next = j }
            }
            guard isSign else { out.append(c); i += 1; continue }
            // Remove a preceding `^` or `^{` (and spaces); after `^{`, skip the closing brace.
            var k = out.count
            while k > 0 && out[k - 1] == " " { k -= 1 }
            var braced = false
            if k > 0 && out[k - 1] == "{" {
                var m = k - 1
                while m > 0 && out[m - 1] == " " { m -= 1 }
                if m > 0 && out[m - 1] == "^" { braced = true; k = m - 1 }
            } else if k > 0 && out[k - 1] == "^" {
                k -= 1
            }
            if braced || (k < out.count && out[k] == "^") { out.removeSubrange(k...) }
            if braced {
                var m = next
                while m < cs.count && cs[m] == " " { m += 1 }
                if m < cs.count && cs[m] == "}" { next = m + 1 }
            }
            out += Array(marker)
            i = next
        }
        return String(out)
    }

    /// Whether the text contains `°`, `º`, `\\circ` or `\\degree` (byte scan first, substring search only after `\\c`/`\\d`).
    static func hasDegreeSign(_ input: String) -> Bool {
        var prev: UInt8 = 0
        var commandLike = false
        for b in input.utf8 {
            if prev == 0xC2 && (b == 0xB0 || b == 0xBA) { return true }
            if prev == UInt8(ascii: "\\") && (b == UInt8(ascii: "c") || b == UInt8(ascii: "d")) { commandLike = true }
            prev = b
        }
        return commandLike && (input.contains("\\circ") || input.contains("\\degree"))
    }
}
