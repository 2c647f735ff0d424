/// An API key, kept out of every description, log line and response: printing it shows `[redacted]`, and
/// ``redact(_:)`` scrubs it from text that came back from the judge (an endpoint may echo headers).
public struct JudgeSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let value: String

    public init?(_ value: String?) {
        guard let value, !value.isEmpty else { return nil }
        self.value = value
    }

    /// Reads the key from the environment variable `name`; `nil` when it is unset or empty.
    public static func fromEnvironment(_ name: String, environment: [String: String]) -> JudgeSecret? {
        JudgeSecret(environment[name])
    }

    public var description: String { "[redacted]" }
    public var debugDescription: String { "[redacted]" }

    var authorizationHeader: String { "Bearer " + value }

    /// `text` with every occurrence of the key replaced by `[redacted]`.
    public func redact(_ text: String) -> String {
        text.contains(value) ? text.replacingOccurrences(of: value, with: "[redacted]") : text
    }
}

extension Optional where Wrapped == JudgeSecret {
    func redact(_ text: String) -> String { self?.redact(text) ?? text }
}
