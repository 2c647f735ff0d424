import AssayCore
import AssayServer
import Foundation
import Testing

/// Every error path answers with a JSON error naming the field, and the server keeps serving afterwards.
@Suite("Error paths over loopback", .serialized)
struct ErrorPathTests {
    func expectError(
        _ response: LoopbackHTTPClient.Response, status: Int, code: String, field: String?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        let json = try response.json()
        #expect(json["error"]?["code"]?.stringValue == code, "\(response.text)", sourceLocation: sourceLocation)
        #expect(json["error"]?["status"]?.intValue == status, sourceLocation: sourceLocation)
        if let field {
            #expect(json["error"]?["field"]?.stringValue == field, "\(response.text)", sourceLocation: sourceLocation)
        }
        let message = json["error"]?["message"]?.stringValue ?? ""
        #expect(!message.isEmpty, sourceLocation: sourceLocation)
    }

    func expectAlive(_ server: TestServer, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let fresh = server.client()
        let health = try await fresh.request("GET", "/healthz")
        #expect(health.status == 200, sourceLocation: sourceLocation)
        let score = try await fresh.post("/v1/score", json: scoreBody(rule: "format", items: [ScoreItem(id: 1, completion: wellFormed)]))
        #expect(try score.json().results.first?["reward"] == 1, sourceLocation: sourceLocation)
        fresh.close()
    }

