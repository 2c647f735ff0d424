import AssayCore
import AssayJudge
import AsyncHTTPClient
import Foundation
import NIOCore

/// `POST /v1/score` on a running `assay serve`, through the shared async-http-client pool: the way an external
/// trainer integrates. The body is the API's (`rule`, `items` with `group`, `advantages`); rewards and advantages
/// are read from the answer.
public struct HTTPRewardSource: RewardSource {
    /// The server's base URL, e.g. `http://127.0.0.1:8420`.
    public let baseURL: String
    public let timeout: Duration
    public var name: String { baseURL }

    public init(baseURL: String, timeout: Duration = .seconds(300)) throws(RewardSourceError) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw RewardSourceError("--server must be an http(s) URL such as http://127.0.0.1:8420 (got \"\(baseURL)\")")
        }
        self.baseURL = base
        self.timeout = timeout
    }

    public func score(_ items: [ScoreItem], rule: String, advantages: AdvantageMode) async throws -> [RolloutReward] {
        var request = HTTPClientRequest(url: baseURL + "/v1/score")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: Self.body(items, rule: rule, advantages: advantages)))
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await JudgeClient.sharedHTTP.execute(request, timeout: .nanoseconds(Int64(timeout.milliseconds * 1e6)))
            bytes = try await response.body.collect(upTo: 256 << 20)
        } catch {
            throw RewardSourceError("\(baseURL)/v1/score: \(error)")
        }
        guard response.status.code == 200 else {
            let text = String(decoding: bytes.readableBytesView.prefix(300), as: UTF8.self)
            throw RewardSourceError("\(baseURL)/v1/score answered HTTP \(response.status.code): \(text)")
        }
        guard let answer = try? bytes.withUnsafeReadableBytes({ raw in try JSONValue.parse(raw) }), let results = answer["results"]?.arrayValue,
            results.count == items.count
        else {
            throw RewardSourceError("\(baseURL)/v1/score: the answer has no results array of \(items.count) items")
        }
        return results.map { result in
            var verdicts: [String: String] = [:]
            for (name, component) in result["components"]?.objectValue ?? [:] {
                if let verdict = component["verdict"]?.stringValue { verdicts[name] = verdict }
            }
            return RolloutReward(
                reward: result["reward"]?.doubleValue ?? 0, advantage: result["advantage"]?.doubleValue ?? 0,
                status: result["status"]?.stringValue.flatMap(ItemStatus.init(rawValue:)) ?? .error, verdicts: verdicts)
        }
    }

    static func body(_ items: [ScoreItem], rule: String, advantages: AdvantageMode) -> String {
        var out = "{\"rule\":"
        JSONText.appendQuoted(rule, to: &out)
        out += ",\"advantages\":\"\(advantages.rawValue)\",\"items\":["
        for (i, item) in items.enumerated() {
            if i > 0 { out += "," }
            out += "{\"id\":"
            JSONText.appendValue(item.id, to: &out)
            if let group = item.group {
                out += ",\"group\":"
                JSONText.appendValue(group, to: &out)
            }
            if let task = item.task {
                out += ",\"task\":"
                JSONText.appendQuoted(task, to: &out)
            }
            out += ",\"completion\":"
            JSONText.appendQuoted(item.completion, to: &out)
            if let reference = item.reference {
                out += ",\"reference\":"
                JSONText.appendValue(reference, to: &out)
            }
            if let tokens = item.completionTokens { out += ",\"completion_tokens\":\(tokens)" }
            out += "}"
        }
        return out + "]}"
    }
}
