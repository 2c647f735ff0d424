import AssayBench
import AssayCore
import AssayJudge
import AssayTestSupport
import Foundation
import Synchronization
import Testing

/// `bench --generate`'s sampler against a scripted OpenAI-compatible server on loopback.
@Suite("Completion generation")
struct CompletionGeneratorTests {
    static let keyVariable = "ASSAY_TEST_POLICY_KEY"
    static let secret = "sk-test-policy-0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f"

    /// A generator for `server` with quick backoff, so retried calls do not slow the tests down.
    static func generator(_ server: ScriptedJudgeServer, k: Int, concurrency: Int = 4, maxRetries: Int = 3) throws
        -> CompletionGenerator
    {
        var generator = try CompletionGenerator(
            baseURL: server.baseURL, model: "policy-model", apiKeyEnv: keyVariable, environment: [keyVariable: secret],
            samplesPerProblem: k, callTimeout: .seconds(30), maxRetries: maxRetries, concurrency: concurrency)
        generator.endpoint.backoffBase = .milliseconds(5)
        generator.endpoint.backoffCap = .milliseconds(20)
        return generator
    }

    /// The problem text the R1-Zero template was filled with (what follows `User: `, before `. Assistant:`).
    static func problem(in user: String) -> String {
        guard let start = user.range(of: "User: "), let end = user.range(of: ". Assistant:", options: .backwards) else { return "" }
        return String(user[start.upperBound..<end.lowerBound])
    }

    static let prompts: [(id: String, problem: String)] = (0..<5).map { (id: "p\($0)", problem: "What is \($0) + \($0)?") }

    @Test func everyProblemGetsItsOwnKSamplesInInputOrder() async throws {
        let server = try ScriptedJudgeServer { call in
            .after(.milliseconds(Int.random(in: 0...20)), .content("<answer>\(Self.problem(in: call.user))</answer>"))
        }
        defer { Task { await server.stop() } }
        let run = try await Self.generator(server, k: 4, concurrency: 6).generate(Self.prompts)
        #expect(run.problems.map(\.id) == Self.prompts.map(\.id))
        for (problem, prompt) in zip(run.problems, Self.prompts) {
            #expect(problem.samples == Array(repeating: .completion("<answer>\(prompt.problem)</answer>", truncated: false), count: 4))
        }
        #expect(run.report.samplesRequested == 20 && run.report.completions == 20 && run.report.failures == 0)
        #expect(run.report.httpCalls == 20 && run.report.retries == 0)
        #expect(run.report.promptTokens == 20 * 60 && run.report.completionTokens == 20 * 2)
    }

    @Test func samplesKeepTheirOrderWithinAProblem() async throws {
        let server = try ScriptedJudgeServer { call in .content("call \(call.number)") }
        defer { Task { await server.stop() } }
        let progress = Mutex<[Int]>([])
        let run = try await Self.generator(server, k: 3, concurrency: 1).generate(Array(Self.prompts.prefix(3))) { done in
            progress.withLock { $0.append(done) }
        }
        // One call at a time, sent problem by problem: sample j of problem i is call i·3 + j + 1.
        for (i, problem) in run.problems.enumerated() {
            #expect(problem.samples.map(\.text) == (0..<3).map { "call \(i * 3 + $0 + 1)" })
        }
        #expect(progress.withLock { $0 } == Array(1...9))
    }

