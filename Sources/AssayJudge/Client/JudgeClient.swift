import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// What one answered judge question returned.
public struct JudgeExchange: Sendable {
    /// The model's reply text (the first choice's message content).
    public var reply: String
    public var promptTokens: Int
    public var completionTokens: Int
    /// The first choice's `finish_reason` (`stop`, `length`…), when the server sent one.
    public var finishReason: String?
    /// HTTP calls made (1 + retries).
    public var attempts: Int
    /// From the first attempt to the reply, waits for a slot and backoff included.
    public var latency: Duration
}

/// Why a judge question got no reply. `timeout` ran out the item's budget; the others are errors.
public struct JudgeCallFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case timeout
        /// 429/5xx/timeouts/connection failures until the retries ran out.
        case unavailable
        /// A status that retrying cannot fix (400, 401, 404…).
        case http
        /// A 2xx whose body is not a chat completion.
        case malformed
    }

    public var kind: Kind
    public var message: String
    public var attempts: Int
    public var description: String { message }
}

/// Asks an OpenAI-compatible chat-completions endpoint one question at a time, over a shared keep-alive
/// connection pool, with a process-wide limit on calls in flight, per-call timeouts and retries with backoff —
/// all inside the caller's deadline.
public final class JudgeClient: Sendable {
    public let limiter: ConcurrencyLimiter
    public let accounting: JudgeAccounting
    private let http: HTTPClient

    /// Replies larger than this are refused (a judge verdict is a few tokens).
    static let maxReplyBytes = 4 << 20

