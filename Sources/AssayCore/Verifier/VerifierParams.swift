/// A verifier's params from a rule, with typed accessors that report the exact key on error
/// and a final check that no unknown key was given (a typo in a rule must not pass silently).
public struct VerifierParams: Sendable {
    public private(set) var values: [String: JSONValue]
    private var consumed: Set<String> = []

    public init(_ values: [String: JSONValue] = [:]) {
        self.values = values
    }

    /// A param error names the key, so the rule loader can point at its line.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var key: String
        public var message: String
        public var description: String { "\(key): \(message)" }
        public init(key: String, message: String) {
            self.key = key
            self.message = message
        }
    }

    public mutating func string(_ key: String, default value: String? = nil) throws(Failure) -> String {
        consumed.insert(key)
        guard let raw = values[key] else {
            if let value { return value }
            throw Failure(key: key, message: "required string param is missing")
        }
        guard let s = raw.stringValue else { throw Failure(key: key, message: "expected a string, got \(raw.typeName)") }
        return s
    }

    public mutating func optionalString(_ key: String) throws(Failure) -> String? {
        consumed.insert(key)
        guard let raw = values[key], raw != .null else { return nil }
        guard let s = raw.stringValue else { throw Failure(key: key, message: "expected a string, got \(raw.typeName)") }
        return s
    }

    public mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, default value: T) throws(Failure) -> T
    where T.RawValue == String {
        let raw = try string(key, default: value.rawValue)
        guard let parsed = T(rawValue: raw) else {
            let options = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw Failure(key: key, message: "must be one of \(options); got \"\(raw)\"")
        }
        return parsed
    }

    public mutating func bool(_ key: String, default value: Bool) throws(Failure) -> Bool {
        consumed.insert(key)
        guard let raw = values[key] else { return value }
        guard let b = raw.boolValue else { throw Failure(key: key, message: "expected true or false, got \(raw.typeName)") }
        return b
    }

    public mutating func double(_ key: String, default value: Double, in range: ClosedRange<Double>? = nil) throws(Failure)
        -> Double
    {
        consumed.insert(key)
        guard let raw = values[key] else { return value }
        guard let d = raw.doubleValue else { throw Failure(key: key, message: "expected a number, got \(raw.typeName)") }
        if let range, !range.contains(d) {
            throw Failure(key: key, message: "must be within \(range.lowerBound)…\(range.upperBound); got \(d)")
        }
        return d
    }

    public mutating func int(_ key: String, default value: Int, in range: ClosedRange<Int>? = nil) throws(Failure) -> Int {
        consumed.insert(key)
        guard let raw = values[key] else { return value }
        guard let i = raw.intValue else { throw Failure(key: key, message: "expected an integer, got \(raw.typeName)") }
        if let range, !range.contains(i) {
            throw Failure(key: key, message: "must be within \(range.lowerBound)…\(range.upperBound); got \(i)")
        }
        return i
    }

    /// Throws for the first key that no accessor asked for.
    public func rejectUnknownKeys() throws(Failure) {
        if let unknown = values.keys.sorted().first(where: { !consumed.contains($0) }) {
            let known = consumed.sorted().joined(separator: ", ")
            throw Failure(key: unknown, message: "unknown param (known: \(known.isEmpty ? "none" : known))")
        }
    }
}