    @Test func theRequestCarriesTheModelTheFilledR1TemplateAndTheSamplingSettings() async throws {
        let server = try ScriptedJudgeServer { _ in .content("<think>4</think><answer>4</answer>") }
        defer { Task { await server.stop() } }
        _ = try await Self.generator(server, k: 1).generate([(id: "q", problem: "What is 2 + 2?")])
        let call = try #require(server.calls.first)
        #expect(call.model == "policy-model")
        #expect(call.system.isEmpty)
        #expect(
            call.user
                == "A conversation between User and Assistant. The user asks a question, and the Assistant solves it. The "
                + "assistant first thinks about the reasoning process in the mind and then provides the user with the answer. "
                + "The reasoning process and answer are enclosed within <think> </think> and <answer> </answer> tags, "
                + "respectively, i.e., <think> reasoning process here </think> <answer> answer here </answer>. "
                + "User: What is 2 + 2?. Assistant:")
        #expect(call.temperature == 0.6)
        #expect(call.maxTokens == 8192)
    }

    @Test func aProblemMentioningThePlaceholderIsNotReExpanded() async throws {
        let server = try ScriptedJudgeServer { _ in .content("ok") }
        defer { Task { await server.stop() } }
        _ = try await Self.generator(server, k: 1).generate([(id: "q", problem: "Explain {problem} and {problem}")])
        let user = try #require(server.calls.first?.user)
        #expect(Self.problem(in: user) == "Explain {problem} and {problem}")
        #expect(user.components(separatedBy: "A conversation between").count == 2)

        let custom = try #require(CompletionTemplate("Q: {problem}\nRestate: {problem}"))
        #expect(custom.fill("a {problem} b") == "Q: a {problem} b\nRestate: a {problem} b")
        #expect(CompletionTemplate("no placeholder") == nil)
    }

    @Test func theKeyIsSentAsABearerTokenAndNeverShown() async throws {
        // An endpoint that rejects the key and echoes it back, as some proxies do.
        let server = try ScriptedJudgeServer { call in
            .status(401, body: #"{"error":{"message":"invalid key: \#(call.authorization ?? "")"}}"#)
        }
        defer { Task { await server.stop() } }
        let generator = try Self.generator(server, k: 2)
        let run = await generator.generate([(id: "q", problem: "1 + 1")])
        #expect(server.calls.allSatisfy { $0.authorization == "Bearer " + Self.secret })
        #expect(server.callCount == 2)  // a 401 is not retried
        for sample in run.problems[0].samples {
            guard case .failed(let kind, let message) = sample else {
                Issue.record("expected a failure, got \(sample)")
                continue
            }
            #expect(kind == "http")
            #expect(message.contains("401") && message.contains("[redacted]"))
            #expect(!message.contains(Self.secret))
        }
        #expect(run.report.failuresByKind == ["http": 2])
        for text in [run.report.description, String(describing: generator), String(reflecting: generator)] {
            #expect(!text.contains(Self.secret))
        }
    }

    @Test func aServerErrorThenAReplyIsRetried() async throws {
        let server = try ScriptedJudgeServer { call in
            call.number == 1 ? .status(500, body: "model loading") : .content("<answer>2</answer>")
        }
        defer { Task { await server.stop() } }
        let run = try await Self.generator(server, k: 1).generate([(id: "q", problem: "1 + 1")])
        #expect(run.problems[0].samples == [.completion("<answer>2</answer>", truncated: false)])
        #expect(run.report.httpCalls == 2 && run.report.retries == 1 && run.report.failures == 0)
    }

    @Test func aPermanentlyFailingProblemCostsOnlyItsOwnSamples() async throws {
        let server = try ScriptedJudgeServer { call in
            call.user.contains("poison") ? .status(500, body: "upstream crashed") : .content("fine")
        }
        defer { Task { await server.stop() } }
        let prompts = [(id: "a", problem: "1 + 1"), (id: "b", problem: "poison"), (id: "c", problem: "2 + 2")]
        let run = try await Self.generator(server, k: 3, maxRetries: 2).generate(prompts)
        #expect(run.problems[0].samples.allSatisfy { $0 == .completion("fine", truncated: false) })
        #expect(run.problems[2].samples.allSatisfy { $0 == .completion("fine", truncated: false) })
        for sample in run.problems[1].samples {
            guard case .failed(let kind, let message) = sample else {
                Issue.record("expected a failure, got \(sample)")
                continue
            }
            #expect(kind == "unavailable")
            #expect(message.contains("HTTP 500") && message.contains("3 attempts"))
        }
        #expect(run.report.completions == 6)
        #expect(run.report.failuresByKind == ["unavailable": 3])
        #expect(run.report.httpCalls == 6 + 3 * 3 && run.report.retries == 3 * 2)
    }

    @Test func aReplyCutAtTheTokenLimitIsKeptAndCounted() async throws {
        let server = try ScriptedJudgeServer { call in
            call.user.contains("long")
                ? .content("<think>and then", completionTokens: 8192, finishReason: "length") : .content("<answer>1</answer>")
        }
        defer { Task { await server.stop() } }
        let run = try await Self.generator(server, k: 2).generate([(id: "a", problem: "a long one"), (id: "b", problem: "short")])
        #expect(run.problems[0].samples == Array(repeating: .completion("<think>and then", truncated: true), count: 2))
        #expect(run.problems[1].samples == Array(repeating: .completion("<answer>1</answer>", truncated: false), count: 2))
        #expect(run.report.truncated == 2 && run.report.completions == 4)
        #expect(run.report.completionTokens == 2 * 8192 + 2 * 2)
        #expect(run.report.description.contains("(2 truncated)"))
    }

    @Test func noMoreThanTheConcurrencyLimitIsInFlight() async throws {
        let server = try ScriptedJudgeServer(threads: 8) { _ in .after(.milliseconds(40), .content("ok")) }
        defer { Task { await server.stop() } }
        let run = try await Self.generator(server, k: 6, concurrency: 3).generate(Array(Self.prompts.prefix(4)))
        #expect(run.report.completions == 24)
        #expect(server.maxConcurrent <= 3)
        #expect(server.maxConcurrent > 1)
    }

    @Test func theCompletionsFileSkipsFailuresOrWritesThemEmpty() throws {
        let problems = [
            GeneratedProblem(id: "a", samples: [.completion("x \"quoted\"\n", truncated: false), .failed(kind: "timeout", message: "m")]),
            GeneratedProblem(id: "b", samples: [.failed(kind: "http", message: "m"), .completion("cut", truncated: true)]),
        ]
        let path = NSTemporaryDirectory() + "assay-generated-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        func lines() throws -> [String] { try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n") }
        func line(_ id: String, _ completions: [String]) -> JSONValue {
            .object(["id": .string(id), "completions": .array(completions.map { .string($0) })])
        }

        try CompletionGenerator.writeJSONL(problems, to: path)
        var written = try lines()
        #expect(written.count == 3 && written[2].isEmpty)  // newline-terminated
        #expect(written[0].hasPrefix(#"{"id":"a","completions":["#))
        #expect(try written.prefix(2).map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) } == [
            line("a", ["x \"quoted\"\n"]), line("b", ["cut"]),
        ])

        try CompletionGenerator.writeJSONL(problems, to: path, failedSamples: .emptyString)
        written = try lines()
        #expect(try written.prefix(2).map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) } == [
            line("a", ["x \"quoted\"\n", ""]), line("b", ["", "cut"]),
        ])
    }

    @Test func aNamedKeyVariableMustBeSetAndTheURLUsable() {
        #expect(throws: CompletionGenerator.ConfigurationError.self) {
            try CompletionGenerator(
                baseURL: "http://127.0.0.1:1/v1", model: "m", apiKeyEnv: "ASSAY_UNSET_KEY", environment: [:], samplesPerProblem: 1)
        }
        #expect(throws: CompletionGenerator.ConfigurationError.self) {
            try CompletionGenerator(baseURL: "ftp://example.com", model: "m", environment: [:], samplesPerProblem: 1)
        }
        #expect(throws: CompletionGenerator.ConfigurationError.self) {
            try CompletionGenerator(baseURL: "http://127.0.0.1:1/v1", model: "m", environment: [:], samplesPerProblem: 0)
        }
    }
}
