import Prometheus
import Synchronization

/// Judge traffic in Prometheus form — calls by outcome, retries, final failures by reason, tokens from the
/// replies' `usage`, verdicts answered from the cache, master-key rejections, call latency — on a registry that
/// `assay serve` appends to `/metrics`.
public final class JudgeAccounting: Sendable {
    /// The process-wide accounting that `judge` verifiers use unless given another.
    public static let shared = JudgeAccounting()

    public let registry = PrometheusCollectorRegistry()
    private let counters = Mutex<[String: Counter]>([:])
    private let histograms = Mutex<[String: DurationHistogram]>([:])
    private let totals = Mutex<Totals>(Totals())

    /// Running totals, for tests and the CLI.
    public struct Totals: Sendable, Equatable {
        public var calls = 0
        public var retries = 0
        public var failures = 0
        public var promptTokens = 0
        public var completionTokens = 0
        public var cacheHits = 0
        public var rejected = 0
    }

    public init() {}

    public var snapshot: Totals { totals.withLock { $0 } }

    static let buckets: [Duration] = [
        .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]

    private func counter(_ name: String, _ help: String, _ labels: [(String, String)]) -> Counter {
        let key = name + labels.map { "|\($0.0)=\($0.1)" }.joined()
        return counters.withLock { map in
            if let existing = map[key] { return existing }
            let made = registry.makeCounter(descriptor: .init(metricName: name, unitName: "total", helpText: help), labels: labels)
            map[key] = made
            return made
        }
    }

    /// One HTTP exchange with the judge (each retry is one), by outcome: `ok`, `http_<code>`, `timeout`, `transport`.
    func recordCall(model: String, outcome: String, duration: Duration) {
        counter("assay_judge_calls", "Judge HTTP calls by model and outcome.", [("model", model), ("outcome", outcome)]).increment()
        let key = "latency|" + model
        let histogram = histograms.withLock { map in
            if let existing = map[key] { return existing }
            let made = registry.makeDurationHistogram(
                descriptor: .init(metricName: "assay_judge_call_duration", unitName: "seconds", helpText: "Judge call latency."),
                labels: [("model", model)], buckets: Self.buckets)
            map[key] = made
            return made
        }
        histogram.record(duration)
        totals.withLock { $0.calls += 1 }
    }

    func recordRetry(model: String) {
        counter("assay_judge_retries", "Judge calls retried (429, 5xx, timeouts, connection failures).", [("model", model)])
            .increment()
        totals.withLock { $0.retries += 1 }
    }

    /// A question the judge could not answer in the end, by reason (`timeout`, `unavailable`, `http`, `malformed`, `config`).
    func recordFailure(model: String, reason: String) {
        counter("assay_judge_failures", "Judge questions that ended without a verdict.", [("model", model), ("reason", reason)])
            .increment()
        totals.withLock { $0.failures += 1 }
    }

    func recordTokens(model: String, prompt: Int, completion: Int) {
        if prompt > 0 {
            counter("assay_judge_tokens", "Tokens reported by the judge's usage field.", [("model", model), ("kind", "prompt")])
                .increment(by: Int64(prompt))
        }
        if completion > 0 {
            counter("assay_judge_tokens", "Tokens reported by the judge's usage field.", [("model", model), ("kind", "completion")])
                .increment(by: Int64(completion))
        }
        totals.withLock {
            $0.promptTokens += prompt
            $0.completionTokens += completion
        }
    }

    /// A verdict served without a call: from the SQLite cache, or shared with an identical question in flight.
    func recordCacheHit(model: String, source: String) {
        counter("assay_judge_cache_hits", "Judge verdicts served without a call.", [("model", model), ("source", source)])
            .increment()
        totals.withLock { $0.cacheHits += 1 }
    }

    /// An answer refused before any call (a known judge-fooling reply).
    func recordRejected(reason: String) {
        counter("assay_judge_rejected", "Answers refused before calling the judge.", [("reason", reason)]).increment()
        totals.withLock { $0.rejected += 1 }
    }
}