    @Test func malformedRequestsAre400WithTheField() async throws {
        let server = try TestServer()
        let client = server.client()
        let cases: [(String, String)] = [
            (#"{"rule":"r1","items":[{"id":1,"completion":"x"}"#, "(body)"),
            ("", "(body)"),
            (#"{"items":[]}"#, "rule"),
            (#"{"rule":"r1","items":"nope"}"#, "items"),
            (#"{"rule":"r1","items":[],"advantages":"ppo"}"#, "advantages"),
            (#"[1,2,3]"#, "(body)"),
        ]
        for (body, field) in cases {
            try expectError(try await client.post("/v1/score", json: body), status: 400, code: "invalid_request", field: field)
            try await expectAlive(server)
        }
        await server.stop()
    }

    @Test func unknownRuleIs404() async throws {
        let server = try TestServer()
        let response = try await server.client().post("/v1/score", json: #"{"rule":"nope","items":[]}"#)
        try expectError(response, status: 404, code: "unknown_rule", field: "rule")
        #expect(response.text.contains("r1"), "the error lists the known rules")
        try await expectAlive(server)
        await server.stop()
    }

    @Test func bodyOverTheLimitIs413WithContentLengthAndChunked() async throws {
        let server = try TestServer(maxBodyBytes: 100_000)
        let big = scoreBody(rule: "r1", items: (0..<200).map { ScoreItem(id: .int($0), completion: String(repeating: "x", count: 1000)) })
        let client = server.client()
        try expectError(try await client.post("/v1/score", json: big), status: 413, code: "body_too_large", field: "(body)")
        try await expectAlive(server)

        // Chunked upload without Content-Length: the cap is enforced while reading.
        var raw = "POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        let payload = Array(big.utf8)
        var offset = 0
        while offset < payload.count {
            let end = min(offset + 8192, payload.count)
            raw += String(end - offset, radix: 16) + "\r\n" + String(decoding: payload[offset..<end], as: UTF8.self) + "\r\n"
            offset = end
        }
        raw += "0\r\n\r\n"
        let chunked = server.client()
        try expectError(try await chunked.raw(Array(raw.utf8)), status: 413, code: "body_too_large", field: "(body)")
        try await expectAlive(server)

        // Under the cap, chunked works.
        let small = scoreBody(rule: "format", items: [ScoreItem(id: 1, completion: wellFormed)])
        let okRaw = "POST /v1/score HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + String(small.utf8.count, radix: 16) + "\r\n" + small + "\r\n0\r\n\r\n"
        let response = try await server.client().raw(Array(okRaw.utf8))
        #expect(response.status == 200)
        await server.stop()
    }

    @Test func tooManyItemsIs413() async throws {
        let server = try TestServer(apiLimits: .init(maxItems: 10))
        let body = scoreBody(rule: "r1", items: (0..<11).map { ScoreItem(id: .int($0), completion: "x") })
        try expectError(try await server.client().post("/v1/score", json: body), status: 413, code: "too_many_items", field: "items")
        try await expectAlive(server)
        await server.stop()
    }

    @Test func oversizedCompletionAndMalformedItemAreItemStatusesNotBatchFailures() async throws {
        let server = try TestServer(limits: EngineLimits(maxCompletionBytes: 1000))
        let body = """
            {"rule":"r1","items":[
              {"id":"ok","completion":\(String(decoding: try JSONEncoder().encode(wellFormed), as: UTF8.self))},
              {"id":"huge","completion":"\(String(repeating: "y", count: 5000))"},
              {"id":"broken","completion":17},
              {"id":"missing"}
            ]}
            """
        let response = try await server.client().post("/v1/score", json: body)
        #expect(response.status == 200)
        let results = try response.json().results
        #expect(results.map { $0["id"]?.stringValue } == ["ok", "huge", "broken", "missing"])
        #expect(results[0]["status"] == "ok")
        #expect(results[0]["reward"]?.doubleValue ?? 0 > 1)
        #expect(results[1]["status"] == "limit")
        #expect(results[1]["components"]?["format"]?["detail"]?["error"]?.stringValue?.contains("limit is 1000") == true)
        #expect(results[2]["status"] == "invalid")
        #expect(results[2]["error"]?.stringValue?.hasPrefix("items[2].completion") == true)
        #expect(results[2]["reward"] == .null)
        #expect(results[3]["error"]?.stringValue?.hasPrefix("items[3].completion") == true)
        try await expectAlive(server)
        await server.stop()
    }

    @Test func unknownPathsMethodsAndMediaTypes() async throws {
        let server = try TestServer()
        let client = server.client()
        try expectError(try await client.request("GET", "/v2/everything"), status: 404, code: "not_found", field: "path")
        try expectError(try await client.request("GET", "/v1/score"), status: 405, code: "method_not_allowed", field: "method")
        let deleted = try await client.request("DELETE", "/healthz")
        try expectError(deleted, status: 405, code: "method_not_allowed", field: "method")
        // RFC 9110: a 405 names the allowed methods.
        #expect(deleted.headers["allow"] == "GET, HEAD")
        #expect(try await client.request("GET", "/v1/score").headers["allow"] == "POST")
        #expect(try await client.request("PUT", "/v1/rules").headers["allow"] == "GET")
        let xml = try await client.request("POST", "/v1/score", body: Array("<score/>".utf8), contentType: "application/xml")
        try expectError(xml, status: 415, code: "unsupported_media_type", field: "Content-Type")
        // Garbage on the wire: the server answers 400 or closes; either way it keeps serving.
        _ = try? await server.client().raw(Array("BLAH\r\n\r\n".utf8))
        try await expectAlive(server)
        await server.stop()
    }

    @Test func rulesHealthAndMetricsDescribeTheServer() async throws {
        let server = try TestServer()
        let client = server.client()
        let rules = try await client.request("GET", "/v1/rules").json()
        let names = rules["rules"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.contains("r1") && names.contains("format") && names.contains("language"))
        let r1 = rules["rules"]?.arrayValue?.first { $0["name"] == "r1" }
        #expect(r1?["hash"]?.stringValue == server.engine.rules["r1"]?.hash)
        #expect(r1?["components"]?.arrayValue?.map { $0["verifier"]?.stringValue } == ["format", "language"])

        let health = try await client.request("GET", "/healthz").json()
        #expect(health["status"] == "ok")
        _ = try await client.post("/v1/score", json: scoreBody(rule: "r1", items: [ScoreItem(id: 1, completion: noTags)]))
        _ = try await client.post("/v1/score", json: "{")
        let metrics = try await client.request("GET", "/metrics")
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
        let text = metrics.text
        #expect(text.contains(#"assay_http_requests_total{route="/v1/score",code="200"} 1"#), "\(text)")
        #expect(text.contains(#"assay_http_requests_total{route="/v1/score",code="400"} 1"#))
        #expect(text.contains(#"assay_items_total{rule="r1",status="ok"} 1"#))
        #expect(text.contains(#"assay_component_results_total{component="format",verifier="format",status="ok"} 1"#))
        #expect(text.contains("assay_http_request_duration_seconds_bucket"))
        await server.stop()
    }
}

@Suite("Server-wide body budget", .serialized)
struct BodyBudgetTests {
    @Test func concurrentBodiesOverTheBudgetGet503AndTheServerRecovers() async throws {
        // A sits half-sent while B is refused; on a heavily loaded machine that can outlast the 30 s idle timeout.
        let server = try TestServer(maxBodyBytes: 200_000, maxInFlightBodyBytes: 250_000, connectionTimeoutSeconds: 600)
        let body = Array(scoreBody(rule: "format", items: (0..<100).map { ScoreItem(id: .int($0), completion: wellFormed + String(repeating: " ", count: 1200)) }).utf8)
        #expect(body.count > 130_000 && body.count < 200_000)
        let head = "POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"

        // A holds its reservation with a half-sent body.
        let a = server.client()
        try await a.send(Array(head.utf8) + Array(body[0..<1000]))
        let start = ContinuousClock.now
        while server.server.bodyBytesInFlight == 0 && start.duration(to: .now) < .seconds(10) {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(server.server.bodyBytesInFlight == body.count, "A reserved its declared Content-Length")
        // B does not fit next to it.
        let b = server.client()
        let busy = try await b.request("POST", "/v1/score", body: body)
        #expect(busy.status == 503)
        #expect(busy.headers["retry-after"] == "1")
        #expect(try busy.json()["error"]?["code"] == "server_busy")
        // A completes normally, and then B fits.
        try await a.send(Array(body[1000...]))
        let done = try await a.receive()
        #expect(done.status == 200)
        #expect(try done.json().results.count == 100)
        let retry = try await server.client().request("POST", "/v1/score", body: body)
        #expect(retry.status == 200)
        #expect(server.server.bodyBytesInFlight == 0, "every reservation is released")
        await server.stop()
    }
}
