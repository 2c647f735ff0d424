/// The user message sent for one problem: a text with `{problem}` placeholders, filled in one pass so that a
/// problem which itself contains `{problem}` is sent as written.
public struct CompletionTemplate: Sendable, Hashable {
    public static let placeholder = "{problem}"

    /// DeepSeek-R1-Zero's training template (DeepSeek-AI 2025, table 1), whose replies the R1 format and
    /// accuracy rewards read.
    public static let r1Zero = CompletionTemplate(
        uncheckedText: "A conversation between User and Assistant. The user asks a question, and the Assistant solves it. "
            + "The assistant first thinks about the reasoning process in the mind and then provides the user with the answer. "
            + "The reasoning process and answer are enclosed within <think> </think> and <answer> </answer> tags, "
            + "respectively, i.e., <think> reasoning process here </think> <answer> answer here </answer>. "
            + "User: {problem}. Assistant:")

    public let text: String
    private let pieces: [Substring]

    /// `nil` when `text` has no `{problem}` (every problem would get the same prompt).
    public init?(_ text: String) {
        guard text.contains(Self.placeholder) else { return nil }
        self.init(uncheckedText: text)
    }

    private init(uncheckedText text: String) {
        self.text = text
        self.pieces = text.split(separator: Self.placeholder, omittingEmptySubsequences: false)
    }

    /// The template with every `{problem}` replaced by `problem`.
    public func fill(_ problem: String) -> String {
        pieces.joined(separator: problem)
    }

    public static func == (a: Self, b: Self) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
