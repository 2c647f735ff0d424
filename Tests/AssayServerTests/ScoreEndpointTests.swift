import AssayCore
import AssayServer
import Foundation
import Testing

@Suite("POST /v1/score over loopback", .serialized)
struct ScoreEndpointTests {
    /// Regression: the request-completed callback had no context, so every scored request stayed "in flight"
    /// and a shutdown (SIGTERM) waited its whole drain timeout.
    @Test func answeredRequestsLeaveTheInFlightCount() async throws {
        let server = try TestServer()
        let client = server.client()
        for _ in 0..<3 {
            let response = try await client.post("/v1/score", json: scoreBody(rule: "format", items: [ScoreItem(id: 1, completion: noTags)]))
            #expect(response.status == 200)
        }
        _ = try await client.post("/get_reward", json: "{\"query\": [\"x\"]}")
        var waited = 0
        while server.server.requestsInFlight > 0 && waited < 500 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        #expect(server.server.requestsInFlight == 0)
        await server.stop()
    }

    @Test func thousandItemBatchRoundTripKeepsOrderAndMatchesTheEngine() async throws {
        let server = try TestServer()
        let client = server.client()
        let items = (0..<1000).map { i in
            ScoreItem(
                id: .string("item-\(i)"), group: .int(i / 8), prompt: "p\(i / 8)",
                completion: i % 3 == 0 ? noTags : wellFormed.replacingOccurrences(of: "carefully", with: String(repeating: "and more words ", count: i % 7)))
        }
        let response = try await client.post("/v1/score", json: scoreBody(rule: "r1", items: items, advantages: "grpo"))
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        let json = try response.json()
        let results = json.results
        #expect(results.count == 1000)
        #expect(results.map { $0["id"]?.stringValue } == items.map { $0.id.stringValue })
        #expect(json["rule"]?["name"] == "r1")
        #expect(json["rule"]?["hash"]?.stringValue == server.engine.rules["r1"]?.hash)

        // Same numbers as the in-process engine.
        let direct = try await server.engine.score(ScoreRequest(rule: "r1", items: items, advantages: .grpo))
        for (wire, local) in zip(results, direct.results) {
            #expect(wire["reward"]?.doubleValue == local.reward)
            #expect(abs((wire["advantage"]?.doubleValue ?? .nan) - (local.advantage ?? .nan)) < 1e-9)
            #expect(wire["status"] == "ok")
        }
        // Items without tags fail the format and get no language credit (gated).
        #expect(results[0]["components"]?["format"]?["verdict"] == "wrong")
        #expect(results[0]["components"]?["language"]?["verdict"] == "gated")
        #expect(results[1]["components"]?["format"]?["verdict"] == "correct")
        // Group statistics: 125 groups of 8, advantages centred in each group.
        let groups = json["groups"]?.objectValue ?? [:]
        #expect(groups.count == 125)
        #expect(groups["0"]?["n"] == 8)
        for g in 0..<125 {
            let advantages = results[(g * 8)..<(g * 8 + 8)].compactMap { $0["advantage"]?.doubleValue }
            #expect(abs(advantages.reduce(0, +)) < 1e-6)
        }
        await server.stop()
    }

    @Test func regexBlowUpIsOneLimitItemAndTheOthersScoreNormally() async throws {
        let server = try TestServer()
        let client = server.client()
        var items = (0..<20).map { ScoreItem(id: .int($0), completion: wellFormed) }
        items[7] = ScoreItem(id: 7, completion: String(repeating: "a", count: 5000) + "!")
        let response = try await client.post("/v1/score", json: scoreBody(rule: "blowup", items: items))
        #expect(response.status == 200)
        let results = try response.json().results
        #expect(results[7]["status"] == "limit")
        #expect(results[7]["components"]?["letters"]?["verdict"] == "limit")
        for (i, result) in results.enumerated() where i != 7 {
            #expect(result["status"] == "ok")
            #expect(result["components"]?["format"]?["verdict"] == "correct")
            #expect(result["reward"] == 1)
        }
        #expect(try await client.request("GET", "/healthz").status == 200)
        await server.stop()
    }

