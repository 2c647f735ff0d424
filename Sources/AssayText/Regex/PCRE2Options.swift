import CPCRE2

/// Compile-time options for a ``PCRE2Pattern``.
///
/// The default set is ``utf``, which compiles the pattern in UTF-8 mode together with
/// `PCRE2_MATCH_INVALID_UTF`, so subjects containing malformed UTF-8 never cause an error:
/// invalid sequences simply cannot be matched by anything.
public struct PCRE2Options: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    /// Creates an option set from raw bits (see ``compileFlags`` for how they map to PCRE2).
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Case-insensitive matching (`PCRE2_CASELESS`, like `(?i)`).
    public static let caseless = PCRE2Options(rawValue: 1 << 0)
    /// `^` and `$` also match at internal line breaks (`PCRE2_MULTILINE`, like `(?m)`).
    public static let multiline = PCRE2Options(rawValue: 1 << 1)
    /// `.` also matches line breaks (`PCRE2_DOTALL`, like `(?s)`).
    public static let dotAll = PCRE2Options(rawValue: 1 << 2)
    /// Unescaped whitespace in the pattern is ignored and `#` starts a comment (`PCRE2_EXTENDED`, like `(?x)`).
    public static let extended = PCRE2Options(rawValue: 1 << 3)
    /// UTF-8 mode (`PCRE2_UTF | PCRE2_MATCH_INVALID_UTF`). On by default.
    public static let utf = PCRE2Options(rawValue: 1 << 4)
    /// Unicode properties for `\w`, `\d`, `\s`, `\b` and POSIX classes (`PCRE2_UCP`), as in Python 3 `str` patterns.
    /// Only meaningful together with ``utf``.
    public static let ucp = PCRE2Options(rawValue: 1 << 5)

    /// The default options: ``utf``.
    public static let `default`: PCRE2Options = [.utf]

    /// The PCRE2 compile flags these options stand for.
    public var compileFlags: UInt32 {
        var flags: UInt32 = 0
        if contains(.caseless) { flags |= PCRE2_CASELESS }
        if contains(.multiline) { flags |= PCRE2_MULTILINE }
        if contains(.dotAll) { flags |= PCRE2_DOTALL }
        if contains(.extended) { flags |= PCRE2_EXTENDED }
        if contains(.utf) { flags |= PCRE2_UTF | PCRE2_MATCH_INVALID_UTF }
        if contains(.ucp) { flags |= PCRE2_UCP }
        return flags
    }
}
