import AssayCore
import Foundation

extension JudgeVerifier {
    /// What the SQLite cache keeps of an answered question.
    struct StoredVerdict: Codable {
        var correct: Bool?
        var score: Int?
        var reply: String
    }

    /// The verdict's cache key: the endpoint, the model, the exact messages and the sampling settings.
    func verdictKey(system: String, user: String, endpoint: JudgeEndpoint) -> SHA256Digest {
        let parts = [
            "assay-judge-v1", endpoint.chatCompletionsURL, endpoint.model, mode.rawValue, String(threshold),
            String(maxTokens), JSONValue.double(temperature).canonicalText, system, user,
        ]
        return SHA256Digest.hash(parts.joined(separator: "\u{0}"))
    }

    /// Asks (or finds the answer in the cache, or shares an identical question in flight) and reads the verdict.
    func ask(system: String, user: String, endpoint: JudgeEndpoint, deadline: ContinuousClock.Instant, detail: [String: JSONValue])
        async -> VerifierResult
    {
        var detail = detail
        var judge: [String: JSONValue] = ["model": .string(endpoint.model)]
        let key = verdictKey(system: system, user: user, endpoint: endpoint)
        let cache = cachesVerdicts ? environment.cache : nil
        if let cache, let data = cache.lookup(key), let stored = try? JSONDecoder().decode(StoredVerdict.self, from: data) {
            environment.accounting.recordCacheHit(model: endpoint.model, source: "sqlite")
            judge["cached"] = "sqlite"
            judge["reply"] = .string(stored.reply)
            return verdict(stored, detail: &detail, judge: judge)
        }
        let apiKey = self.apiKey
        if let name = endpoint.apiKeyEnv, apiKey == nil {
            detail["error"] = .string("the API key variable \(name) (api_key_env) is not set in the server's environment")
            return VerifierResult(score: 0, verdict: .error, detail: .object(detail), status: .error)
        }
        let client = environment.client
        let messages: [(role: String, content: String)] = [(role: "system", content: system), (role: "user", content: user)]
        let (maxTokens, temperature) = (self.maxTokens, self.temperature)
        let (answer, shared) = await environment.inFlight.answer(key, deadline: deadline) {
            do throws(JudgeCallFailure) {
                return .success(
                    try await client.complete(
                        messages: messages, endpoint: endpoint, apiKey: apiKey, maxTokens: maxTokens, temperature: temperature,
                        deadline: deadline))
            } catch {
                return .failure(error)
            }
        }
        switch answer {
        case .failure(let failure):
            judge["attempts"] = .int(failure.attempts)
            detail["judge"] = .object(judge)
            detail["error"] = .string(apiKey.redact(failure.message))
            let status: ItemStatus = failure.kind == .timeout ? .timeout : .error
            return VerifierResult(score: 0, verdict: status == .timeout ? .timeout : .error, detail: .object(detail), status: status)
        case .success(let exchange):
            let reply = apiKey.redact(String(exchange.reply.prefix(400)))
            if shared {
                environment.accounting.recordCacheHit(model: endpoint.model, source: "shared")
                judge["cached"] = "shared"
            } else {
                judge["attempts"] = .int(exchange.attempts)
                judge["retries"] = .int(exchange.attempts - 1)
                judge["prompt_tokens"] = .int(exchange.promptTokens)
                judge["completion_tokens"] = .int(exchange.completionTokens)
                judge["latency_ms"] = .double((exchange.latency.milliseconds * 10).rounded() / 10)
            }
            judge["reply"] = .string(reply)
            let stored = parse(exchange.reply, keeping: reply)
            if let cache, !shared, stored.correct != nil, let data = try? JSONEncoder().encode(stored) {
                cache.store(key, data)
            }
            return verdict(stored, detail: &detail, judge: judge)
        }
    }

    func parse(_ reply: String, keeping kept: String) -> StoredVerdict {
        switch mode {
        case .verdict:
            if case .verdict(let correct) = JudgeReplyParser.verdict(reply) { return StoredVerdict(correct: correct, reply: kept) }
        case .score:
            if case .score(let score) = JudgeReplyParser.score(reply) {
                return StoredVerdict(correct: score >= threshold, score: score, reply: kept)
            }
        }
        return StoredVerdict(correct: nil, reply: kept)
    }

    private func verdict(_ stored: StoredVerdict, detail: inout [String: JSONValue], judge: [String: JSONValue]) -> VerifierResult {
        detail["judge"] = .object(judge)
        if let score = stored.score { detail["judge_score"] = .int(score) }
        guard let correct = stored.correct else {
            detail["reason"] = .string(mode == .verdict
                ? "the judge's reply is not CORRECT or INCORRECT" : "the judge's reply is not an integer from 0 to 10")
            return VerifierResult(score: 0, verdict: .unparsable, detail: .object(detail))
        }
        return VerifierResult(score: correct ? 1 : 0, verdict: correct ? .correct : .wrong, detail: .object(detail))
    }
}
