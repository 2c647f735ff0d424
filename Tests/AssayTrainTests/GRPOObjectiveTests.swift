import AssayCore
import Foundation
import Testing

@testable import AssayTrain

@Suite("GRPO objective, advantages and KL")
struct GRPOObjectiveTests {
    static func one(new: Double, old: Double, ref: Double, advantage: Float, epsilon: Float = 0.2, beta: Float = 0)
        -> GRPOObjective.Result
    {
        GRPOObjective.evaluate(
            newLogprobs: [[Float(Foundation.log(new))]], oldLogprobs: [[Float(Foundation.log(old))]],
            referenceLogprobs: [[Float(Foundation.log(ref))]], advantages: [advantage],
            configuration: GRPOObjectiveConfiguration(clipEpsilon: epsilon, klCoefficient: beta))
    }

    @Test("ratio inside the clip range: surrogate r·A, gradient r·A")
    func inside() {
        let r = Self.one(new: 0.55, old: 0.5, ref: 0.55, advantage: 2)  // r = 1.1
        #expect(abs(r.loss - -2.2) < 1e-5)
        #expect(abs(r.gradients[0][0] - -2.2) < 1e-5)
        #expect(r.statistics.clipFraction == 0)
        #expect(abs(r.statistics.meanRatio - 1.1) < 1e-5)
    }

    @Test("ratio above 1 + ε with a positive advantage is clipped: value (1 + ε)·A, no gradient")
    func clippedAbove() {
        let r = Self.one(new: 0.75, old: 0.5, ref: 0.75, advantage: 1)  // r = 1.5
        #expect(abs(r.loss - -1.2) < 1e-5)
        #expect(r.gradients[0][0] == 0)
        #expect(r.statistics.clipFraction == 1)
    }

    @Test("ratio below 1 − ε with a negative advantage is clipped: value (1 − ε)·A, no gradient")
    func clippedBelow() {
        let r = Self.one(new: 0.25, old: 0.5, ref: 0.25, advantage: -1)  // r = 0.5
        #expect(abs(r.loss - 0.8) < 1e-5)
        #expect(r.gradients[0][0] == 0)
    }

    @Test("ratio above 1 + ε with a negative advantage is not clipped: the gradient still pushes down")
    func unclippedAbove() {
        let r = Self.one(new: 0.75, old: 0.5, ref: 0.75, advantage: -1)  // r = 1.5, min(−1.5, −1.2) = −1.5
        #expect(abs(r.loss - 1.5) < 1e-5)
        #expect(abs(r.gradients[0][0] - 1.5) < 1e-5)
        #expect(r.statistics.clipFraction == 0)
    }

    @Test("k3 KL: zero with zero gradient at the reference; exp(d) − d − 1 and β(1 − exp(d)) away from it")
    func kl() {
        let at = Self.one(new: 0.5, old: 0.5, ref: 0.5, advantage: 0, beta: 0.1)
        #expect(at.loss == 0 && at.gradients[0][0] == 0 && at.statistics.meanKL == 0)
        let away = Self.one(new: 0.5, old: 0.5, ref: 0.25, advantage: 0, beta: 0.1)  // d = −ln 2, exp(d) = 0.5
        let kl = 0.5 + Foundation.log(2.0) - 1
        #expect(abs(away.statistics.meanKL - kl) < 1e-6)
        #expect(abs(away.loss - 0.1 * kl) < 1e-6)
        #expect(abs(away.gradients[0][0] - 0.05) < 1e-6)
    }

    @Test("token means per sequence (grpo) and token sums over a constant (dr_grpo) weigh tokens as documented")
    func aggregation() {
        let new: [[Float]] = [[0], [0, 0, 0]]
        let grpo = GRPOObjective.evaluate(
            newLogprobs: new, oldLogprobs: new, referenceLogprobs: new, advantages: [1, 1],
            configuration: GRPOObjectiveConfiguration(klCoefficient: 0))
        let sixth: Float = -1.0 / 6
        let expected: [[Float]] = [[-0.5], [sixth, sixth, sixth]]
        #expect(grpo.gradients == expected)
        #expect(abs(grpo.loss - -1) < 1e-9)
        let dr = GRPOObjective.evaluate(
            newLogprobs: new, oldLogprobs: new, referenceLogprobs: new, advantages: [1, 1],
            configuration: GRPOObjectiveConfiguration(klCoefficient: 0, aggregation: .drGRPO(maxLength: 4)))
        let eighth: [[Float]] = [[-0.125], [-0.125, -0.125, -0.125]]
        #expect(dr.gradients == eighth)
        #expect(abs(dr.loss - -0.5) < 1e-9)
    }