    /// One pool for the process: HTTP/1.1 keep-alive, no redirects, no proxy, connection failures reported at once
    /// (the retry loop here decides about retrying). Never shut down: it lives as long as the process.
    public static let sharedHTTP: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5)),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 256))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public init(concurrency: Int, accounting: JudgeAccounting = .shared, http: HTTPClient = JudgeClient.sharedHTTP) {
        self.limiter = ConcurrencyLimiter(limit: concurrency)
        self.accounting = accounting
        self.http = http
    }

    /// Sends `messages` and returns the reply, or throws why there is none. Never waits past `deadline`.
    public func complete(
        messages: [(role: String, content: String)], endpoint: JudgeEndpoint, apiKey: JudgeSecret?, maxTokens: Int,
        temperature: Double, deadline: ContinuousClock.Instant
    ) async throws(JudgeCallFailure) -> JudgeExchange {
        let body: Data
        do {
            body = try JSONEncoder().encode(
                ChatCompletionRequest(
                    model: endpoint.model, messages: messages.map { .init(role: $0.role, content: $0.content) },
                    temperature: temperature, maxTokens: maxTokens))
        } catch {
            throw JudgeCallFailure(kind: .malformed, message: "cannot encode the request: \(error)", attempts: 0)
        }
        var request = HTTPClientRequest(url: endpoint.chatCompletionsURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "assay-judge")
        if let apiKey { request.headers.add(name: "Authorization", value: apiKey.authorizationHeader) }
        request.body = .bytes(ByteBuffer(bytes: body))

        let backoff = Backoff(base: endpoint.backoffBase, cap: endpoint.backoffCap)
        let clock = ContinuousClock()
        let start = clock.now
        var attempts = 0
        while true {
            // 1. A slot, within the item's budget.
            guard await limiter.acquire(until: deadline) else {
                throw fail(.timeout, "no judge slot came free within the item's time budget (\(limiter.limit) calls in flight)", attempts, endpoint)
            }
            attempts += 1
            let callDeadline = min(clock.now.advanced(by: endpoint.callTimeout), deadline)
            let callStart = clock.now
            let outcome = await exchange(request, deadline: callDeadline)
            limiter.release()
            let elapsed = callStart.duration(to: clock.now)

            // 2. A reply, a retryable failure, or a final one.
            var retryAfter: Duration?
            let reason: String
            switch outcome {
            case .response(let status, let retryAfterHeader, let buffer):
                accounting.recordCall(model: endpoint.model, outcome: (200..<300).contains(status) ? "ok" : "http_\(status)", duration: elapsed)
                if (200..<300).contains(status) {
                    return try decode(buffer, attempts: attempts, latency: start.duration(to: clock.now), endpoint: endpoint, apiKey: apiKey)
                }
                let snippet = apiKey.redact(Self.snippet(buffer))
                guard status == 429 || status == 408 || status >= 500 else {
                    throw fail(.http, "judge answered HTTP \(status)\(snippet.isEmpty ? "" : ": \(snippet)")", attempts, endpoint)
                }
                reason = "HTTP \(status)\(snippet.isEmpty ? "" : " (\(snippet))")"
                retryAfter = Backoff.retryAfter(retryAfterHeader)
            case .timedOut:
                accounting.recordCall(model: endpoint.model, outcome: "timeout", duration: elapsed)
                if clock.now >= deadline {
                    throw fail(.timeout, "the judge did not answer within the item's time budget (attempt \(attempts))", attempts, endpoint)
                }
                reason = "no answer within timeout_seconds (\(endpoint.callTimeout))"
            case .transport(let description):
                accounting.recordCall(model: endpoint.model, outcome: "transport", duration: elapsed)
                reason = apiKey.redact(description)
            case .tooLarge:
                accounting.recordCall(model: endpoint.model, outcome: "too_large", duration: elapsed)
                throw fail(.malformed, "the judge's reply is over \(Self.maxReplyBytes) bytes", attempts, endpoint)
            }
            let retry = attempts - 1
            guard retry < endpoint.maxRetries else {
                throw fail(.unavailable, "judge unavailable after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason)", attempts, endpoint)
            }
            let wait = backoff.delay(retry: retry, retryAfter: retryAfter)
            guard clock.now.advanced(by: wait) < deadline else {
                throw fail(.timeout, "the item's time budget ran out while retrying the judge (\(attempts) attempts; last: \(reason))", attempts, endpoint)
            }
            accounting.recordRetry(model: endpoint.model)
            try? await Task.sleep(for: wait)
            if Task.isCancelled {
                throw fail(.timeout, "cancelled while retrying the judge (\(attempts) attempts; last: \(reason))", attempts, endpoint)
            }
        }
    }

    private func fail(_ kind: JudgeCallFailure.Kind, _ message: String, _ attempts: Int, _ endpoint: JudgeEndpoint) -> JudgeCallFailure {
        accounting.recordFailure(model: endpoint.model, reason: kind.rawValue)
        return JudgeCallFailure(kind: kind, message: message, attempts: attempts)
    }

    private func decode(_ buffer: ByteBuffer, attempts: Int, latency: Duration, endpoint: JudgeEndpoint, apiKey: JudgeSecret?)
        throws(JudgeCallFailure) -> JudgeExchange
    {
        let parsed: ChatCompletionResponse
        do {
            parsed = try JSONDecoder().decode(ChatCompletionResponse.self, from: Data(buffer.readableBytesView))
        } catch {
            throw fail(.malformed, "the judge's reply is not a chat completion: \(apiKey.redact(Self.snippet(buffer)))", attempts, endpoint)
        }
        guard let choice = parsed.choices.first else {
            throw fail(.malformed, "the judge's reply has no choices", attempts, endpoint)
        }
        let prompt = max(0, parsed.usage?.promptTokens ?? 0)
        let completion = max(0, parsed.usage?.completionTokens ?? 0)
        accounting.recordTokens(model: endpoint.model, prompt: prompt, completion: completion)
        return JudgeExchange(
            reply: choice.message?.content ?? choice.text ?? "", promptTokens: prompt, completionTokens: completion,
            finishReason: choice.finishReason, attempts: attempts, latency: latency)
    }

    private enum Outcome: Sendable {
        case response(status: Int, retryAfter: String?, body: ByteBuffer)
        case timedOut
        case transport(String)
        case tooLarge
    }

    /// One HTTP exchange, raced against `deadline` (the request is cancelled when the deadline wins).
    private func exchange(_ request: HTTPClientRequest, deadline: ContinuousClock.Instant) async -> Outcome {
        let http = self.http
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return .timedOut }
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do {
                    let response = try await http.execute(request, timeout: .nanoseconds(remaining.nanosecondsClamped))
                    let body = try await response.body.collect(upTo: Self.maxReplyBytes)
                    return .response(status: Int(response.status.code), retryAfter: response.headers.first(name: "retry-after"), body: body)
                } catch is NIOTooManyBytesError {
                    return .tooLarge
                } catch let error as HTTPClientError
                    where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout || error == .cancelled
                {
                    return .timedOut
                } catch {
                    return .transport(String(describing: error))
                }
            }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            let first = await group.next()!
            group.cancelAll()
            return first ?? .timedOut
        }
    }

    static func snippet(_ buffer: ByteBuffer) -> String {
        let text = String(decoding: buffer.readableBytesView.prefix(300), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ")
    }
}
