import AssayCore
import AssayJudge
import AssayTestSupport
import Foundation
import Testing

/// A judge that is rate-limited, broken, hanging or slow costs the affected items a status, never the batch.
///
/// "Bounded" is shown by the attempt counts and statuses, and a hang by the time limits: no test compares wall-clock
/// time against a figure, because these suites share a two-thread cooperative pool with CPU-heavy suites (a run
/// where twelve 500s took 69 s of wall clock was such a starvation, not a retry loop).
@Suite("Judge failures are per item and bounded")
struct JudgeResilienceTests {
    @Test func rateLimitedTwiceThenAnsweredIsRetried() async throws {
        let judge = try ScriptedJudgeServer { call in
            call.number <= 2
                ? .status(429, body: #"{"error":{"message":"rate limited"}}"#, headers: [("Retry-After", "0")])
                : .content("CORRECT")
        }
        defer { Task { await judge.stop() } }
        let accounting = JudgeAccounting()
        let engine = try JudgeFixture.engine(
            [JudgeFixture.judgeRule(url: judge.baseURL)], environment: JudgeFixture.environment(accounting: accounting))
        let batch = try await engine.score(ScoreRequest(rule: "judged", items: [JudgeFixture.item(0, answer: "Paris", gold: "Paris")]))
        let result = batch.results[0].components[0].result
        #expect(result.verdict == .correct)
        #expect(result.judge("attempts") == .int(3))
        #expect(result.judge("retries") == .int(2))
        #expect(judge.callCount == 3)
        #expect(accounting.snapshot.retries == 2)
        #expect(accounting.snapshot.failures == 0)
    }

    @Test(.timeLimit(.minutes(3)))
    func serverErrorForeverEndsAfterTheRetriesWithTheReason() async throws {
        let judge = try ScriptedJudgeServer { _ in .status(500, body: "upstream model crashed") }
        defer { Task { await judge.stop() } }
        let engine = try JudgeFixture.engine([JudgeFixture.judgeRule(url: judge.baseURL)], environment: JudgeFixture.environment())
        let batch = try await engine.score(
            ScoreRequest(rule: "judged", items: (0..<3).map { JudgeFixture.item($0, answer: "A\($0)", gold: "Paris") }))
        for item in batch.results {
            let result = item.components[0].result
            #expect(item.status == .error)
            #expect(result.judge("attempts") == .int(4))  // 1 + max_retries 3
            let message = result.detail("error")?.stringValue ?? ""
            #expect(message.contains("HTTP 500") && message.contains("4 attempts") && message.contains("upstream model crashed"))
        }
        #expect(judge.callCount == 12)
    }

    @Test(.timeLimit(.minutes(3)))  // unbounded, it would hang
    func aJudgeThatNeverAnswersTimesOutWithinTheItemBudget() async throws {
        let silent = try SilentServer()
        defer { silent.close() }
        let engine = try JudgeFixture.engine(
            [JudgeFixture.judgeRule(url: silent.baseURL, extra: "timeout_seconds: 0.3, max_retries: 1")],
            environment: JudgeFixture.environment(), limits: EngineLimits(itemTimeout: .seconds(1.5)))
        let batch = try await engine.score(
            ScoreRequest(rule: "judged", items: (0..<4).map { JudgeFixture.item($0, answer: "A\($0)", gold: "Paris") }))
        for item in batch.results {
            // Two 0.3 s attempts, then no retries left: an error naming the timeouts; or the budget ran out first.
            #expect(item.status == .error || item.status == .timeout)
            #expect(item.components[0].result.detail("error")?.stringValue?.contains("timeout_seconds") == true
                || item.status == .timeout)
        }
        // With a budget shorter than one call the item is a timeout.
        let tight = try JudgeFixture.engine(
            [JudgeFixture.judgeRule(url: silent.baseURL, extra: "timeout_seconds: 30")], environment: JudgeFixture.environment(),
            limits: EngineLimits(itemTimeout: .milliseconds(400)))
        let second = try await tight.score(ScoreRequest(rule: "judged", items: [JudgeFixture.item(0, answer: "A", gold: "Paris")]))
        #expect(second.results[0].status == .timeout)
        #expect(second.results[0].components[0].result.detail("error")?.stringValue?.contains("time budget") == true)
    }

    @Test func aDownJudgeIsAnErrorNamingTheConnectionFailure() async throws {
        let silent = try SilentServer()
        let url = silent.baseURL
        silent.close()  // nothing listens on the port now
        let engine = try JudgeFixture.engine([JudgeFixture.judgeRule(url: url, extra: "max_retries: 2")], environment: JudgeFixture.environment())
        let batch = try await engine.score(ScoreRequest(rule: "judged", items: [JudgeFixture.item(0, answer: "A", gold: "Paris")]))
        #expect(batch.results[0].status == .error)
        let message = batch.results[0].components[0].result.detail("error")?.stringValue ?? ""
        #expect(message.contains("3 attempts"), "\(message)")
    }

    @Test(.timeLimit(.minutes(5)))  // 1,000 calls × 20 ms over 8 slots ≈ 2.5 s on an idle machine
    func aSlowJudgeUnderAThousandItemsKeepsTheConcurrencyLimitAndFinishes() async throws {
        let judge = try ScriptedJudgeServer(threads: 16) { _ in .after(.milliseconds(20), .content("CORRECT")) }
        defer { Task { await judge.stop() } }
        let environment = JudgeFixture.environment(concurrency: 8)
        let engine = try JudgeFixture.engine(
            // A generous call timeout: other suites share the two cores, and a call abandoned by the client would
            // still be counted in flight by the server.
            [JudgeFixture.judgeRule(url: judge.baseURL, extra: "cache: false, timeout_seconds: 60")], environment: environment,
            limits: EngineLimits(itemTimeout: .seconds(60), batchTimeout: .seconds(120)))
        let items = (0..<1000).map { JudgeFixture.item($0, answer: "answer \($0)", gold: "Paris") }
        let batch = try await engine.score(ScoreRequest(rule: "judged", items: items))
        #expect(batch.results.count == 1000)
        #expect(batch.results.allSatisfy { $0.status == .ok && $0.reward == 1 })
        #expect(judge.callCount == 1000)
        #expect(judge.maxConcurrent <= 8)
        #expect(judge.maxConcurrent >= 4)  // the engine did keep the judge busy (8 when the machine is idle)
        #expect(environment.client.limiter.peak == 8)
        // Keep-alive: a few pooled connections served all calls.
        let peers = Set(judge.calls.compactMap(\.peer))
        #expect(!peers.isEmpty && peers.count <= 16, "\(peers.count) connections")
    }
}
