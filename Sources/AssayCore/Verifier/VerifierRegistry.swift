/// Maps the verifier names that rules use to factories that build a verifier from params.
public struct VerifierRegistry: Sendable {
    public typealias Factory = @Sendable (inout VerifierParams) throws -> any Verifier

    public struct Entry: Sendable {
        public var name: String
        public var summary: String
        public var make: Factory
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// Registers (or replaces) a verifier under `name`.
    public mutating func register(_ name: String, summary: String, make: @escaping Factory) {
        entries[name] = Entry(name: name, summary: summary, make: make)
    }

    public var names: [String] { entries.keys.sorted() }

    /// Builds a verifier; unknown names and bad or unknown params throw a ``VerifierParams/Failure``.
    public func makeVerifier(named name: String, params: [String: JSONValue]) throws -> any Verifier {
        guard let entry = entries[name] else {
            throw VerifierParams.Failure(key: "verifier", message: "unknown verifier \"\(name)\" (known: \(names.joined(separator: ", ")))")
        }
        var p = VerifierParams(params)
        let verifier = try entry.make(&p)
        try p.rejectUnknownKeys()
        return verifier
    }
}
