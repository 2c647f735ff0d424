/// The policy's tokens: digits, a few operators, the four R1 tags as single tokens, end of sequence and the
/// start-of-prompt marker. Decoding gives exactly the text the reward rule sees.
public struct TaskVocabulary: Sendable, Hashable {
    public static let symbols: [String] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+", "-", "=", "x", "?",
                                           "<think>", "</think>", "<answer>", "</answer>", "", ""]
    public let endOfSequence = 19
    public let beginning = 20
    public let think = 15, thinkEnd = 16, answer = 17, answerEnd = 18

    public init() {}

    public var size: Int { Self.symbols.count }

    /// The text of `tokens` (end-of-sequence and the prompt marker print as nothing).
    public func decode(_ tokens: [Int]) -> String {
        var out = ""
        for token in tokens where token >= 0 && token < Self.symbols.count { out += Self.symbols[token] }
        return out
    }

    /// Tokens of a text made of digits, operators and tags; nil when it has anything else.
    public func encode(_ text: String) -> [Int]? {
        var tokens: [Int] = []
        var rest = Substring(text)
        outer: while !rest.isEmpty {
            for (id, symbol) in Self.symbols.enumerated() where !symbol.isEmpty && rest.hasPrefix(symbol) {
                tokens.append(id)
                rest = rest.dropFirst(symbol.count)
                continue outer
            }
            return nil
        }
        return tokens
    }
}