    @Test("the gradient matches central differences of the loss", arguments: [GRPOAggregation.grpo, .drGRPO(maxLength: 6)])
    func finiteDifferences(aggregation: GRPOAggregation) {
        var random = SplitMix64(seed: 9)
        func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * Double(random.next() >> 11) / Double(1 << 53) }
        let lengths = [1, 4, 2, 6]
        let old = lengths.map { n in (0..<n).map { _ in Float(uniform(-3, -0.1)) } }
        // New log-probs near old ones, so most ratios fall inside the range and some outside (never at a kink).
        let new = old.map { row in row.map { $0 + Float(uniform(-0.4, 0.4)) } }
        let ref = old.map { row in row.map { $0 + Float(uniform(-0.5, 0.5)) } }
        let advantages: [Float] = [1.3, -0.7, 0.4, -1.1]
        let configuration = GRPOObjectiveConfiguration(clipEpsilon: 0.2, klCoefficient: 0.3, aggregation: aggregation)
        let base = GRPOObjective.evaluate(newLogprobs: new, oldLogprobs: old, referenceLogprobs: ref, advantages: advantages, configuration: configuration)
        let h: Float = 1e-3
        for b in lengths.indices {
            for t in 0..<lengths[b] {
                var plus = new, minus = new
                plus[b][t] += h
                minus[b][t] -= h
                let lp = GRPOObjective.evaluate(newLogprobs: plus, oldLogprobs: old, referenceLogprobs: ref, advantages: advantages, configuration: configuration).loss
                let lm = GRPOObjective.evaluate(newLogprobs: minus, oldLogprobs: old, referenceLogprobs: ref, advantages: advantages, configuration: configuration).loss
                let numeric = (lp - lm) / Double(2 * h)
                #expect(abs(numeric - Double(base.gradients[b][t])) < 2e-3, "b=\(b) t=\(t)")
            }
        }
    }
}

@Suite("group advantages as the trainer gets them from the engine")
struct TrainerAdvantageTests {
    static func items(_ answers: [String]) -> [ScoreItem] {
        answers.enumerated().map { i, answer in
            ScoreItem(id: .int(i), group: .int(0), completion: "<think>1+2</think><answer>\(answer)</answer>", reference: ["answer": "3"], task: "math")
        }
    }

    @Test("all-equal rewards give zero advantages, not NaN")
    func allEqual() async throws {
        let source = EngineRewardSource(engine: RewardSourceTests.engine)
        for mode in [AdvantageMode.grpo, .drGRPO] {
            let scored = try await source.score(Self.items(["3", "3", "3", "3"]), rule: "r1-math", advantages: mode)
            #expect(scored.allSatisfy { $0.advantage == 0 && !$0.advantage.isNaN })
        }
    }

    @Test("one right answer in four: (r − mean)/(sample std + 1e-4) for grpo, r − mean for dr_grpo")
    func oneRight() async throws {
        let source = EngineRewardSource(engine: RewardSourceTests.engine)
        let grpo = try await source.score(Self.items(["3", "4", "5", "6"]), rule: "r1-math", advantages: .grpo)
        // r1-math: right + format = 1.5, wrong + format = −0.5; mean 0, sample std 1.
        #expect(grpo.map(\.reward) == [1.5, -0.5, -0.5, -0.5])
        #expect(abs(grpo[0].advantage - 1.5 / 1.0001) < 1e-9 && abs(grpo[1].advantage - -0.5 / 1.0001) < 1e-9)
        let dr = try await source.score(Self.items(["3", "4", "5", "6"]), rule: "r1-math", advantages: .drGRPO)
        #expect(dr.map(\.advantage) == [1.5, -0.5, -0.5, -0.5])
    }
}
