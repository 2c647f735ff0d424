import AssayCore
import Testing

import AssayTrain

@Suite("GRU policy sampling and determinism")
struct ModelSamplingTests {
    private let config = PolicyConfig(vocabularySize: 12, embeddingSize: 8, hiddenSize: 16, layers: 2)
    private let endToken = 0
    private let prompts = [[3, 4, 5], [6], [7, 8, 9, 10, 11], [1, 2]]

    private func draw(_ policy: GRUPolicy<Float>, seed: UInt64, temperature: Float = 1) -> [PolicySample<Float>] {
        var rng = SplitMix64(seed: seed)
        return policy.sample(
            prompts: prompts, maxNewTokens: 12, endToken: endToken, temperature: temperature, using: &rng)
    }

    @Test("the same seeds give identical parameters, samples and log-probabilities; other seeds differ")
    func determinism() {
        let first = GRUPolicy<Float>(config: config, seed: 42)
        let second = GRUPolicy<Float>(config: config, seed: 42)
        #expect(first.parameters == second.parameters)
        #expect(draw(first, seed: 1) == draw(second, seed: 1))

        let other = GRUPolicy<Float>(config: config, seed: 43)
        #expect(other.parameters != first.parameters)
        #expect(draw(first, seed: 1) != draw(first, seed: 2))
    }

    @Test("sampling log-probabilities equal the teacher-forced ones", arguments: [Float(1), 0.6])
    func samplingAgreesWithEvaluation(temperature: Float) {
        let policy = GRUPolicy<Float>(config: config, seed: 9)
        let samples = draw(policy, seed: 5, temperature: temperature)
        #expect(samples.contains { $0.tokens.count > 1 })
        let completions = samples.map(\.tokens)
        let model = policy.evaluate(prompts: prompts, completions: completions)
        let scaled = policy.evaluate(prompts: prompts, completions: completions, temperature: temperature)
        #expect(model.logprobs == samples.map(\.logprobs))
        #expect(scaled.logprobs == samples.map(\.sampledLogprobs))
    }

    @Test("generation stops at the end token (kept) or at the length cap")
    func stopping() {
        let policy = GRUPolicy<Float>(config: PolicyConfig(vocabularySize: 3, embeddingSize: 4, hiddenSize: 8), seed: 2)
        var rng = SplitMix64(seed: 3)
        let samples = policy.sample(
            prompts: Array(repeating: [1, 2], count: 40), maxNewTokens: 4, endToken: endToken, using: &rng)
        #expect(samples.contains { $0.finished } && samples.contains { !$0.finished })
        for sample in samples {
            #expect(!sample.tokens.isEmpty && sample.tokens.count <= 4)
            #expect(sample.tokens.dropLast().allSatisfy { $0 != endToken })
            #expect(sample.finished == (sample.tokens.last == endToken))
            #expect(sample.finished || sample.tokens.count == 4)
            #expect(sample.logprobs == sample.sampledLogprobs)
            #expect(sample.logprobs.allSatisfy { $0 <= 0 })
        }
    }

    @Test("temperature 0 is greedy: independent of the generator, most likely token each step")
    func greedy() {
        let policy = GRUPolicy<Float>(config: config, seed: 4)
        let greedy = draw(policy, seed: 1, temperature: 0)
        #expect(greedy == draw(policy, seed: 99, temperature: 0))
        #expect(greedy.allSatisfy { $0.sampledLogprobs.allSatisfy { $0 == 0 } })
        for (prompt, sample) in zip(prompts, greedy) {
            for (position, token) in sample.tokens.enumerated() {
                let prefix = Array(sample.tokens.prefix(position))
                let best = (0..<config.vocabularySize).map { candidate in
                    policy.evaluate(prompts: [prompt], completions: [prefix + [candidate]]).logprobs[0][position]
                }
                #expect(best[token] == best.max())
            }
        }
    }

    @Test("padding never leaks: a sequence scores the same alone or in a batch with longer ones")
    func masking() {
        // Wide enough that the batched pass splits its products across threads while a lone sequence does not.
        let policy = GRUPolicy<Float>(
            config: PolicyConfig(vocabularySize: 10, embeddingSize: 8, hiddenSize: 96), seed: 8)
        var rng = SplitMix64(seed: 6)
        let prompts = (0..<48).map { index in (0..<(1 + index % 5)).map { _ in rng.below(10) } }
        let completions = (0..<48).map { index in (0..<(index % 8)).map { _ in rng.below(10) } }
        let batch = policy.evaluate(prompts: prompts, completions: completions, temperature: 0.9)
        for index in [0, 5, 7, 30, 47] {
            let alone = policy.evaluate(prompts: [prompts[index]], completions: [completions[index]], temperature: 0.9)
            #expect(alone.logprobs[0] == batch.logprobs[index])
            #expect(alone.entropies[0] == batch.entropies[index])
        }
        #expect(batch.logprobs[0].isEmpty)
        #expect(batch.tokenCount == completions.reduce(0) { $0 + $1.count })
    }
}
