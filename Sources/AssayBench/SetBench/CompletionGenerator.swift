import AssayJudge
import Foundation

/// Samples k completions per problem from an OpenAI-compatible chat-completions endpoint (vLLM, SGLang,
/// llama.cpp, OpenAI…), through the judge's ``JudgeClient``: the same process-wide connection pool, per-call
/// timeouts, and retries with backoff on 429, 5xx, timeouts and connection failures. Each sample is its own call
/// with the filled template as the only (user) message; a call that fails costs that sample, never the run.
public struct CompletionGenerator: Sendable {
    /// Base URL, model, per-call timeout, retries and backoff. `callTimeout` bounds one HTTP call, which must
    /// cover a whole long reply; a sample gets `(callTimeout + backoffCap) × (1 + maxRetries)` in all.
    public var endpoint: JudgeEndpoint
    public var apiKey: JudgeSecret?
    public var samplesPerProblem: Int
    public var temperature: Double
    /// The reply's token limit. 8192 by default: enough for most math problems, where DeepSeek's 32768 would let
    /// a few runaway samples hold a slot for many minutes; raise it for long-reasoning models.
    public var maxTokens: Int
    /// Calls in flight at once.
    public var concurrency: Int
    public var template: CompletionTemplate

    public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Reads the API key from `environment[apiKeyEnv]` when `apiKeyEnv` is given (an unset or empty variable is
    /// an error); without it no `Authorization` header is sent.
    public init(
        baseURL: String, model: String, apiKeyEnv: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, samplesPerProblem: Int,
        temperature: Double = 0.6, maxTokens: Int = 8192, callTimeout: Duration = .seconds(600), maxRetries: Int = 3,
        concurrency: Int = 16, template: CompletionTemplate = .r1Zero
    ) throws(ConfigurationError) {
        if let problem = JudgeEndpoint.problem(withBaseURL: baseURL) { throw ConfigurationError(description: "base URL: \(problem)") }
        guard !model.isEmpty else { throw ConfigurationError(description: "no model name") }
        guard samplesPerProblem >= 1 else { throw ConfigurationError(description: "samples per problem must be at least 1") }
        guard temperature.isFinite, temperature >= 0 else {
            throw ConfigurationError(description: "temperature must be a number ≥ 0; got \(temperature)")
        }
        guard maxTokens >= 1 else { throw ConfigurationError(description: "max tokens must be at least 1") }
        guard concurrency >= 1 else { throw ConfigurationError(description: "concurrency must be at least 1") }
        guard callTimeout > .zero, maxRetries >= 0 else {
            throw ConfigurationError(description: "the call timeout must be positive and the retries ≥ 0")
        }
        var apiKey: JudgeSecret?
        if let apiKeyEnv {
            apiKey = JudgeSecret.fromEnvironment(apiKeyEnv, environment: environment)
            guard apiKey != nil else {
                throw ConfigurationError(description: "the API key variable \(apiKeyEnv) is unset or empty")
            }
        }
        self.endpoint = JudgeEndpoint(
            baseURL: baseURL, model: model, apiKeyEnv: apiKeyEnv, callTimeout: callTimeout, maxRetries: maxRetries)
        self.apiKey = apiKey
        self.samplesPerProblem = samplesPerProblem
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.concurrency = concurrency
        self.template = template
    }

    /// Samples every problem `samplesPerProblem` times, problem by problem (a problem's samples are in flight
    /// together, which lets the server share their prompt's prefix cache). `progress` gets the number of samples
    /// finished so far, from one task at a time. Cancelling the calling task ends the run early: calls in flight
    /// fail as `timeout`, unsent samples as `cancelled`.
    public func generate(
        _ prompts: [(id: String, problem: String)], progress: @Sendable (Int) -> Void = { _ in }
    ) async -> GenerationRun {
        let clock = ContinuousClock()
        let start = clock.now
        let accounting = JudgeAccounting()
        let client = JudgeClient(concurrency: concurrency, accounting: accounting)
        let k = samplesPerProblem
        let total = prompts.count * k
        let messages = prompts.map { [(role: "user", content: template.fill($0.problem))] }
        let budget = (endpoint.callTimeout + endpoint.backoffCap) * (endpoint.maxRetries + 1)

        var samples = [GeneratedSample?](repeating: nil, count: total)
        await withTaskGroup(of: (Int, GeneratedSample).self) { group in
            var next = 0
            var done = 0
            func send(_ index: Int) {
                group.addTask {
                    do throws(JudgeCallFailure) {
                        let exchange = try await client.complete(
                            messages: messages[index / k], endpoint: endpoint, apiKey: apiKey, maxTokens: maxTokens,
                            temperature: temperature, deadline: ContinuousClock.now.advanced(by: budget))
                        return (index, .completion(exchange.reply, truncated: exchange.finishReason == "length"))
                    } catch {
                        return (index, .failed(kind: error.kind.rawValue, message: error.message))
                    }
                }
            }
            while next < min(concurrency, total) {
                send(next)
                next += 1
            }
            while let (index, sample) = await group.next() {
                samples[index] = sample
                done += 1
                progress(done)
                if next < total, !Task.isCancelled {
                    send(next)
                    next += 1
                }
            }
        }

        let unsent = GeneratedSample.failed(kind: "cancelled", message: "not sent: the run was cancelled")
        let problems = prompts.enumerated().map { i, prompt in
            GeneratedProblem(id: prompt.id, samples: (i * k..<(i + 1) * k).map { samples[$0] ?? unsent })
        }
        var report = GenerationReport()
        report.problems = prompts.count
        report.samplesRequested = total
        for sample in problems.lazy.flatMap(\.samples) {
            switch sample {
            case .completion(_, let truncated):
                report.completions += 1
                if truncated { report.truncated += 1 }
            case .failed(let kind, _):
                report.failuresByKind[kind, default: 0] += 1
            }
        }
        let totals = accounting.snapshot
        report.httpCalls = totals.calls
        report.retries = totals.retries
        report.promptTokens = totals.promptTokens
        report.completionTokens = totals.completionTokens
        report.wallTime = start.duration(to: clock.now)
        return GenerationRun(problems: problems, report: report)
    }
}
