import AssayCore
import Foundation

/// The API routes over one ``RewardEngine``: `POST /v1/score`, `POST /v1/filter` (rejection sampling, see
/// ``ItemFilter``), `POST /get_reward` (OpenRLHF's remote reward protocol, see ``OpenRLHFEndpoint``),
/// `GET /v1/rules`, `GET /healthz`, `GET /metrics`.
public final class AssayHTTPHandler: HTTPHandler {
    public let engine: RewardEngine
    public let metrics: ServerMetrics
    public let limits: APILimits
    public let openRLHF: OpenRLHFEndpoint
    private let started = ContinuousClock.now
    /// component name → verifier name, over all rules (for the per-verifier metrics).
    private let componentVerifiers: [String: String]

    /// Request-level bounds of the API (the body cap lives in ``ServerConfiguration``).
    public struct APILimits: Sendable, Equatable {
        /// A batch with more items is answered 413.
        public var maxItems: Int = 100_000
        public init(maxItems: Int = 100_000) { self.maxItems = maxItems }
    }

    /// Receives one line per score request (status, rule, items, statuses, time) when set.
    public let accessLog: (@Sendable (String) -> Void)?

    public init(
        engine: RewardEngine, metrics: ServerMetrics = ServerMetrics(), limits: APILimits = APILimits(),
        openRLHF: OpenRLHFEndpoint = OpenRLHFEndpoint(), accessLog: (@Sendable (String) -> Void)? = nil
    ) {
        self.engine = engine
        self.openRLHF = openRLHF
        self.metrics = metrics
        self.limits = limits
        self.accessLog = accessLog
        metrics.observe(cache: engine.cache)
        var names: [String: String] = [:]
        for rule in engine.rules.rules.values {
            for component in rule.components { names[component.name] = component.verifier.name }
        }
        componentVerifiers = names
    }

