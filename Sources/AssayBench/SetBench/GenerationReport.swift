import Foundation

/// The totals of one generation run.
public struct GenerationReport: Sendable, Hashable, CustomStringConvertible {
    public var problems = 0
    /// Problems × samples per problem.
    public var samplesRequested = 0
    /// Samples with a reply, truncated ones included.
    public var completions = 0
    /// Replies cut at the token limit (`finish_reason` `length`).
    public var truncated = 0
    /// Samples without a reply, by ``GeneratedSample/failed(kind:message:)`` kind.
    public var failuresByKind: [String: Int] = [:]
    /// HTTP requests made, retries included.
    public var httpCalls = 0
    public var retries = 0
    /// From the replies' `usage`; 0 when the server sends none.
    public var promptTokens = 0
    public var completionTokens = 0
    public var wallTime: Duration = .zero

    public init() {}

    public var failures: Int { failuresByKind.values.reduce(0, +) }

    /// One line, e.g. `64 samples of 4 problems: 62 completions (3 truncated), 2 failed (unavailable 2); 70 HTTP calls
    /// (6 retries); 9100 prompt + 401230 completion tokens; 81.2 s`.
    public var description: String {
        var line = "\(samplesRequested) samples of \(problems) problems: \(completions) completions"
        if truncated > 0 { line += " (\(truncated) truncated)" }
        if failures > 0 {
            let kinds = failuresByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            line += ", \(failures) failed (\(kinds))"
        }
        line += "; \(httpCalls) HTTP calls (\(retries) retries)"
        line += "; \(promptTokens) prompt + \(completionTokens) completion tokens"
        let seconds = Double(wallTime.components.seconds) + Double(wallTime.components.attoseconds) / 1e18
        return line + String(format: "; %.1f s", seconds)
    }
}
