/// One completion to score, as trainers send it.
public struct ScoreItem: Sendable, Hashable {
    /// Echoed back in the result; a string or a number, as the client chose.
    public var id: JSONValue
    /// GRPO group (usually the prompt's index); items of one group are normalised together.
    public var group: JSONValue?
    public var prompt: String?
    public var completion: String
    /// What the verifiers compare against (gold answer, tests, …); free-form per verifier.
    public var reference: JSONValue?
    /// Selects a route when the rule routes by task (`math`, `code`, …).
    public var task: String?
    /// The completion's length in the trainer's own tokens (≥ 0), for length-shaped rewards (`overlong`,
    /// `cosine_length`); verifiers that need a length and find none estimate it.
    public var completionTokens: Int?

    public init(
        id: JSONValue, group: JSONValue? = nil, prompt: String? = nil, completion: String,
        reference: JSONValue? = nil, task: String? = nil, completionTokens: Int? = nil
    ) {
        self.id = id
        self.group = group
        self.prompt = prompt
        self.completion = completion
        self.reference = reference
        self.task = task
        self.completionTokens = completionTokens
    }
}

extension ScoreItem: Codable {
    enum CodingKeys: String, CodingKey {
        case id, group, prompt, completion, reference, task
        case completionTokens = "completion_tokens"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(JSONValue.self, forKey: .id) ?? .null
        switch id {
        case .null, .string, .int, .double: break
        default:
            throw DecodingError.typeMismatch(
                String.self,
                .init(codingPath: c.codingPath + [CodingKeys.id], debugDescription: "id must be a string or a number"))
        }
        group = try c.decodeIfPresent(JSONValue.self, forKey: .group)
        if group == .null { group = nil }
        prompt = try c.decodeIfPresent(String.self, forKey: .prompt)
        completion = try c.decode(String.self, forKey: .completion)
        reference = try c.decodeIfPresent(JSONValue.self, forKey: .reference)
        task = try c.decodeIfPresent(String.self, forKey: .task)
        // Decoded as any JSON value, then checked: `JSONDecoder` fails the whole body, not the item, when a number
        // such as 1.5 is decoded as `Int`.
        switch try c.decodeIfPresent(JSONValue.self, forKey: .completionTokens) {
        case nil, .null?: completionTokens = nil
        case .int(let tokens)? where tokens >= 0: completionTokens = tokens
        case let other?:
            throw DecodingError.dataCorruptedError(
                forKey: .completionTokens, in: c, debugDescription: "must be an integer ≥ 0; got \(other.canonicalText)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(group, forKey: .group)
        try c.encodeIfPresent(prompt, forKey: .prompt)
        try c.encode(completion, forKey: .completion)
        try c.encodeIfPresent(reference, forKey: .reference)
        try c.encodeIfPresent(task, forKey: .task)
        try c.encodeIfPresent(completionTokens, forKey: .completionTokens)
    }
}

/// An item as decoded from a batch: either usable, or rejected with the field that was wrong.
/// A malformed item never fails its batch; it comes back with status `invalid`.
public enum ScoreItemSlot: Sendable {
    case item(ScoreItem)
    case invalid(id: JSONValue, field: String, message: String)
}

extension ScoreItemSlot: Decodable {
    public init(from decoder: any Decoder) throws {
        do {
            self = .item(try ScoreItem(from: decoder))
        } catch let error as DecodingError {
            let id = (try? decoder.container(keyedBy: ScoreItem.CodingKeys.self))
                .flatMap { try? $0.decodeIfPresent(JSONValue.self, forKey: .id) } ?? .null
            let described = DecodingErrorDescription(error)
            self = .invalid(id: id, field: described.field, message: described.message)
        }
    }
}
