import Foundation

/// Where a judge model is served and how calls to it behave. Built from a rule's params over the server's
/// ``JudgeDefaults``; the API key is read from the environment variable it names, never from a request.
public struct JudgeEndpoint: Sendable, Hashable {
    /// The OpenAI-compatible base URL, e.g. `http://127.0.0.1:8000/v1` (vLLM, SGLang, llama.cpp, OpenAI…).
    public var baseURL: String
    public var model: String
    /// The name of the environment variable that holds the API key; `nil` sends no `Authorization` header.
    public var apiKeyEnv: String?
    /// One call's time limit (each retry gets its own, all within the item's deadline).
    public var callTimeout: Duration
    /// Retries after the first attempt, on 429, 5xx, timeouts and connection failures.
    public var maxRetries: Int
    /// Exponential backoff with full jitter: attempt *n* waits a random time in [0, min(cap, base·2ⁿ)],
    /// or the server's `Retry-After` when it gives one.
    public var backoffBase: Duration
    public var backoffCap: Duration

    public init(
        baseURL: String, model: String, apiKeyEnv: String? = nil, callTimeout: Duration = .seconds(30), maxRetries: Int = 3,
        backoffBase: Duration = .milliseconds(250), backoffCap: Duration = .seconds(8)
    ) {
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnv = apiKeyEnv
        self.callTimeout = callTimeout
        self.maxRetries = maxRetries
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
    }

    /// `<base>/chat/completions`, unless the base URL already names that path.
    public var chatCompletionsURL: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base.hasSuffix("/chat/completions") ? base : base + "/chat/completions"
    }

    /// Why a base URL cannot be used, or `nil` when it can.
    public static func problem(withBaseURL url: String) -> String? {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            return "expected an http:// or https:// URL; got \"\(url)\""
        }
        guard let parsed = URL(string: url), let host = parsed.host, !host.isEmpty else {
            return "not a URL with a host: \"\(url)\""
        }
        if parsed.user != nil || parsed.password != nil {
            return "credentials do not belong in the URL; name an environment variable in api_key_env"
        }
        return nil
    }
}

/// Server- or CLI-wide judge settings (`assay serve --judge-url … --judge-model …`): the endpoint that `judge`
/// verifiers use unless their rule names one, and the process-wide limit on calls in flight.
public struct JudgeDefaults: Sendable, Equatable {
    public var baseURL: String?
    public var model: String?
    public var apiKeyEnv: String?
    /// Judge calls in flight at once, over all rules and items.
    public var concurrency: Int

    public init(baseURL: String? = nil, model: String? = nil, apiKeyEnv: String? = nil, concurrency: Int = 32) {
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnv = apiKeyEnv
        self.concurrency = max(1, concurrency)
    }
}
