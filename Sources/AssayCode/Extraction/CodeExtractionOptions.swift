/// How ``CodeExtractor`` picks the program out of a completion.
public struct CodeExtractionOptions: Sendable, Hashable {
    /// Which of the matching fenced blocks to return.
    public enum Selection: String, Sendable, Hashable, CaseIterable {
        /// The first matching block.
        case first
        /// The last matching block (the usual convention: models refine their answer).
        case last
        /// Every matching block, in order, joined by a blank line.
        case all
    }

    /// The item's language (`python`, `cpp`, `c`, or any other tag); see ``CodeExtractor/aliases(for:)``.
    public var language: String
    /// Which matching block(s) to return.
    public var selection: Selection
    /// When no block is tagged with the language, fall back to untagged (bare ```` ``` ````) blocks.
    public var allowUntagged: Bool

    /// Creates options; the defaults pick the last Python block, falling back to untagged blocks.
    public init(language: String = "python", selection: Selection = .last, allowUntagged: Bool = true) {
        self.language = language
        self.selection = selection
        self.allowUntagged = allowUntagged
    }
}

/// The program found in a completion.
public struct ExtractedCode: Sendable, Hashable {
    /// The code, the selected block(s) without their fences, lines joined by `\n` (no final newline added).
    public var code: String
    /// The fence's tag as written, lower-cased (`py`, `c++`…), or `nil` for untagged blocks
    /// (for `.all`, the tag of the first selected block).
    public var language: String?
    /// How many blocks the selection was made from (the matching candidates, not all blocks in the text).
    public var blockCount: Int

    /// Creates an extraction result.
    public init(code: String, language: String?, blockCount: Int) {
        self.code = code
        self.language = language
        self.blockCount = blockCount
    }
}