    @Test func repeatedBatchIsServedFromTheCache() async throws {
        let server = try TestServer()
        let client = server.client()
        let items = (0..<50).map { ScoreItem(id: .int($0), completion: wellFormed + " \($0)") }
        let body = scoreBody(rule: "cached", items: items)
        let first = try await client.post("/v1/score", json: body).json().results
        #expect(first.allSatisfy { $0["cached"] == false })
        server.engine.cache?.flush()
        let second = try await client.post("/v1/score", json: body).json().results
        #expect(second.allSatisfy { $0["cached"] == true })
        #expect(second.map { $0["reward"] } == first.map { $0["reward"] })
        #expect(second.map { $0["components"] } == first.map { $0["components"] })

        let metrics = try await client.request("GET", "/metrics").text
        #expect(metrics.contains("assay_cache_hits_total 50"), "\(metrics)")
        #expect(metrics.contains("assay_cache_misses_total 50"))
        await server.stop()
    }

    @Test func routesByTask() async throws {
        let server = try TestServer()
        let client = server.client()
        let items = [
            ScoreItem(id: 1, completion: wellFormed, task: "format"),
            ScoreItem(id: 2, completion: wellFormed, task: "other"),
        ]
        let results = try await client.post("/v1/score", json: scoreBody(rule: "by-task", items: items)).json().results
        #expect(results[0]["scored_by"] == "format")
        #expect(results[0]["reward"] == 1)
        #expect(results[1]["scored_by"] == "cached")
        #expect(results[1]["reward"]?.doubleValue ?? 0 > 1.4)

        // r1 sends task: math to r1-math (accuracy ±1 plus the format bonus) and scores the rest itself.
        let math = [
            ScoreItem(id: 1, completion: "<think>\n2 + 2 = 4\n</think>\n<answer>\n\\boxed{4}\n</answer>", reference: ["answer": "4"], task: "math"),
            ScoreItem(id: 2, completion: "<think>\n2 + 2 = 5\n</think>\n<answer>\n\\boxed{5}\n</answer>", reference: ["answer": "4"], task: "math"),
            ScoreItem(id: 3, completion: "<think>\nI am not sure\n</think>\n<answer>\n", reference: ["answer": "4"], task: "math"),
            ScoreItem(id: 4, completion: wellFormed),
        ]
        let routed = try await client.post("/v1/score", json: scoreBody(rule: "r1", items: math)).json().results
        #expect(routed.map { $0["scored_by"]?.stringValue } == ["r1-math", "r1-math", "r1-math", "r1"])
        #expect(routed[0]["components"]?["accuracy"]?["verdict"] == "correct")
        #expect(routed[0]["reward"] == 1.5)
        #expect(routed[1]["components"]?["accuracy"]?["verdict"] == "wrong")
        #expect(routed[1]["reward"] == -0.5)
        #expect(routed[2]["components"]?["accuracy"]?["verdict"] == "no_answer")
        #expect(routed[2]["reward"] == 0)
        await server.stop()
    }

    @Test func concurrentClientsAllGetTheirOwnAnswers() async throws {
        let server = try TestServer()
        let port = server.port
        try await withThrowingTaskGroup(of: Void.self) { group in
            for clientIndex in 0..<8 {
                group.addTask {
                    let client = LoopbackHTTPClient(port: port)
                    for round in 0..<10 {
                        let items = (0..<40).map {
                            ScoreItem(id: .string("c\(clientIndex)-r\(round)-\($0)"), completion: $0 % 2 == 0 ? wellFormed : noTags)
                        }
                        let response = try await client.post("/v1/score", json: scoreBody(rule: "r1", items: items))
                        #expect(response.status == 200)
                        let results = try response.json().results
                        #expect(results.map { $0["id"]?.stringValue } == items.map { $0.id.stringValue })
                        #expect(results.enumerated().allSatisfy { ($0.offset % 2 == 0) == ($0.element["reward"]?.doubleValue ?? 0 >= 1) })
                    }
                    client.close()
                }
            }
            try await group.waitForAll()
        }
        let metrics = try await server.client().request("GET", "/metrics").text
        #expect(metrics.contains(#"assay_http_requests_total{route="/v1/score",code="200"} 80"#), "\(metrics)")
        await server.stop()
    }

