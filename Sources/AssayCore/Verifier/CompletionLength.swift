/// A completion's length as a length-shaped verifier (`overlong`, `cosine_length`) measures it, with where the
/// number came from, so a result can show its inputs.
public struct CompletionLength: Sendable, Equatable, CustomStringConvertible {
    public var value: Int
    public var unit: Unit
    /// `completion_tokens`, the estimate used in its place, or `completion` for characters.
    public var source: String

    public enum Unit: String, Sendable, CaseIterable {
        case tokens, chars
    }

    public init(value: Int, unit: Unit, source: String) {
        self.value = value
        self.unit = unit
        self.source = source
    }

    /// How to count tokens when the item has no `completion_tokens`.
    public enum TokenFallback: String, Sendable, CaseIterable {
        /// ⌈UTF-8 bytes / 4⌉, the usual "a token is about four characters of English" estimate.
        case bytesPer4 = "bytes_per_4"
        /// Whitespace-separated words (``PythonWords``).
        case words
        /// Unicode scalars, as Python's `len(str)`.
        case chars
        /// No estimate: the item is `invalid` without `completion_tokens`.
        case none
    }

    /// The item's `completion_tokens`, else the fallback's estimate; nil when the fallback is `none` and the
    /// item has no count.
    public static func tokens(of item: ScoreItem, fallback: TokenFallback) -> CompletionLength? {
        if let tokens = item.completionTokens { return CompletionLength(value: tokens, unit: .tokens, source: "completion_tokens") }
        let text = item.completion
        let estimate: Int
        switch fallback {
        case .bytesPer4: estimate = (text.utf8.count + 3) / 4
        case .words: estimate = PythonWords.count(text)
        case .chars: estimate = text.unicodeScalars.count
        case .none: return nil
        }
        return CompletionLength(value: estimate, unit: .tokens, source: fallback.rawValue)
    }

    /// Unicode scalars, as open-r1's `len(content)`.
    public static func characters(of text: String) -> CompletionLength {
        CompletionLength(value: text.unicodeScalars.count, unit: .chars, source: "completion")
    }

    /// The result of a verifier that needs a token count and has none.
    public static let missingTokens = VerifierResult(
        score: 0, verdict: .error,
        detail: ["error": "completion_tokens is missing and the rule's `fallback` is none: send the token count"],
        status: .invalid)

    /// `L=1234 tokens (completion_tokens)`.
    public var description: String { "L=\(value) \(unit.rawValue) (\(source))" }

    /// `L=1234 tokens (completion_tokens), <settings> → −0.30`: a result's inputs and score on one line.
    public func summary(_ settings: String, score: Double) -> String {
        let hundredths = Int((abs(score) * 100).rounded())
        let digits = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
        return "\(self), \(settings) → \(score < 0 && hundredths > 0 ? "−" : "")\(digits)"
    }

    /// `length`, `unit` and `length_source` for a result's detail.
    public var detail: [String: JSONValue] {
        ["length": .int(value), "unit": .string(unit.rawValue), "length_source": .string(source)]
    }
}
