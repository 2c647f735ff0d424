/// Finds the last number in a range for the ``ExtractionOptions/Fallback/lastNumber`` fallback:
/// an optional minus sign (`-` or U+2212), digits with optional thousands groups (`1,234`),
/// an optional decimal part (`-3.5`, `.5`) and an optional denominator (`3/4`). Thousands separators are
/// removed from the result; a unicode minus becomes `-`. One forward pass.
enum LastNumberScanner {
    static func lastNumber(_ b: [UInt8], _ range: Range<Int>) -> String? {
        var last: String?
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            guard ByteText.isDigit(b[i]) else {
                i += 1
                continue
            }
            var start = i
            var digits: [UInt8] = []
            // A leading decimal point: ".5" (but not the "." of "3.5", which the previous number consumed).
            if start - 1 >= range.lowerBound, b[start - 1] == UInt8(ascii: "."),
                start - 2 < range.lowerBound || !ByteText.isDigit(b[start - 2])
            {
                digits.append(UInt8(ascii: "."))
                start -= 1
            }
            var negative = false
            if start - 1 >= range.lowerBound, b[start - 1] == UInt8(ascii: "-") {
                negative = start - 2 < range.lowerBound || !isWordByte(b[start - 2])
            } else if start - 3 >= range.lowerBound, b[start - 3] == 0xE2, b[start - 2] == 0x88, b[start - 1] == 0x92 {
                negative = true
            }
            i = scanDigits(b, i, end, into: &digits)
            // Thousands groups: ",ddd" not followed by another digit.
            while i + 3 < end, b[i] == UInt8(ascii: ","), ByteText.isDigit(b[i + 1]),
                ByteText.isDigit(b[i + 2]), ByteText.isDigit(b[i + 3]),
                !(i + 4 < end && ByteText.isDigit(b[i + 4]))
            {
                digits.append(contentsOf: b[(i + 1)...(i + 3)])
                i += 4
            }
            // Decimal part (not after a leading-point fraction such as ".5").
            if digits.first != UInt8(ascii: "."), i + 1 < end, b[i] == UInt8(ascii: "."), ByteText.isDigit(b[i + 1]) {
                digits.append(UInt8(ascii: "."))
                i = scanDigits(b, i + 1, end, into: &digits)
            } else if i + 1 < end, b[i] == UInt8(ascii: "/"), ByteText.isDigit(b[i + 1]) {
                digits.append(UInt8(ascii: "/"))
                i = scanDigits(b, i + 1, end, into: &digits)
            }
            last = (negative ? "-" : "") + String(decoding: digits, as: UTF8.self)
        }
        return last
    }

    private static func scanDigits(_ b: [UInt8], _ from: Int, _ end: Int, into digits: inout [UInt8]) -> Int {
        var i = from
        while i < end, ByteText.isDigit(b[i]) {
            digits.append(b[i])
            i += 1
        }
        return i
    }

    private static func isWordByte(_ c: UInt8) -> Bool { ByteText.isLetter(c) || ByteText.isDigit(c) }
}
