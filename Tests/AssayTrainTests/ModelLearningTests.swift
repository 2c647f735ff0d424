import Testing

import AssayCore
import AssayTrain

@Suite("GRU policy supervised learning")
struct ModelLearningTests {
    @Test("memorises a tiny prompt → completion mapping, then reproduces it greedily")
    func memorise() {
        let config = PolicyConfig(vocabularySize: 8, embeddingSize: 8, hiddenSize: 16)
        let prompts = [[1], [2], [3], [4, 1]]
        let completions = [[5, 6, 7, 0], [6, 7, 5, 0], [7, 5, 6, 0], [5, 5, 6, 7, 0]]
        var policy = GRUPolicy<Float>(config: config, seed: 21)
        var adam = Adam<Float>(config: config, learningRate: 0.03)
        var gradients = PolicyGradients<Float>(config: config)
        var losses: [Float] = []
        for _ in 0..<300 {
            gradients.zero()
            losses.append(policy.supervisedLoss(prompts: prompts, completions: completions, into: &gradients))
            gradients.clip(globalNorm: 5)
            adam.update(&policy.parameters, with: gradients)
        }
        #expect(abs(losses[0] - Float.logarithm(8)) < 0.5)
        #expect(losses[losses.count - 1] < losses[0] / 50)

        var rng = SplitMix64(seed: 0)
        let greedy = policy.sample(prompts: prompts, maxNewTokens: 8, endToken: 0, temperature: 0, using: &rng)
        #expect(greedy.map(\.tokens) == completions)
        #expect(greedy.allSatisfy { $0.finished })
    }
}
