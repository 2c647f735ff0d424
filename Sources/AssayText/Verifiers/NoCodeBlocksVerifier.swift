import AssayCore

/// `no_code_blocks`: the completion (or its `think` or `answer` part) holds no fenced code block — a line opening
/// with three or more backticks or tildes, indented by at most three spaces (CommonMark). A backtick fence whose
/// info string holds a backtick is inline code, not a fence; an unclosed fence runs to the end of the text.
///
/// Verdicts: `correct` (score 1) when there is none, `wrong` (0) otherwise; detail has the count and the line of
/// the first opening fence (1-based, in the whole completion). A missing block falls back like `language`: `think`
/// to the whole completion, `answer` to the text after `</think>`, else the whole completion.
public struct NoCodeBlocksVerifier: Verifier {
    public let name = "no_code_blocks"
    public let version = "1"
    public let cost = VerifierCost.cheap
    public let canonicalParams: JSONValue

    public enum Scope: String, CaseIterable, Sendable { case all, think, answer }

    let scope: Scope
    let options: FormatOptions

    public init(params: inout VerifierParams) throws {
        scope = try params.choice("scope", default: .all)
        var options = FormatOptions()
        options.thinkOpenedInPrompt = try params.bool("think_opened_in_prompt", default: false)
        self.options = options
        canonicalParams = .object(params.values)
    }

    /// The fenced blocks in `bytes[range]`: how many open, and where the first opening fence starts.
    struct Fences {
        var count = 0
        var first: Int?
        var unclosed = false
    }

    static func fences(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Fences {
        var found = Fences()
        var open: (char: UInt8, length: Int)?
        var line = range.lowerBound
        while line < range.upperBound {
            var end = line
            while end < range.upperBound, b[end] != 0x0A { end += 1 }
            if let fence = fence(b, line..<end) {
                if let current = open {
                    if fence.char == current.char, fence.length >= current.length, fence.infoIsBlank { open = nil }
                } else if fence.char == UInt8(ascii: "~") || !fence.infoHasBacktick {
                    open = (fence.char, fence.length)
                    found.count += 1
                    if found.first == nil { found.first = line }
                }
            }
            line = end + 1
        }
        found.unclosed = open != nil
        return found
    }

    /// A fence line: up to three spaces, then three or more of one fence character, then an info string.
    private static func fence(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>)
        -> (char: UInt8, length: Int, infoIsBlank: Bool, infoHasBacktick: Bool)?
    {
        var i = line.lowerBound
        while i < line.upperBound, i - line.lowerBound < 3, b[i] == 0x20 { i += 1 }
        guard i < line.upperBound, b[i] == UInt8(ascii: "`") || b[i] == UInt8(ascii: "~") else { return nil }
        let char = b[i]
        var j = i
        while j < line.upperBound, b[j] == char { j += 1 }
        guard j - i >= 3 else { return nil }
        var blank = true
        var backtick = false
        for k in j..<line.upperBound {
            if b[k] == UInt8(ascii: "`") { backtick = true }
            if b[k] != 0x20, b[k] != 0x09, b[k] != 0x0D { blank = false }
        }
        return (char, j - i, blank, backtick)
    }

    /// The byte range of the scope, and what it fell back to when its block is missing.
    func scopeRange(_ b: UnsafeBufferPointer<UInt8>) -> (range: Range<Int>, fallback: String?) {
        let whole = 0..<b.count
        guard scope != .all else { return (whole, nil) }
        var tags = R1TagScan(thinkTag: options.thinkTag, answerTag: options.answerTag)
        tags.scan(b)
        if scope == .think {
            guard let think = R1FormatChecker.extractThink(tags, b.count, options.thinkOpenedInPrompt) else {
                return (whole, "no <think> block: the whole completion")
            }
            return (think, nil)
        }
        if let answer = R1FormatChecker.extractAnswer(tags, b.count) { return (answer, nil) }
        if let close = tags.thinkClose.last {
            return ((close + tags.thinkCloseTag.count)..<b.count, "no <answer> block: the text after </think>")
        }
        return (whole, "no <answer> block: the whole completion")
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        var text = input.completion
        let (found, line, fallback) = text.withUTF8 { bytes -> (Fences, Int?, String?) in
            let (range, fallback) = scopeRange(bytes)
            let found = Self.fences(bytes, range)
            let line = found.first.map { first in 1 + bytes[0..<first].count(where: { $0 == 0x0A }) }
            return (found, line, fallback)
        }
        var detail: [String: JSONValue] = ["scope": .string(scope.rawValue), "count": .int(found.count)]
        if let fallback { detail["scope_fallback"] = .string(fallback) }
        if let line { detail["first_fence_line"] = .int(line) }
        if found.unclosed { detail["unclosed"] = true }
        let none = found.count == 0
        return VerifierResult(score: none ? 1 : 0, verdict: none ? .correct : .wrong, detail: .object(detail))
    }
}
