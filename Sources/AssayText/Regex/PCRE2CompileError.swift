/// A pattern that PCRE2 refused to compile.
///
/// ``message`` is PCRE2's own text (for example `"missing closing parenthesis"`), and
/// ``offset`` is the byte offset in the UTF-8 pattern where PCRE2 detected the problem.
public struct PCRE2CompileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// PCRE2's positive compile error code (for example 114 for a missing `)`).
    public var code: Int32
    /// PCRE2's error message.
    public var message: String
    /// Byte offset into the UTF-8 encoding of ``pattern`` where the error was detected.
    public var offset: Int
    /// The pattern that failed to compile.
    public var pattern: String

    /// Creates a compile error value.
    public init(code: Int32, message: String, offset: Int, pattern: String) {
        self.code = code
        self.message = message
        self.offset = offset
        self.pattern = pattern
    }

    /// A human-readable description: `"<message> at offset <offset> in /<pattern>/"`.
    public var description: String {
        "PCRE2 compile error \(code): \(message) at offset \(offset) in /\(pattern)/"
    }
}
