import Foundation

/// How the server turns rewards into GRPO advantages within each `group`.
public enum AdvantageMode: String, Sendable, Codable, CaseIterable {
    /// (r − mean) / (std + ε), std with Bessel's correction as TRL and verl compute it.
    case grpo
    /// r − mean, without the std (Dr. GRPO).
    case drGRPO = "dr_grpo"
    case none
}

/// The body of `POST /v1/score`.
public struct ScoreRequest: Sendable {
    public var rule: String
    public var items: [ScoreItemSlot]
    public var advantages: AdvantageMode

    public init(rule: String, items: [ScoreItemSlot], advantages: AdvantageMode = .none) {
        self.rule = rule
        self.items = items
        self.advantages = advantages
    }

    public init(rule: String, items: [ScoreItem], advantages: AdvantageMode = .none) {
        self.init(rule: rule, items: items.map { .item($0) }, advantages: advantages)
    }
}

/// A request that could not be decoded; `field` names what was wrong.
public struct RequestDecodingError: Error, Sendable, Equatable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

extension ScoreRequest: Decodable {
    enum CodingKeys: String, CodingKey { case rule, items, advantages }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rule = try c.decode(String.self, forKey: .rule)
        items = try c.decode([ScoreItemSlot].self, forKey: .items)
        if let raw = try c.decodeIfPresent(String.self, forKey: .advantages) {
            guard let mode = AdvantageMode(rawValue: raw) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: c.codingPath + [CodingKeys.advantages],
                        debugDescription: "must be one of grpo, dr_grpo, none; got \"\(raw)\""))
            }
            advantages = mode
        } else {
            advantages = .none
        }
    }

    /// Decodes a request body, reporting the offending field on failure.
    public static func decode(from body: Data) throws(RequestDecodingError) -> ScoreRequest {
        do {
            return try JSONDecoder().decode(ScoreRequest.self, from: body)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                let underlying = context.underlyingError.map { " (\($0))" } ?? ""
                throw RequestDecodingError(field: "(body)", message: "malformed JSON: \(context.debugDescription)\(underlying)")
            }
            let d = DecodingErrorDescription(error)
            throw RequestDecodingError(field: d.field, message: d.message)
        } catch {
            throw RequestDecodingError(field: "(body)", message: "malformed JSON: \(error)")
        }
    }
}
