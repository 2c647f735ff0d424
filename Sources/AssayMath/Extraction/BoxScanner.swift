/// Finds `\boxed{…}` / `\fbox{…}` (and the unbraced `\boxed 5`) in a byte range in one pass.
///
/// Brace matching uses a single stack over the whole range, skipping escaped characters
/// (`\{`, `\}`, `\\`), so the scan is linear even for `\boxed{` repeated 100,000 times.
/// Only top-level boxes are reported; a box nested inside another box is part of its content.
struct BoxScanner {
    /// One terminated box: the whole command span and the content span (trimmed).
    struct Box {
        var span: Range<Int>
        var content: Range<Int>
    }

    /// All terminated top-level boxes in order, and whether a box is still open at the end of the
    /// range (truncated output).
    struct Result {
        var boxes: [Box] = []
        var unterminated = false
        /// Whether the range contains any box command at all (terminated or not).
        var sawBoxCommand: Bool { !boxes.isEmpty || unterminated }
    }

    private static let commands: [[UInt8]] = [Array("boxed".utf8), Array("fbox".utf8)]

    /// Scans `b[range]` for boxes.
    static func scan(_ b: [UInt8], _ range: Range<Int>) -> Result {
        var result = Result()
        // Stack of open braces: the index of the box command start if the brace opens a box, else -1.
        var stack: [Int] = []
        var openBoxes = 0
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = b[i]
            if c == ByteText.backslash {
                if let nameEnd = boxCommandEnd(b, i + 1, end) {
                    var j = nameEnd
                    while j < end, ByteText.isSpace(b[j]) { j += 1 }
                    if j >= end {
                        // `\boxed` is the last thing in the text: truncated.
                        if openBoxes == 0 { result.unterminated = true }
                        i = j
                        continue
                    }
                    if b[j] == ByteText.openBrace {
                        stack.append(i)
                        openBoxes += 1
                        i = j + 1
                        continue
                    }
                    // Unbraced form: `\boxed 5`, `\boxed \pi`.
                    let token = unbracedToken(b, j, end)
                    if openBoxes == 0, !token.isEmpty {
                        result.boxes.append(Box(span: i..<token.upperBound, content: token))
                    }
                    i = max(token.upperBound, j + 1)
                    continue
                }
                i += 2  // escaped character or control symbol: never a grouping brace
                continue
            }
            if c == ByteText.openBrace {
                stack.append(-1)
            } else if c == ByteText.closeBrace, let top = stack.popLast(), top >= 0 {
                openBoxes -= 1
                if openBoxes == 0 {
                    let open = braceAfterCommand(b, top, end)
                    let content = ByteText.trimmed(b, (open + 1)..<i)
                    result.boxes.append(Box(span: top..<(i + 1), content: content))
                }
            }
            i += 1
        }
        if openBoxes > 0 { result.unterminated = true }
        return result
    }

    /// If a box command name (`boxed`, `fbox`) starts at `i` and is not followed by another letter,
    /// the index just after the name.
    private static func boxCommandEnd(_ b: [UInt8], _ i: Int, _ end: Int) -> Int? {
        for name in commands where i + name.count <= end {
            var ok = true
            for k in 0..<name.count where b[i + k] != name[k] {
                ok = false
                break
            }
            if ok {
                let after = i + name.count
                if after < end, ByteText.isLetter(b[after]) { return nil }
                return after
            }
        }
        return nil
    }

    /// The index of the `{` that opens the box whose command starts at `commandStart`.
    private static func braceAfterCommand(_ b: [UInt8], _ commandStart: Int, _ end: Int) -> Int {
        var j = commandStart + 1
        while j < end, b[j] != ByteText.openBrace { j += 1 }
        return j
    }

    /// The single token after an unbraced `\boxed`: a control word (`\pi`) or a run of characters up
    /// to whitespace, `$`, `\`, or a brace, without trailing sentence punctuation.
    private static func unbracedToken(_ b: [UInt8], _ start: Int, _ end: Int) -> Range<Int> {
        var j = start
        if b[j] == ByteText.backslash {
            j += 1
            while j < end, ByteText.isLetter(b[j]) { j += 1 }
            return start..<j
        }
        while j < end {
            let c = b[j]
            if ByteText.isSpace(c) || c == ByteText.dollar || c == ByteText.backslash
                || c == ByteText.openBrace || c == ByteText.closeBrace
            {
                break
            }
            j += 1
        }
        var hi = j
        while hi > start, b[hi - 1] == UInt8(ascii: ".") || b[hi - 1] == UInt8(ascii: ",")
            || b[hi - 1] == UInt8(ascii: ";")
        {
            hi -= 1
        }
        return start..<hi
    }

    /// The boxes that make up the final answer: the last box plus the boxes just before it that are
    /// joined to it by short connecting text without a paragraph break ("\boxed{1} or \boxed{2}").
    static func finalGroup(_ b: [UInt8], _ boxes: [Box], maxGap: Int = 200) -> ArraySlice<Box> {
        guard var first = boxes.indices.last else { return [] }
        while first > boxes.startIndex {
            let gap = boxes[first - 1].span.upperBound..<boxes[first].span.lowerBound
            if gap.count > maxGap || ByteText.containsBlankLine(b, gap) { break }
            first -= 1
        }
        return boxes[first...]
    }
}