    public func respondInline(to request: HTTPRequest) -> HTTPResponse? {
        var response: HTTPResponse
        switch (request.method, request.path) {
        case ("GET", "/healthz"), ("HEAD", "/healthz"):
            let uptime = started.duration(to: .now).milliseconds / 1000
            response = .json(
                200,
                "{\"status\":\"ok\",\"version\":\"\(AssayVersion.string)\",\"rules\":\(engine.rules.names.count),\"uptime_s\":\(Int(uptime)),\"cache\":\(engine.cache != nil)}"
            )
        case ("GET", "/v1/rules"):
            response = .json(200, RulesDocument.json(engine.rules))
        case ("GET", "/metrics"):
            response = HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: metrics.render())
        case ("POST", "/v1/score"), ("POST", "/v1/filter"), ("POST", "/get_reward"):
            return nil
        case (_, "/healthz"), (_, "/v1/rules"), (_, "/metrics"), (_, "/v1/score"), (_, "/v1/filter"), (_, "/get_reward"):
            let allowed = request.path.hasPrefix("/v1/score") || request.path.hasPrefix("/v1/filter") || request.path == "/get_reward"
                ? "POST" : request.path == "/healthz" ? "GET, HEAD" : "GET"
            response = .error(
                405, code: "method_not_allowed", field: "method",
                message: "\(request.method) is not allowed on \(request.path); use \(allowed)")
            // RFC 9110: a 405 lists the methods the resource supports.
            response.headers.append(("Allow", allowed))
        default:
            response = .error(
                404, code: "not_found", field: "path",
                message: "no route \(request.path); routes: POST /v1/score, POST /v1/filter, POST /get_reward, GET /v1/rules, GET /healthz, GET /metrics")
        }
        metrics.recordRequest(route: Self.routeLabel(request.path), status: response.status, duration: nil)
        // Health checks and scrapes that succeed would drown the log; everything else answered here is logged.
        if response.status >= 300 || request.path == "/v1/rules" {
            accessLog?(
                "\(LogField.sanitized(request.method)) \(LogField.sanitized(request.path)) \(response.status) id=\(request.requestID ?? "-") client=\(LogField.sanitized(request.peer ?? "-"))")
        }
        return response
    }

    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let clock = ContinuousClock()
        let start = clock.now
        metrics.requestStarted()
        let (response, summary) =
            switch request.path {
            case "/get_reward": await scoreOpenRLHF(request)
            case "/v1/filter": await filter(request)
            default: await score(request)
            }
        metrics.requestFinished()
        let duration = start.duration(to: clock.now)
        metrics.recordRequest(route: Self.routeLabel(request.path), status: response.status, duration: duration)
        if let accessLog {
            accessLog(
                "\(LogField.sanitized(request.method)) \(LogField.sanitized(request.path)) \(response.status) id=\(request.requestID ?? "-") \(request.body.count)B \(String(format: "%.1f", duration.milliseconds))ms \(summary)")
        }
        return response
    }

    public func observe(frontEndResponse: HTTPResponse, for request: HTTPRequest) {
        metrics.recordRequest(route: Self.routeLabel(request.path), status: frontEndResponse.status, duration: nil)
        accessLog?(
            "\(LogField.sanitized(request.method)) \(LogField.sanitized(request.path)) \(frontEndResponse.status) id=\(request.requestID ?? "-") client=\(LogField.sanitized(request.peer ?? "-")) (front end)")
    }

    /// Scores a request; the second value is a short summary for the access log.
    func score(_ request: HTTPRequest) async -> (HTTPResponse, String) {
        if let refused = Self.refuseMediaType(request) { return refused }
        let decoded: ScoreRequest
        do {
            decoded = try ScoreRequestParser.parse(request.body)
        } catch {
            return (.error(400, code: "invalid_request", field: error.field, message: error.message), "invalid \(error.field)")
        }
        if decoded.items.count > limits.maxItems {
            let response = HTTPResponse.error(
                413, code: "too_many_items", field: "items",
                message: "batch has \(decoded.items.count) items; the limit is \(limits.maxItems) (server option --max-items)")
            return (response, "too many items (\(decoded.items.count))")
        }
        do {
            let batch = try await engine.score(decoded)
            metrics.recordBatch(batch, verifierNames: componentVerifiers)
            var counts: [ItemStatus: Int] = [:]
            for result in batch.results { counts[result.status, default: 0] += 1 }
            let statuses = counts.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " ")
            let summary = "rule=\(batch.ruleName) items=\(batch.results.count) \(statuses) cached=\(batch.cacheHits)"
            let body = await ScoreResponseWriter.write(batch, parallelism: engine.limits.concurrency)
            return (.json(200, body), summary)
        } catch {
            return (.error(404, code: "unknown_rule", field: "rule", message: error.description), "unknown rule \(decoded.rule)")
        }
    }

    /// Bodies are parsed as JSON whatever the header says (curl -d sends form-urlencoded, some clients nothing);
    /// only types that are clearly something else are refused.
    static func refuseMediaType(_ request: HTTPRequest) -> (HTTPResponse, String)? {
        guard let type = request.headers["content-type"]?.lowercased(),
            type.hasPrefix("multipart/") || type.contains("xml") || type.hasPrefix("image/") || type.hasPrefix("audio/")
                || type.hasPrefix("video/")
        else { return nil }
        let response = HTTPResponse.error(
            415, code: "unsupported_media_type", field: "Content-Type", message: "expected application/json, got \(type)")
        return (response, "unsupported media type")
    }

    /// `POST /get_reward` (see ``OpenRLHFEndpoint``).
    func scoreOpenRLHF(_ request: HTTPRequest) async -> (HTTPResponse, String) {
        if let refused = Self.refuseMediaType(request) { return refused }
        let parsed: OpenRLHFRequest
        do {
            parsed = try OpenRLHFRequest.parse(request.body)
        } catch {
            return (.error(400, code: "invalid_request", field: error.field, message: error.message), "invalid \(error.field)")
        }
        if parsed.queries.count > limits.maxItems {
            let response = HTTPResponse.error(
                413, code: "too_many_items", field: "query",
                message: "batch has \(parsed.queries.count) queries; the limit is \(limits.maxItems) (server option --max-items)")
            return (response, "too many items (\(parsed.queries.count))")
        }
        guard let named = engine.rules[openRLHF.rule], let rule = engine.rules.resolve(named, task: openRLHF.task) else {
            let message = "the server's OpenRLHF rule \"\(openRLHF.rule)\" is not loaded or has no components for task \(openRLHF.task ?? "none") (assay serve --openrlhf-rule, --openrlhf-task)"
            return (.error(404, code: "unknown_rule", field: "rule", message: message), "unknown rule \(openRLHF.rule)")
        }
        let (scoreRequest, sources) = openRLHF.scoreRequest(parsed)
        do {
            let batch = try await engine.score(scoreRequest)
            metrics.recordBatch(batch, verifierNames: componentVerifiers)
            let body = openRLHF.responseBody(batch, sources: sources, components: rule.components.map(\.name))
            return (.json(200, body), "openrlhf rule=\(batch.ruleName) items=\(batch.results.count) cached=\(batch.cacheHits)")
        } catch {
            return (.error(404, code: "unknown_rule", field: "rule", message: error.description), "unknown rule \(openRLHF.rule)")
        }
    }

    static func routeLabel(_ path: String) -> String {
        switch path {
        case "/healthz", "/v1/rules", "/metrics", "/v1/score", "/v1/filter", "/get_reward": path
        default: "other"
        }
    }
}

/// The build's version, reported by `/healthz` and `assay --version`.
public enum AssayVersion {
    public static let string = "0.1.0"
}
