import Testing

import AssayTrain

/// The hand-written backward pass against central finite differences, in `Double`, for every parameter tensor.
@Suite("GRU policy gradients")
struct ModelGradientTests {
    /// `L(θ) = Σ a·logprob + Σ c·entropy` with fixed random `a` and `c`.
    private struct Objective {
        let prompts = ModelFixtures.tinyPrompts
        let completions = ModelFixtures.tinyCompletions
        let temperature: Double
        let logprobWeights = ModelFixtures.randomLike(ModelFixtures.tinyCompletions, seed: 11)
        let entropyWeights: [[Double]]?

        func loss(_ policy: GRUPolicy<Double>) -> Double {
            let evaluation = policy.evaluate(prompts: prompts, completions: completions, temperature: temperature)
            var total = zip(evaluation.logprobs, logprobWeights).reduce(0.0) { sum, pair in
                sum + zip(pair.0, pair.1).reduce(0.0) { $0 + $1.0 * $1.1 }
            }
            if let entropyWeights {
                total += zip(evaluation.entropies, entropyWeights).reduce(0.0) { sum, pair in
                    sum + zip(pair.0, pair.1).reduce(0.0) { $0 + $1.0 * $1.1 }
                }
            }
            return total
        }

        func analyticGradients(_ policy: GRUPolicy<Double>) -> PolicyGradients<Double> {
            let evaluation = policy.evaluate(prompts: prompts, completions: completions, temperature: temperature)
            var gradients = PolicyGradients<Double>(config: policy.config)
            evaluation.backward(logprobGradients: logprobWeights, entropyGradients: entropyWeights, into: &gradients)
            return gradients
        }
    }

    @Test(
        "backward matches finite differences for every tensor",
        arguments: [(1, 1.0, true), (2, 1.0, true), (1, 0.7, true), (2, 1.3, false)])
    func finiteDifferences(layers: Int, temperature: Double, withEntropy: Bool) {
        let config = ModelFixtures.tinyConfig(layers: layers)
        let policy = GRUPolicy<Double>(config: config, seed: 7)
        let objective = Objective(
            temperature: temperature,
            entropyWeights: withEntropy ? ModelFixtures.randomLike(ModelFixtures.tinyCompletions, seed: 12) : nil)
        let analytic = objective.analyticGradients(policy)
        let step = 1e-5
        for tensor in config.tensors {
            var worst = 0.0
            var scale = 0.0
            for index in tensor.range {
                var plus = policy, minus = policy
                plus.parameters.values[index] += step
                minus.parameters.values[index] -= step
                let numeric = (objective.loss(plus) - objective.loss(minus)) / (2 * step)
                worst = max(worst, abs(numeric - analytic.values[index]))
                scale = max(scale, abs(numeric))
            }
            #expect(scale > 1e-3, "\(tensor.name): gradient too small to be a meaningful check")
            #expect(worst <= 1e-7 * max(1, scale), "\(tensor.name): max |analytic − numeric| = \(worst) (scale \(scale))")
        }
    }

    @Test("gradients accumulate across backward calls")
    func accumulation() {
        let policy = GRUPolicy<Double>(config: ModelFixtures.tinyConfig(), seed: 3)
        let objective = Objective(temperature: 1, entropyWeights: nil)
        let once = objective.analyticGradients(policy)
        let evaluation = policy.evaluate(prompts: objective.prompts, completions: objective.completions)
        var twice = PolicyGradients<Double>(config: policy.config)
        evaluation.backward(logprobGradients: objective.logprobWeights, into: &twice)
        evaluation.backward(logprobGradients: objective.logprobWeights, into: &twice)
        for index in once.values.indices {
            #expect(abs(twice.values[index] - 2 * once.values[index]) <= 1e-12 * max(1, abs(once.values[index])))
        }
    }

    @Test("the Float model computes the same gradients as the Double model up to rounding")
    func floatMatchesDouble() {
        let config = ModelFixtures.tinyConfig(layers: 2)
        let exact = GRUPolicy<Double>(config: config, seed: 5)
        let single = GRUPolicy<Float>(parameters: exact.parameters.converted(to: Float.self))
        let objective = Objective(temperature: 1, entropyWeights: nil)
        let expected = objective.analyticGradients(exact)
        let evaluation = single.evaluate(prompts: objective.prompts, completions: objective.completions)
        var gradients = PolicyGradients<Float>(config: config)
        evaluation.backward(
            logprobGradients: objective.logprobWeights.map { $0.map { Float($0) } }, into: &gradients)
        for index in expected.values.indices {
            #expect(abs(Double(gradients.values[index]) - expected.values[index]) <= 1e-4)
        }
    }

    @Test("a batch without completion tokens scores nothing and leaves gradients at zero")
    func emptyCompletions() {
        let policy = GRUPolicy<Float>(config: ModelFixtures.tinyConfig(), seed: 1)
        let evaluation = policy.evaluate(prompts: [[1, 2], [3]], completions: [[], []])
        #expect(evaluation.logprobs == [[], []] && evaluation.tokenCount == 0)
        var gradients = PolicyGradients<Float>(config: policy.config)
        evaluation.backward(logprobGradients: [[], []], entropyGradients: [[], []], into: &gradients)
        #expect(gradients.globalNorm == 0)
        #expect(policy.supervisedLoss(prompts: [[1]], completions: [[]], into: &gradients) == 0)
    }
}
