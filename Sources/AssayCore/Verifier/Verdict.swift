/// A verifier's categorical judgement of one item. Rules map verdicts to scores.
public struct Verdict: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let correct: Verdict = "correct"
    public static let wrong: Verdict = "wrong"
    public static let partial: Verdict = "partial"
    public static let noAnswer: Verdict = "no_answer"
    public static let unparsable: Verdict = "unparsable"
    /// The component was skipped because its gate did not pass.
    public static let gated: Verdict = "gated"
    public static let limit: Verdict = "limit"
    public static let timeout: Verdict = "timeout"
    public static let error: Verdict = "error"
}

/// Whether an item (or a component) was scored normally or hit a bound.
public enum ItemStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case ok
    /// An input or resource bound was hit (completion size, regex match limit, memory…).
    case limit
    /// The item's time budget ran out.
    case timeout
    /// The verifier failed on this item.
    case error
    /// The item itself was malformed (missing field, no route for its task).
    case invalid

    var severity: Int {
        switch self {
        case .ok: 0
        case .limit: 1
        case .timeout: 2
        case .error: 3
        case .invalid: 4
        }
    }

    public static func < (a: ItemStatus, b: ItemStatus) -> Bool { a.severity < b.severity }
}