    @Test func shutdownDrainsInFlightRequests() async throws {
        let server = try TestServer(limits: EngineLimits(concurrency: 1))
        let client = server.client()
        let items = (0..<20_000).map { ScoreItem(id: .int($0), completion: wellFormed) }
        let body = scoreBody(rule: "r1", items: items)
        async let response = client.post("/v1/score", json: body)
        // Wait until the request is suspended inside the engine, then shut down.
        let start = ContinuousClock.now
        while server.server.requestsInFlight == 0 && start.duration(to: .now) < .seconds(20) {
            try await Task.sleep(for: .milliseconds(2))
        }
        let wasInFlight = server.server.requestsInFlight
        await server.stop()
        let answered = try await response
        #expect(wasInFlight == 1)
        #expect(answered.status == 200)
        #expect(try answered.json().results.count == 20_000)
    }

    /// A drain deadline that passes while a request is still being scored must not stop the daemon under it
    /// (libmicrohttpd aborts the process when stopped with a suspended connection): the request is answered.
    @Test func shutdownPastItsDeadlineStillAnswersTheSuspendedRequest() async throws {
        let server = try TestServer(limits: EngineLimits(concurrency: 1))
        let client = server.client()
        let body = scoreBody(rule: "r1", items: (0..<20_000).map { ScoreItem(id: .int($0), completion: wellFormed) })
        async let response = client.post("/v1/score", json: body)
        let start = ContinuousClock.now
        while server.server.requestsInFlight == 0 && start.duration(to: .now) < .seconds(20) {
            try await Task.sleep(for: .milliseconds(2))
        }
        #expect(server.server.requestsInFlight == 1)
        await server.server.shutdown(timeout: .milliseconds(1))
        let answered = try await response
        #expect(answered.status == 200)
        #expect(try answered.json().results.count == 20_000)
        await server.stop()
    }
}

@Suite("Pathological math items over loopback", .serialized)
struct PathologicalMathTests {
    @Test(.timeLimit(.minutes(3)))  // each item is bounded by its budget; a hang would pass the limit
    func hostileAnswersAreBoundedPerItemAndTheServerKeepsServing() async throws {
        let server = try TestServer()
        let client = server.client()
        let hostile = [
            "\\boxed{9^{9^{9^9}}}",
            "\\boxed{10^{10^{10}}}",
            "\\boxed{" + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000) + "}",
            "\\boxed{" + String(repeating: "\\frac{1}{", count: 3_000) + "2" + String(repeating: "}", count: 3_000) + "}",
            String(repeating: "\\boxed{", count: 100_000),
            String(repeating: "x", count: 900_000) + "\\boxed{5}",
            "\\boxed{100000!}",
        ]
        var items = hostile.enumerated().map { ScoreItem(id: .string("bad-\($0.offset)"), completion: $0.element, reference: ["answer": "4"]) }
        items.insert(ScoreItem(id: "good-1", completion: "so \\boxed{2+2}", reference: ["answer": "4"]), at: 3)
        items.append(ScoreItem(id: "good-2", completion: "<answer>\\frac{8}{2}</answer>", reference: ["answer": "4"]))
        let response = try await client.post("/v1/score", json: scoreBody(rule: "math", items: items))
        #expect(response.status == 200)
        let results = try response.json().results
        #expect(results.count == items.count)
        for result in results {
            let id = result["id"]?.stringValue ?? ""
            if id.hasPrefix("good") {
                #expect(result["components"]?["accuracy"]?["verdict"] == "correct", "\(id)")
            } else {
                let verdict = result["components"]?["accuracy"]?["verdict"]?.stringValue ?? ""
                #expect(["limit", "wrong", "no_answer", "unparsable"].contains(verdict), "\(id): \(verdict)")
                #expect(result["reward"] == 0)
            }
        }
        #expect(try await client.request("GET", "/healthz").status == 200)
        await server.stop()
    }
}
