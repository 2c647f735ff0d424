import AssayCore
import Prometheus
import Synchronization

/// Prometheus metrics of the server: requests, items by verifier and status, latencies, cache hits.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let counters = Mutex<[String: Counter]>([:])
    private let histograms = Mutex<[String: DurationHistogram]>([:])
    private let inFlight: Gauge
    private let attached = Mutex<[PrometheusCollectorRegistry]>([])
    private let cache = Mutex<ResultCache?>(nil)

    static let latencyBuckets: [Duration] = [
        .microseconds(100), .microseconds(500), .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50),
        .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(10), .seconds(30), .seconds(120),
    ]

    public init() {
        inFlight = registry.makeGauge(
            descriptor: .init(metricName: "assay_requests_in_flight", unitName: "", helpText: "Score requests being processed."))
    }

    func counter(_ name: String, _ help: String, _ labels: [(String, String)]) -> Counter {
        let key = name + labels.map { "|\($0.0)=\($0.1)" }.joined()
        return counters.withLock { map in
            if let existing = map[key] { return existing }
            let made = registry.makeCounter(
                descriptor: .init(metricName: name, unitName: "total", helpText: help), labels: labels)
            map[key] = made
            return made
        }
    }

    func histogram(_ name: String, _ help: String, _ labels: [(String, String)]) -> DurationHistogram {
        let key = name + labels.map { "|\($0.0)=\($0.1)" }.joined()
        return histograms.withLock { map in
            if let existing = map[key] { return existing }
            let made = registry.makeDurationHistogram(
                descriptor: .init(metricName: name, unitName: "seconds", helpText: help), labels: labels,
                buckets: Self.latencyBuckets)
            map[key] = made
            return made
        }
    }

    /// Records one HTTP exchange.
    public func recordRequest(route: String, status: Int, duration: Duration?) {
        counter("assay_http_requests", "HTTP requests by route and status code.", [("route", route), ("code", String(status))])
            .increment()
        if let duration {
            histogram("assay_http_request_duration", "HTTP request latency by route.", [("route", route)]).record(duration)
        }
    }

    /// Records every item of a scored batch: per-verifier statuses, item latencies, cache hits and misses.
    public func recordBatch(_ batch: BatchResult, verifierNames: [String: String] = [:]) {
        var byComponent: [ComponentKey: Int] = [:]
        var byStatus: [ItemStatus: Int] = [:]
        let itemLatency = histogram("assay_item_duration", "Scoring time per item (cache misses).", [("rule", batch.ruleName)])
        for result in batch.results {
            byStatus[result.status, default: 0] += 1
            if !result.cached && result.status != .invalid {
                itemLatency.record(.nanoseconds(Int64(result.milliseconds * 1e6)))
            }
            for component in result.components {
                let key = ComponentKey(
                    component: component.name, verifier: verifierNames[component.name] ?? component.name,
                    status: component.result.status)
                byComponent[key, default: 0] += 1
            }
        }
        for (key, count) in byComponent {
            counter(
                "assay_component_results", "Component results by component, verifier and status.",
                [("component", key.component), ("verifier", key.verifier), ("status", key.status.rawValue)]
            ).increment(by: Int64(count))
        }
        for (status, count) in byStatus {
            counter("assay_items", "Scored items by rule and status.", [("rule", batch.ruleName), ("status", status.rawValue)])
                .increment(by: Int64(count))
        }
        counter("assay_cache_hits", "Items answered from the SQLite cache.", []).increment(by: Int64(batch.cacheHits))
        counter("assay_cache_misses", "Cacheable items that had to be scored.", []).increment(by: Int64(batch.cacheMisses))
    }

    /// Counts a request the access policy refused: `unauthorized` (401) or `client_concurrency` (429).
    public func recordAccessRefusal(reason: String) {
        counter("assay_access_refusals", "Requests refused by access control, by reason.", [("reason", reason)]).increment()
    }

    func requestStarted() { inFlight.increment(by: 1) }
    func requestFinished() { inFlight.decrement(by: 1) }

    /// Adds another registry's metrics (e.g. the judge's) to ``render()``.
    public func attach(_ other: PrometheusCollectorRegistry) {
        attached.withLock { $0.append(other) }
    }

    /// Reports `cache`'s counters (``CacheMetrics``) in ``render()``; `nil` reports that no cache is in use.
    public func observe(cache: ResultCache?) {
        self.cache.withLock { $0 = cache }
    }

    /// The Prometheus text exposition.
    public func render() -> [UInt8] {
        var out = registry.emitToBuffer()
        for other in attached.withLock({ $0 }) { out += other.emitToBuffer() }
        out += Array(CacheMetrics.render(cache.withLock { $0 }).utf8)
        return out
    }
}

private struct ComponentKey: Hashable {
    var component: String
    var verifier: String
    var status: ItemStatus
}
