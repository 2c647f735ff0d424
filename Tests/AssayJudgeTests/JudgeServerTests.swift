import AssayCore
import AssayJudge
import AssayServer
import AssayTestSupport
import Foundation
import Synchronization
import Testing

/// Judge rules through the real Assay server on loopback: the key stays secret, the accounting reaches `/metrics`.
@Suite("Judge through the server")
struct JudgeServerTests {
    @Test func theAPIKeyNeverAppearsInResponsesOrLogsEvenWhenTheJudgeEchoesIt() async throws {
        // A hostile or careless endpoint that echoes the Authorization header back, in replies and in errors.
        let judge = try ScriptedJudgeServer { call in
            let answer = ScriptedJudgeServer.section(call.user, after: "Candidate's final answer:") ?? ""
            let echoed = call.authorization ?? "(none)"
            switch answer {
            case "echo-reply": return .content("I was called with \(echoed)")
            case "echo-error": return .status(401, body: #"{"error":{"message":"bad key \#(echoed)"}}"#)
            case "echo-500": return .status(503, body: "overloaded; your header was \(echoed)")
            default: return .content("CORRECT")
            }
        }
        defer { Task { await judge.stop() } }
        let accounting = JudgeAccounting()
        let engine = try JudgeFixture.engine(
            [JudgeFixture.judgeRule(url: judge.baseURL, extra: "max_retries: 1")],
            environment: JudgeFixture.environment(accounting: accounting))
        let logged = Mutex<[String]>([])
        let metrics = ServerMetrics()
        metrics.attach(accounting.registry)
        var configuration = ServerConfiguration()
        configuration.port = 0
        let server = MicroHTTPServer(
            configuration: configuration,
            handler: AssayHTTPHandler(engine: engine, metrics: metrics, accessLog: { line in logged.withLock { $0.append(line) } }))
        try server.start()
        defer { Task { await server.shutdown() } }

        let items = ["Paris", "echo-reply", "echo-error", "echo-500"].enumerated().map { i, answer in
            #"{"id":\#(i),"prompt":"Capital of France?","completion":"<answer>\#(answer)</answer>","reference":{"answer":"Paris"}}"#
        }
        let client = LoopbackHTTPClient(port: server.port)
        let response = try await client.post("/v1/score", json: #"{"rule":"judged","items":[\#(items.joined(separator: ","))]}"#)
        #expect(response.status == 200)
        // The key was sent to the judge…
        #expect(judge.calls.contains { $0.authorization == "Bearer " + JudgeFixture.secret })
        // …and appears nowhere the server writes.
        #expect(!response.text.contains(JudgeFixture.secret))
        #expect(response.text.contains("[redacted]"))
        let metricsText = try await client.request("GET", "/metrics").text
        #expect(!metricsText.contains(JudgeFixture.secret))
        #expect(!logged.withLock { $0 }.contains { $0.contains(JudgeFixture.secret) })
        #expect(!logged.withLock { $0 }.isEmpty)

        let results = try response.json()
        guard case .object(let body) = results, case .array(let list) = body["results"] ?? .null else {
            Issue.record("no results")
            return
        }
        let statuses = list.compactMap { item -> String? in
            if case .object(let o) = item { return o["status"]?.stringValue }
            return nil
        }
        #expect(statuses == ["ok", "ok", "error", "error"])

        // Accounting in /metrics: calls by outcome, retries, failures, tokens, latency.
        #expect(metricsText.contains(#"assay_judge_calls_total{model="scripted-judge",outcome="ok"} 2"#))
        #expect(metricsText.contains(#"assay_judge_calls_total{model="scripted-judge",outcome="http_503"} 2"#))
        #expect(metricsText.contains(#"assay_judge_retries_total{model="scripted-judge"} 1"#))
        #expect(metricsText.contains(#"assay_judge_failures_total{model="scripted-judge",reason="http"} 1"#))
        #expect(metricsText.contains(#"assay_judge_failures_total{model="scripted-judge",reason="unavailable"} 1"#))
        #expect(metricsText.contains(#"assay_judge_tokens_total{model="scripted-judge",kind="prompt"} 120"#))
        #expect(metricsText.contains("assay_judge_call_duration_seconds_bucket"))
    }

    @Test func theRulesEndpointShowsTheFallback() async throws {
        let engine = try JudgeFixture.engine(
            [JudgeCompositionTests.mathThenJudge("http://127.0.0.1:9/v1")], environment: JudgeFixture.environment())
        let handler = AssayHTTPHandler(engine: engine)
        let request = HTTPRequest(method: "GET", path: "/v1/rules")
        let inline = handler.respondInline(to: request)
        let response = if let inline { inline } else { await handler.respond(to: request) }
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains(#""fallback":{"verifier":"judge","version":"1","when":["no_answer","unparsable"]"#))
        #expect(!text.contains(JudgeFixture.keyVariable + "\":\"sk-"))
    }
}
