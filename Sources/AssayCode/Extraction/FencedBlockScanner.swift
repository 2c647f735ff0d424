/// One closed fenced code block found by ``FencedBlockScanner``.
public struct FencedBlock: Sendable, Hashable {
    /// The first word of the info string, lower-cased; empty for a bare fence.
    public var tag: String
    /// The block's content lines joined by `\n`, with the fence's own indentation removed.
    public var content: String
}

/// A linear, line-based scanner for Markdown fenced code blocks (```` ``` ```` and `~~~`).
///
/// A fence opens on a line whose first non-blank characters (at most three leading spaces or
/// any tabs are tolerated) are three or more backticks or tildes; it closes on a line holding
/// only at least as many of the same character. A block still open at the end of the text
/// (truncated output) is dropped. Content is kept byte for byte (including any `\r`), except
/// that up to the opening fence's indentation is removed from each line.
public enum FencedBlockScanner {
    /// All closed fenced blocks in `text`, in order.
    public static func blocks(in text: String) -> [FencedBlock] {
        blocks(in: text[...])
    }

    /// All closed fenced blocks in `text`, in order.
    public static func blocks(in text: Substring) -> [FencedBlock] {
        var result: [FencedBlock] = []
        var open: (marker: Unicode.Scalar, length: Int, indent: Int, tag: String)?
        var lines: [Substring.UnicodeScalarView] = []
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            if let fence = open {
                if isClosingFence(line, marker: fence.marker, minLength: fence.length) {
                    let body = lines.map { String(stripIndent($0, upTo: fence.indent)) }
                    result.append(FencedBlock(tag: fence.tag, content: body.joined(separator: "\n")))
                    open = nil
                    lines.removeAll(keepingCapacity: true)
                } else {
                    lines.append(line)
                }
            } else if let opening = openingFence(line) {
                open = opening
            }
        }
        return result
    }

    private static func isBlank(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\r"
    }

    private static func openingFence(
        _ line: Substring.UnicodeScalarView
    ) -> (marker: Unicode.Scalar, length: Int, indent: Int, tag: String)? {
        var i = line.startIndex
        var indent = 0
        while i < line.endIndex, line[i] == " " || line[i] == "\t" {
            indent += 1
            i = line.index(after: i)
        }
        guard i < line.endIndex else { return nil }
        let marker = line[i]
        guard marker == "`" || marker == "~" else { return nil }
        var length = 0
        while i < line.endIndex, line[i] == marker {
            length += 1
            i = line.index(after: i)
        }
        guard length >= 3 else { return nil }
        // Info string: skip blanks, take the first word.
        while i < line.endIndex, isBlank(line[i]) { i = line.index(after: i) }
        var tag = String.UnicodeScalarView()
        while i < line.endIndex, !isBlank(line[i]), line[i] != "{" {
            // A backtick fence's info string may not contain backticks (CommonMark).
            if marker == "`", line[i] == "`" { return nil }
            tag.append(line[i])
            i = line.index(after: i)
        }
        if marker == "`", line[i...].contains("`") { return nil }
        return (marker, length, indent, String(tag).lowercased())
    }

    private static func isClosingFence(
        _ line: Substring.UnicodeScalarView, marker: Unicode.Scalar, minLength: Int
    ) -> Bool {
        var i = line.startIndex
        while i < line.endIndex, line[i] == " " || line[i] == "\t" { i = line.index(after: i) }
        var length = 0
        while i < line.endIndex, line[i] == marker {
            length += 1
            i = line.index(after: i)
        }
        guard length >= minLength else { return false }
        while i < line.endIndex {
            if !isBlank(line[i]) { return false }
            i = line.index(after: i)
        }
        return true
    }

    private static func stripIndent(
        _ line: Substring.UnicodeScalarView, upTo indent: Int
    ) -> Substring.UnicodeScalarView {
        var i = line.startIndex
        var removed = 0
        while removed < indent, i < line.endIndex, line[i] == " " || line[i] == "\t" {
            removed += 1
            i = line.index(after: i)
        }
        return line[i...]
    }
}
