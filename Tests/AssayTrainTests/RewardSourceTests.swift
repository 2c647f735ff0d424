import AssayBench
import AssayCore
import AssayServer
import Foundation
import Testing

@testable import AssayTrain

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

@Suite("reward sources: in-process and over HTTP")
struct RewardSourceTests {
    static let engine: RewardEngine = {
        let rules = try! RulesLocator.load(packageRoot + "/rules")
        return RewardEngine(rules: rules, limits: EngineLimits(concurrency: 2), cache: nil)
    }()

    /// Two GRPO groups of r1-math rollouts: right, wrong, unformatted and empty answers.
    static let items: [ScoreItem] = {
        let texts = [
            "<think>12+7</think>\n<answer>19</answer>", "<think>12+7</think>\n<answer>18</answer>", "19", "",
            "<think>3+4</think>\n<answer>7</answer>", "<think>3+4</think>\n<answer>7</answer>", "<think></think><answer>1</answer>",
            "<think>x</think>\n<answer>7</answer>",
        ]
        return texts.enumerated().map { i, text in
            ScoreItem(id: .int(i), group: .int(i / 4), completion: text, reference: ["answer": i < 4 ? "19" : "7"], task: "math")
        }
    }()

    @Test("the same batch gets the same rewards, advantages and verdicts from the engine and from assay serve")
    func sameNumbers() async throws {
        let server = MicroHTTPServer(configuration: { var c = ServerConfiguration(); c.port = 0; return c }(), handler: AssayHTTPHandler(engine: Self.engine))
        try server.start()
        let http = try HTTPRewardSource(baseURL: "http://127.0.0.1:\(server.port)/")
        for mode in [AdvantageMode.grpo, .drGRPO] {
            let local = try await EngineRewardSource(engine: Self.engine).score(Self.items, rule: "r1-math", advantages: mode)
            let remote = try await http.score(Self.items, rule: "r1-math", advantages: mode)
            #expect(local.count == 8 && remote.count == 8)
            for (a, b) in zip(local, remote) {
                #expect(abs(a.reward - b.reward) < 1e-9)
                #expect(abs(a.advantage - b.advantage) < 1e-4)
                #expect(a.verdicts == b.verdicts)
                #expect(a.status == b.status)
            }
            #expect(local[0].verdicts["accuracy"] == "correct" && local[1].verdicts["accuracy"] == "wrong")
            #expect(local[0].advantage > 0 && local[1].advantage < local[0].advantage)
            #expect(abs(local[0...3].map(\.advantage).reduce(0, +)) < 1e-9, "advantages are centred per group")
        }
        await server.shutdown(timeout: .seconds(1))  // the shared client pool keeps its connection alive
    }

    @Test("a bad URL, an unknown rule and a server that is down are clear errors")
    func errors() async throws {
        #expect(throws: RewardSourceError.self) { _ = try HTTPRewardSource(baseURL: "localhost:8420") }
        await #expect(throws: RewardSourceError.self) {
            _ = try await EngineRewardSource(engine: Self.engine).score(Self.items, rule: "no-such-rule", advantages: .grpo)
        }
        let down = try HTTPRewardSource(baseURL: "http://127.0.0.1:9", timeout: .seconds(5))
        await #expect(throws: RewardSourceError.self) { _ = try await down.score(Self.items, rule: "r1-math", advantages: .grpo) }
    }
}
