import AssayCore
import Synchronization
import Foundation

/// What every `judge` verifier of a process shares: the default endpoint, one client (one connection pool, one
/// limit on calls in flight), the SQLite cache for verdicts, and the table of questions in flight.
public final class JudgeEnvironment: Sendable {
    public let defaults: JudgeDefaults
    public let client: JudgeClient
    /// Verdicts by question (model, template, question, reference, answer); `nil` runs uncached.
    public let cache: ResultCache?
    let inFlight = JudgeInFlight()
    /// Where `api_key_env` is looked up (the process environment; tests pass their own).
    let variables: [String: String]

    public init(
        defaults: JudgeDefaults = JudgeDefaults(), cache: ResultCache? = nil, accounting: JudgeAccounting = .shared,
        variables: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.defaults = defaults
        self.client = JudgeClient(concurrency: defaults.concurrency, accounting: accounting)
        self.cache = cache
        self.variables = variables
    }

    public var accounting: JudgeAccounting { client.accounting }
}

/// Identical questions asked at once (a GRPO group often repeats a final answer) share one call.
final class JudgeInFlight: Sendable {
    typealias Answer = Result<JudgeExchange, JudgeCallFailure>
    private let tasks = Mutex<[SHA256Digest: Task<Answer, Never>]>([:])

    /// The answer to `key`, asking with `ask` unless the same question is already being asked; `shared` is true
    /// when another caller's call answered. A caller never waits past its own `deadline`.
    func answer(
        _ key: SHA256Digest, deadline: ContinuousClock.Instant, ask: @escaping @Sendable () async -> Answer
    ) async -> (answer: Answer, shared: Bool) {
        let (task, leader) = tasks.withLock { map -> (Task<Answer, Never>, Bool) in
            if let running = map[key] { return (running, false) }
            let task = Task { await ask() }
            map[key] = task
            return (task, true)
        }
        if leader {
            let answer = await task.value
            tasks.withLock { _ = $0.removeValue(forKey: key) }
            return (answer, false)
        }
        let answer = await withTaskGroup(of: Answer?.self) { group in
            group.addTask { await task.value }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
        return (answer ?? .failure(JudgeCallFailure(kind: .timeout, message: "the item's time budget ran out waiting for the judge's answer to the same question", attempts: 0)), true)
    }
}
