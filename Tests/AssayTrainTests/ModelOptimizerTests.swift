import Testing

import AssayTrain

@Suite("Adam and gradient clipping")
struct ModelOptimizerTests {
    private let config = PolicyConfig(vocabularySize: 2, embeddingSize: 1, hiddenSize: 1)

    /// Minimises `½ θ²` from `θ = 1` in every coordinate.
    private func run(steps: Int, learningRate: Double, weightDecay: Double = 0) -> Double {
        var parameters = PolicyParameters<Double>(
            config: config, values: Array(repeating: 1, count: config.parameterCount))
        var adam = Adam<Double>(config: config, learningRate: learningRate, weightDecay: weightDecay)
        for _ in 0..<steps {
            var gradients = PolicyGradients<Double>(config: config)
            gradients.values = parameters.values
            adam.update(&parameters, with: gradients)
        }
        #expect(adam.step == steps)
        #expect(Set(parameters.values).count == 1)
        return parameters.values[0]
    }

    @Test("two Adam steps on a quadratic match the hand-computed values")
    func adamSteps() {
        // Step 1: m̂ = g, v̂ = g², so θ = 1 − 0.1 · 1 / (1 + 1e-8).
        #expect(abs(run(steps: 1, learningRate: 0.1) - (1 - 0.1 / (1 + 1e-8))) < 1e-12)
        // Step 2: g = 0.9, m = 0.18, v = 0.001809, m̂ = 0.18 / 0.19, v̂ = 0.001809 / 0.001999.
        let expected = 0.9 - 0.1 * (0.18 / 0.19) / ((0.001809 / 0.001999).squareRoot() + 1e-8)
        #expect(abs(run(steps: 2, learningRate: 0.1) - expected) < 1e-9)
        #expect(abs(expected - 0.800_412_3) < 1e-6)
    }

    @Test("decoupled weight decay shrinks the weights before the Adam step")
    func weightDecay() {
        #expect(abs(run(steps: 1, learningRate: 0.1, weightDecay: 0.5) - (0.95 - 0.1 / (1 + 1e-8))) < 1e-12)
    }

    @Test("clipping by global norm returns the norm and rescales only when above the limit")
    func clipping() {
        var gradients = PolicyGradients<Float>(config: config)
        gradients.values[0] = 3
        gradients.values[gradients.values.count - 1] = -4
        #expect(gradients.globalNorm == 5)
        var unchanged = gradients
        #expect(unchanged.clip(globalNorm: 10) == 5)
        #expect(unchanged == gradients)
        #expect(gradients.clip(globalNorm: 1) == 5)
        #expect(abs(gradients.globalNorm - 1) < 1e-6)
        #expect(abs(gradients.values[0] - 0.6) < 1e-6)
        #expect(abs(gradients.values[gradients.values.count - 1] + 0.8) < 1e-6)

        var sum = gradients
        sum.add(gradients)
        sum.scale(by: 0.5)
        #expect(sum == gradients)
        sum.zero()
        #expect(sum.globalNorm == 0)
    }
}
