import AssayCore
import AssayServer
import Foundation
import Testing

@testable import AssayTrain

@Suite("assay train end to end (tiny configuration)", .serialized)
struct TrainingRunTests {
    static var tiny: TrainConfiguration {
        var c = TrainConfiguration.tiny
        c.seed = 2
        c.heldOutProblems = 16
        return c
    }

    /// Over seeds 1–8 of this configuration (release build) the last four steps' mean reward exceeded the first four's
    /// by 0.07–0.22 (mean 0.15); the test's seed 2 gives 0.22, so a 0.05 margin fails only if learning breaks.
    @Test("a few GRPO steps raise the mean reward above its start (seeded, so the margin is reproducible)")
    func rewardRises() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assay-train-\(UUID().uuidString)").path
        let run = TrainingRun(
            configuration: Self.tiny, rewards: EngineRewardSource(engine: RewardSourceTests.engine), engine: RewardSourceTests.engine,
            logPath: dir + "/log.jsonl", chartPath: dir + "/curves.svg", savePath: dir + "/policy.ckpt")
        let summary = try await run.run(live: false)
        let rewards = summary.records.map(\.rewardMean)
        #expect(rewards.count == Self.tiny.steps)
        let start = rewards.prefix(4).reduce(0, +) / 4
        let end = rewards.suffix(4).reduce(0, +) / 4
        #expect(end - start > 0.05, "mean reward \(rewards)")
        #expect(summary.records.allSatisfy { $0.kl.isFinite && $0.entropy > 0 && $0.gradientNorm.isFinite })
        #expect(summary.records.contains { $0.heldOutAccuracy != nil })
        #expect(summary.rewardShare > 0 && summary.rewardShare < 1)

        // The log has a line per step, the chart parses, and the checkpoint resumes where it stopped.
        let lines = try String(contentsOfFile: dir + "/log.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == Self.tiny.steps)
        #expect(FileManager.default.fileExists(atPath: dir + "/curves.svg"))
        let checkpoint = try TrainingCheckpoint.read(dir + "/policy.ckpt", expecting: run.policyConfig)
        #expect(checkpoint.step == Self.tiny.steps)
        #expect(checkpoint.optimizer != nil && checkpoint.reference != checkpoint.policy)
    }

    @Test("the cosine schedule runs from the set rate to a tenth of it; constant stays put")
    func learningRateSchedule() {
        let cosine = LearningRateSchedule.cosine
        #expect(abs(cosine.rate(base: 3e-3, step: 1, of: 800) - 3e-3) < 1e-12)
        #expect(abs(cosine.rate(base: 3e-3, step: 800, of: 800) - 3e-4) < 1e-12)
        #expect(abs(cosine.rate(base: 1, step: 401, of: 801) - 0.55) < 1e-9)
        let rates = (1...800).map { cosine.rate(base: 1, step: $0, of: 800) }
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(LearningRateSchedule.constant.rate(base: 2e-3, step: 700, of: 800) == 2e-3)
        #expect(cosine.rate(base: 1, step: 1, of: 1) == 1)
    }

    @Test("the same run is bitwise reproducible")
    func deterministic() async throws {
        var c = Self.tiny
        c.steps = 2
        c.coldStartSteps = 2
        c.heldOutProblems = 4
        c.evaluateEvery = 100
        let source = EngineRewardSource(engine: RewardSourceTests.engine)
        let a = try await TrainingRun(configuration: c, rewards: source, engine: RewardSourceTests.engine).run(live: false)
        let b = try await TrainingRun(configuration: c, rewards: source, engine: RewardSourceTests.engine).run(live: false)
        #expect(a.records.map(\.rewardMean) == b.records.map(\.rewardMean))
        #expect(a.records.map(\.kl) == b.records.map(\.kl))
    }

    @Test("rewards over HTTP from assay serve drive the same loop, and the time waiting on them is reported")
    func overHTTP() async throws {
        let server = MicroHTTPServer(
            configuration: { var c = ServerConfiguration(); c.port = 0; return c }(), handler: AssayHTTPHandler(engine: RewardSourceTests.engine))
        try server.start()
        var c = Self.tiny
        c.steps = 3
        c.coldStartSteps = 2
        c.heldOutProblems = 4
        c.evaluateEvery = 100
        let http = try HTTPRewardSource(baseURL: "http://127.0.0.1:\(server.port)")
        let summary = try await TrainingRun(configuration: c, rewards: http, engine: RewardSourceTests.engine).run(live: false)
        await server.shutdown(timeout: .seconds(1))
        #expect(summary.records.count == 3)
        #expect(summary.records.allSatisfy { $0.rewardSeconds > 0 })
        #expect(summary.rewardShare > 0)
    }
}
