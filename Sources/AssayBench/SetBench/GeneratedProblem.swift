/// One sampled completion, or why the endpoint gave none.
public enum GeneratedSample: Sendable, Hashable {
    /// The reply text. `truncated` when the server stopped at the token limit (`finish_reason` `length`):
    /// the text is kept, and usually scores as having no answer.
    case completion(String, truncated: Bool)
    /// No reply after the retries. `kind` is `timeout`, `unavailable` (429/5xx/connection failures until the
    /// retries ran out), `http` (a status retrying cannot fix: 400, 401, 404…), `malformed` (a 2xx that is not a
    /// chat completion) or `cancelled` (never sent: the run was cancelled). The message never holds the API key.
    case failed(kind: String, message: String)

    public var text: String? {
        if case .completion(let text, _) = self { text } else { nil }
    }
}

/// The samples of one problem, in sample order.
public struct GeneratedProblem: Sendable, Hashable {
    public var id: String
    public var samples: [GeneratedSample]

    public init(id: String, samples: [GeneratedSample]) {
        self.id = id
        self.samples = samples
    }
}

/// What ``CompletionGenerator/generate(_:progress:)`` returns: the samples of every problem, in input order,
/// and the run's totals.
public struct GenerationRun: Sendable {
    public var problems: [GeneratedProblem]
    public var report: GenerationReport
}
