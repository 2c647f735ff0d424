import Foundation

/// A byte-level JSON reader with the leniencies of Foundation's `JSONDecoder` (swift-foundation), so that
/// ``ScoreRequestParser`` accepts and rejects what `ScoreRequest.decode(from:)` does:
/// - the structural scan only finds a string's closing quote and a number's extent (`[0-9.eE+-]*`); escapes,
///   UTF-8 and number grammar are checked when a value is actually decoded, so values that are skipped are
///   never checked;
/// - a trailing comma before `]` or `}` is accepted; nesting deeper than 512 containers is an error.
struct JSONByteReader: ~Copyable {
    static let maxDepth = 512

    let base: UnsafePointer<UInt8>
    let end: Int
    var pos = 0
    var depth = 0
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.end = count
        scratchCapacity = 4096
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit { scratch.deallocate() }

    // MARK: Structure

    func syntaxError(_ what: String, at offset: Int? = nil) -> RequestDecodingError {
        RequestDecodingError(field: "(body)", message: "malformed JSON: \(what) at byte \(offset ?? pos)")
    }

    @inline(__always) mutating func skipWhitespace() {
        while pos < end {
            let b = base[pos]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    /// The next non-whitespace byte, not consumed.
    @inline(__always) mutating func peek() throws(RequestDecodingError) -> UInt8 {
        skipWhitespace()
        guard pos < end else { throw syntaxError("unexpected end of input") }
        return base[pos]
    }

    /// Consumes `[` or `{`; returns false (having consumed the close too) when the container is empty.
    @inline(__always) mutating func enterContainer(close: UInt8) throws(RequestDecodingError) -> Bool {
        depth += 1
        guard depth <= Self.maxDepth else { throw syntaxError("nesting too deep") }
        pos += 1
        skipWhitespace()
        if pos < end && base[pos] == close {
            pos += 1
            depth -= 1
            return false
        }
        return true
    }

    /// After an element: consumes `,` (true: another element follows) or `close` (false). Like Foundation,
    /// a comma directly before `close` is accepted.
    @inline(__always) mutating func nextElement(close: UInt8) throws(RequestDecodingError) -> Bool {
        let b = try peek()
        if b == UInt8(ascii: ",") {
            pos += 1
            skipWhitespace()
            if pos < end && base[pos] == close {
                pos += 1
                depth -= 1
                return false
            }
            return true
        }
        guard b == close else { throw syntaxError("expected ',' or '\(Character(Unicode.Scalar(close)))'") }
        pos += 1
        depth -= 1
        return false
    }

    /// Reads an object key and the `:` after it.
    @inline(__always) mutating func readKey() throws(RequestDecodingError) -> StringSpan {
        guard try peek() == UInt8(ascii: "\"") else { throw syntaxError("expected a string key") }
        let span = try scanString()
        guard try peek() == UInt8(ascii: ":") else { throw syntaxError("expected ':'") }
        pos += 1
        return span
    }

    /// After the top-level value only whitespace may follow.
    mutating func expectEnd() throws(RequestDecodingError) {
        skipWhitespace()
        guard pos == end else { throw syntaxError("unexpected data after the JSON value") }
    }

    /// Skips a value, checking only what Foundation's scanner checks.
    mutating func skipValue() throws(RequestDecodingError) {
        switch try peek() {
        case UInt8(ascii: "\""): _ = try scanString()
        case UInt8(ascii: "["):
            let close = UInt8(ascii: "]")
            if try enterContainer(close: close) {
                repeat { try skipValue() } while try nextElement(close: close)
            }
        case UInt8(ascii: "{"):
            let close = UInt8(ascii: "}")
            if try enterContainer(close: close) {
                repeat {
                    _ = try readKey()
                    try skipValue()
                } while try nextElement(close: close)
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = scanNumber()
        default: throw syntaxError("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws(RequestDecodingError) {
        let n = word.utf8CodeUnitCount
        guard end - pos >= n, memcmp(base + pos, word.utf8Start, n) == 0 else { throw syntaxError("invalid literal") }
        pos += n
    }

    /// The type name of the value starting with `b`, for messages.
    static func kind(_ b: UInt8) -> String {
        switch b {
        case UInt8(ascii: "\""): "a string"
        case UInt8(ascii: "["): "an array"
        case UInt8(ascii: "{"): "an object"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        default: "a number"
        }
    }

    // MARK: Strings

    /// True when one of the 8 bytes is `"`, `\` or below 0x20.
    @inline(__always) private static func hasSpecial(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let q = w ^ (ones &* 0x22)
        let s = w ^ (ones &* 0x5C)
        return ((q &- ones) & ~q | (s &- ones) & ~s | (w &- ones &* 0x20) & ~w) & highs != 0
    }

    /// Scans a string literal at `pos` (on its opening quote): only finds the closing quote.
    mutating func scanString() throws(RequestDecodingError) -> StringSpan {
        let open = pos
        var i = pos + 1
        var escape = false
        var control = false
        while true {
            while i + 8 <= end, !Self.hasSpecial(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
            }
            guard i < end else { throw syntaxError("unterminated string", at: open) }
            let b = base[i]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") {
                // Like Foundation's scanner: `\u` needs 4 more bytes, none of them a quote; other escapes are
                // checked only when the string is decoded.
                escape = true
                if i + 1 < end && base[i + 1] == UInt8(ascii: "u") {
                    guard i + 6 <= end, memchr(base + i + 2, 0x22, 4) == nil else {
                        throw syntaxError("invalid \\u escape", at: i)
                    }
                    i += 6
                } else {
                    i += 2
                }
            } else {
                if b < 0x20 { control = true }
                i += 1
            }
        }
        pos = i + 1
        return StringSpan(start: open + 1, end: i, hasEscape: escape, hasControl: control)
    }

    /// The string's value, or nil where Foundation's `String` decoding throws (bad escape, lone surrogate,
    /// invalid UTF-8, raw control character).
    mutating func decodeString(_ span: StringSpan) -> String? {
        if span.hasControl { return nil }
        let count = span.end - span.start
        if !span.hasEscape {
            return String(validating: UnsafeBufferPointer(start: base + span.start, count: count), as: UTF8.self)
        }
        if count > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = max(count, scratchCapacity * 2)
            scratch = .allocate(capacity: scratchCapacity)
        }
        var out = 0
        var i = span.start
        while i < span.end {
            let run: Int
            if let hit = memchr(base + i, 0x5C, span.end - i) {
                run = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - (base + i)
            } else {
                run = span.end - i
            }
            (scratch + out).update(from: base + i, count: run)
            out += run
            i += run
            if i == span.end { break }
            guard i + 1 < span.end else { return nil }
            let e = base[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch[out] = e
            case UInt8(ascii: "b"): scratch[out] = 0x08
            case UInt8(ascii: "f"): scratch[out] = 0x0C
            case UInt8(ascii: "n"): scratch[out] = 0x0A
            case UInt8(ascii: "r"): scratch[out] = 0x0D
            case UInt8(ascii: "t"): scratch[out] = 0x09
            case UInt8(ascii: "u"):
                guard let unit = hex4(i, limit: span.end) else { return nil }
                i += 4
                var scalar = unit
                if unit >= 0xD800 && unit < 0xDC00 {
                    guard i + 6 <= span.end, base[i] == UInt8(ascii: "\\"), base[i + 1] == UInt8(ascii: "u"),
                        let low = hex4(i + 2, limit: span.end), low >= 0xDC00 && low < 0xE000
                    else { return nil }
                    i += 6
                    scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else if unit >= 0xDC00 && unit < 0xE000 {
                    return nil
                }
                for byte in UTF8.encode(Unicode.Scalar(scalar)!)! {
                    scratch[out] = byte
                    out += 1
                }
                out -= 1
            default: return nil
            }
            out += 1
        }
        return String(validating: UnsafeBufferPointer(start: scratch, count: out), as: UTF8.self)
    }

    private func hex4(_ at: Int, limit: Int) -> UInt32? {
        guard at + 4 <= limit else { return nil }
        var v: UInt32 = 0
        for k in at..<at + 4 {
            let c = base[k]
            let d: UInt8
            if c &- UInt8(ascii: "0") < 10 {
                d = c &- UInt8(ascii: "0")
            } else if (c | 0x20) &- UInt8(ascii: "a") < 6 {
                d = (c | 0x20) &- UInt8(ascii: "a") &+ 10
            } else {
                return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// Whether `span` spells `name` exactly (no escapes); keys with escapes are compared after decoding.
    func spells(_ span: StringSpan, _ name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        return span.end - span.start == n && memcmp(base + span.start, name.utf8Start, n) == 0
    }

    /// Object keys are decoded when Foundation builds a keyed container: returns the index of the matching
    /// name, -1 for another valid key, nil for a key that is not a valid string.
    mutating func matchKey(_ span: StringSpan, _ names: [StaticString]) -> Int? {
        if !span.hasEscape && !span.hasControl {
            for (index, name) in names.enumerated() where spells(span, name) { return index }
            var ascii = true
            for k in span.start..<span.end where base[k] >= 0x80 {
                ascii = false
                break
            }
            if ascii { return -1 }
        }
        guard let key = decodeString(span) else { return nil }
        for (index, name) in names.enumerated() where key == name.description { return index }
        return -1
    }

    // MARK: Values

    /// Scans a number's extent as Foundation's scanner does: `-` or a digit, then `[0-9.eE+-]*`.
    mutating func scanNumber() -> Range<Int> {
        let start = pos
        pos += 1
        while pos < end {
            switch base[pos] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                UInt8(ascii: "+"), UInt8(ascii: "-"):
                pos += 1
            default: return start..<pos
            }
        }
        return start..<pos
    }

    /// Decodes a value as `JSONValue.init(from:)` does through `JSONDecoder`.
    mutating func parseValue() throws(RequestDecodingError) -> JSONValueOutcome {
        switch try peek() {
        case UInt8(ascii: "\""):
            let span = try scanString()
            if let s = decodeString(span) { return .value(.string(s)) }
            return .failure(keys: [], message: "expected an object; found an invalid string instead")
        case UInt8(ascii: "["):
            let close = UInt8(ascii: "]")
            var items: [JSONValue] = []
            var failed = false
            if try enterContainer(close: close) {
                repeat {
                    if failed {
                        try skipValue()
                    } else if case .value(let v) = try parseValue() {
                        items.append(v)
                    } else {
                        failed = true  // `try? decode([JSONValue].self)` swallows it; the object attempt then fails here
                    }
                } while try nextElement(close: close)
            }
            return failed ? .failure(keys: [], message: "expected an object; found an array instead") : .value(.array(items))
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "t"):
            try literal("true")
            return .value(.bool(true))
        case UInt8(ascii: "f"):
            try literal("false")
            return .value(.bool(false))
        case UInt8(ascii: "n"):
            try literal("null")
            return .value(.null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let range = scanNumber()
            if let v = numberValue(range) { return .value(v) }
            return .failure(keys: [], message: "expected an object; found a number that is not representable instead")
        default:
            throw syntaxError("unexpected character")
        }
    }

    /// All keys are decoded first (an invalid one is fatal), then values; duplicate keys: the first wins.
    private mutating func parseObject() throws(RequestDecodingError) -> JSONValueOutcome {
        let close = UInt8(ascii: "}")
        var dict: [String: JSONValue] = [:]
        var failure: JSONValueOutcome?
        var badKey: Int?
        if try enterContainer(close: close) {
            repeat {
                let keyAt = pos
                let span = try readKey()
                if badKey != nil {
                    try skipValue()
                    continue
                }
                guard let key = decodeString(span) else {
                    badKey = keyAt
                    try skipValue()
                    continue
                }
                if failure != nil || dict[key] != nil {
                    try skipValue()
                    continue
                }
                switch try parseValue() {
                case .value(let v): dict[key] = v
                case .failure(let keys, let message): failure = .failure(keys: [key] + keys, message: message)
                case .fatal(let at): failure = .fatal(at: at)
                }
            } while try nextElement(close: close)
        }
        if let badKey { return .fatal(at: badKey) }
        return failure ?? .value(.object(dict))
    }
}
