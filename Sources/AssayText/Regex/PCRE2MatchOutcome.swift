import CPCRE2

/// The result of ``PCRE2Pattern/firstMatch(in:limits:)``.
///
/// A limit being hit is *not* a "no match": callers should treat
/// ``limitExceeded(_:)`` and ``error(code:message:)`` as a verifier error.
public enum PCRE2MatchOutcome: Sendable, Hashable {
    /// The pattern matched. Element 0 is the whole match; element *n* is capture group *n*,
    /// `nil` when that group did not participate. Ranges are **byte offsets into the UTF-8
    /// encoding** of the subject.
    case match([Range<Int>?])
    /// The pattern does not match the subject.
    case noMatch
    /// A resource limit stopped the match before an answer was found.
    case limitExceeded(PCRE2LimitKind)
    /// Any other PCRE2 match error (negative PCRE2 error code and PCRE2's message).
    case error(code: Int32, message: String)

    /// `true` for ``match(_:)``.
    public var isMatch: Bool {
        if case .match = self { return true }
        return false
    }

    /// The capture ranges of a ``match(_:)``, otherwise `nil`.
    public var captures: [Range<Int>?]? {
        if case .match(let c) = self { return c }
        return nil
    }
}

/// The result of ``PCRE2Pattern/matches(in:cap:limits:)``.
public enum PCRE2CountOutcome: Sendable, Hashable {
    /// Number of non-overlapping matches found, never more than the requested cap.
    case count(Int)
    /// A resource limit stopped one of the match calls.
    case limitExceeded(PCRE2LimitKind)
    /// Any other PCRE2 match error.
    case error(code: Int32, message: String)

    /// The count, or `nil` when matching failed.
    public var value: Int? {
        if case .count(let n) = self { return n }
        return nil
    }
}

/// PCRE2's message for an error code (negative match errors or positive compile errors).
func pcre2ErrorMessage(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let n = buffer.withUnsafeMutableBufferPointer { buf in
        pcre2_get_error_message_8(code, buf.baseAddress, buf.count)
    }
    guard n > 0 else { return "unknown PCRE2 error \(code)" }
    return String(decoding: buffer[0..<Int(n)], as: UTF8.self)
}
