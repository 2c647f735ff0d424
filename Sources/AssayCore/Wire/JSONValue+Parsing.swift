import Foundation

extension JSONValue {
    /// Parses one JSON document with the byte-level reader behind ``ScoreRequestParser``: the same values
    /// `JSONDecoder().decode(JSONValue.self, from:)` gives, several times faster on Linux.
    ///
    /// - Throws: ``RequestDecodingError`` (field `(body)`) for malformed JSON, trailing content, or a value
    ///   `JSONValue` cannot hold (an unrepresentable number, an invalid string); the message ends with the byte offset.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(RequestDecodingError) -> JSONValue {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw RequestDecodingError(field: "(body)", message: "malformed JSON: empty body at byte 0")
        }
        var reader = JSONByteReader(base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        let start = reader.pos
        switch try reader.parseValue() {
        case .value(let value):
            try reader.expectEnd()
            return value
        case .failure(_, let message):
            throw reader.syntaxError(message.replacingOccurrences(of: "expected an object; found ", with: "found "), at: start)
        case .fatal(let offset):
            throw reader.syntaxError("invalid object key", at: offset)
        }
    }

    /// Parses one JSON document (see ``parse(_:)-(UnsafeRawBufferPointer)``).
    public static func parse(_ bytes: [UInt8]) throws(RequestDecodingError) -> JSONValue {
        let result = bytes.withUnsafeBytes { raw in Result { () throws(RequestDecodingError) in try parse(raw) } }
        return try result.get()
    }
}
