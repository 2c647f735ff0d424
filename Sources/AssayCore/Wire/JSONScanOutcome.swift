/// What decoding one JSON value as ``JSONValue`` through `JSONDecoder` would give.
enum JSONValueOutcome {
    case value(JSONValue)
    /// A `DecodingError` at the value's path extended by `keys` (outermost first): the item becomes invalid.
    case failure(keys: [String], message: String)
    /// An error that is not a `DecodingError` (an object key that is not a valid string): the body fails.
    case fatal(at: Int)
}

/// What decoding one JSON value as `String` through `JSONDecoder` would give.
enum JSONStringOutcome {
    case string(String)
    case null
    /// Bad escape, invalid UTF-8 or a raw control character: not a `DecodingError`, so the body fails.
    case invalid(at: Int)
    /// Another JSON type, named for the message (`a number`, `an array`, …).
    case mismatch(found: String)
}

/// A scanned string literal: `start..<end` is the text between the quotes.
struct StringSpan {
    var start: Int
    var end: Int
    var hasEscape: Bool
    var hasControl: Bool
}
