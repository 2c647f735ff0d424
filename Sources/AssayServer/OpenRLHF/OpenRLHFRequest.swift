import AssayCore

/// The body OpenRLHF's remote reward client POSTs: parallel lists `query`, `prompts`, `labels`.
///
/// Newer clients (0.9+) send one sample per request (lists of length 1), 0.6–0.8 a shard of the batch, the
/// oldest `query` alone. `prompts` and `labels` may be absent or null; present, they must be as long as `query`.
/// A label is the item's gold: a string or number becomes `{"answer": label}`, an object is taken as the whole
/// reference, null means no reference.
public struct OpenRLHFRequest: Sendable {
    public var queries: [String]
    public var prompts: [String?]
    public var references: [JSONValue?]

    /// Parses a body; errors name the offending field (`query`, `prompts[2]`, `labels`…).
    public static func parse(_ body: [UInt8]) throws(RequestDecodingError) -> OpenRLHFRequest {
        let value = try JSONValue.parse(body)
        guard case .object(let object) = value else {
            throw RequestDecodingError(field: "(body)", message: "expected a JSON object with \"query\", \"prompts\" and \"labels\"")
        }
        let queries: [String]
        switch object["query"] {
        case .string(let single)?:
            queries = [single]
        case .array(let values)?:
            queries = try values.enumerated().map { (i, v) throws(RequestDecodingError) in
                guard case .string(let s) = v else { throw mismatch("query[\(i)]", "a string", v) }
                return s
            }
        case nil, .null?:
            throw RequestDecodingError(field: "query", message: "required: the decoded prompt + response texts, one per sample")
        case let other?:
            throw mismatch("query", "an array of strings", other)
        }
        let prompts: [String?] = try list(object, "prompts", count: queries.count, wrap: queries.count == 1) { (field, v) throws(RequestDecodingError) in
            switch v {
            case .string(let s): return s
            case .null: return nil
            default: throw mismatch(field, "a string", v)
            }
        }
        let references: [JSONValue?] = try list(object, "labels", count: queries.count, wrap: queries.count == 1) { (_, v) in
            switch v {
            case .null: nil
            case .object: v
            default: .object(["answer": v])
            }
        }
        return OpenRLHFRequest(queries: queries, prompts: prompts, references: references)
    }

    /// `key`'s list, as long as `query`, or all nil when absent; a lone non-array value counts as a list of one
    /// when `wrap` (a single-sample request).
    private static func list<T>(
        _ object: [String: JSONValue], _ key: String, count: Int, wrap: Bool,
        _ element: (String, JSONValue) throws(RequestDecodingError) -> T?
    ) throws(RequestDecodingError) -> [T?] {
        switch object[key] {
        case nil, .null?:
            return Array(repeating: nil, count: count)
        case .array(let values)?:
            guard values.count == count else {
                throw RequestDecodingError(field: key, message: "has \(values.count) entries but query has \(count); the lists are parallel")
            }
            var out: [T?] = []
            out.reserveCapacity(count)
            for (i, v) in values.enumerated() { out.append(try element("\(key)[\(i)]", v)) }
            return out
        case let single? where wrap:
            return [try element(key, single)]
        case let other?:
            throw mismatch(key, "an array as long as query", other)
        }
    }

    private static func mismatch(_ field: String, _ expected: String, _ found: JSONValue) -> RequestDecodingError {
        RequestDecodingError(field: field, message: "expected \(expected), found \(found.kindDescription)")
    }
}

extension JSONValue {
    /// `a string`, `an object`… for error messages.
    var kindDescription: String {
        switch self {
        case .string: "a string"
        case .int, .double: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
