import AssayCore

/// One sampled completion.
public struct PolicySample<Scalar: PolicyScalar>: Sendable, Equatable {
    /// The generated tokens, ending with the end token when `finished`.
    public var tokens: [Int]
    /// Each token's log-probability under the model itself (temperature 1): the policy's log-probability as
    /// `GRUPolicy.evaluate` computes it at temperature 1.
    public var logprobs: [Scalar]
    /// Each token's log-probability under the temperature-scaled distribution it was drawn from (0 when greedy).
    public var sampledLogprobs: [Scalar]
    /// Whether generation stopped at the end token rather than at the length cap.
    public var finished: Bool
}

extension GRUPolicy {
    /// Generates a completion for every prompt, advancing all unfinished sequences one token per step.
    ///
    /// A sequence stops after emitting `endToken` (kept in its completion) or after `maxNewTokens` tokens.
    /// Tokens are drawn from `softmax(logits / temperature)` with one uniform draw per token, in batch order;
    /// a temperature of 0 picks the most likely token. The same parameters, prompts and generator state give the
    /// same samples.
    @specialized(where Scalar == Float, Generator == SplitMix64)
    public func sample<Generator: RandomNumberGenerator>(
        prompts: [[Int]], maxNewTokens: Int, endToken: Int, temperature: Scalar = 1,
        using generator: inout Generator
    ) -> [PolicySample<Scalar>] {
        precondition(temperature >= 0, "temperature must not be negative")
        precondition(endToken >= 0 && endToken < config.vocabularySize, "end token outside the vocabulary")
        for prompt in prompts {
            precondition(!prompt.isEmpty, "a prompt needs at least one token")
            precondition(prompt.allSatisfy { $0 >= 0 && $0 < config.vocabularySize }, "token outside the vocabulary")
        }
        var samples = prompts.map { _ in
            PolicySample<Scalar>(tokens: [], logprobs: [], sampledLogprobs: [], finished: false)
        }
        guard maxNewTokens > 0, !prompts.isEmpty else { return samples }
        let v = config.vocabularySize
        return parameters.values.withUnsafeBufferPointer { storage in
            let stack = RecurrentStack(config: config, weights: storage.baseAddress!, rows: prompts.count)
            let modelLogp = ScalarBuffer<Scalar>(count: v)
            let scaledLogp = ScalarBuffer<Scalar>(count: v)
            var active = Array(prompts.indices)
            var consumed = [Int](repeating: 0, count: prompts.count)
            while !active.isEmpty {
                stack.step(tokens: active.map { index in
                    let (prompt, position) = (prompts[index], consumed[index])
                    return position < prompt.count ? prompt[position] : samples[index].tokens[position - prompt.count]
                })
                var kept: [Int] = []
                for (row, index) in active.enumerated() {
                    consumed[index] += 1
                    guard consumed[index] >= prompts[index].count else {
                        kept.append(row)
                        continue
                    }
                    let logits = stack.logits.row(row, width: v)
                    OutputHead.logSoftmax(logits, count: v, temperature: 1, into: modelLogp.pointer)
                    let token: Int
                    var sampledLogprob: Scalar = 0
                    if temperature == 0 {
                        token = Self.mostLikely(logits, count: v)
                    } else {
                        OutputHead.logSoftmax(logits, count: v, temperature: temperature, into: scaledLogp.pointer)
                        token = Self.draw(from: scaledLogp.pointer, count: v, using: &generator)
                        sampledLogprob = scaledLogp.pointer[token]
                    }
                    samples[index].tokens.append(token)
                    samples[index].logprobs.append(modelLogp.pointer[token])
                    samples[index].sampledLogprobs.append(sampledLogprob)
                    if token == endToken {
                        samples[index].finished = true
                    } else if samples[index].tokens.count < maxNewTokens {
                        kept.append(row)
                    }
                }
                if kept.count < active.count {
                    stack.keep(rows: kept)
                    active = kept.map { active[$0] }
                }
            }
            return samples
        }
    }

    /// The first index of the largest logit.
    private static func mostLikely(_ logits: UnsafePointer<Scalar>, count v: Int) -> Int {
        var best = 0
        for j in 1..<v where logits[j] > logits[best] { best = j }
        return best
    }

    /// Inverse-CDF draw of a token from log-probabilities.
    private static func draw(
        from logp: UnsafePointer<Scalar>, count v: Int, using generator: inout some RandomNumberGenerator
    ) -> Int {
        let threshold = generator.policyUnitInterval()
        var cumulative = 0.0
        var last = 0
        for j in 0..<v {
            let p = Double(Scalar.exponential(logp[j]))
            guard p > 0 else { continue }
            cumulative += p
            last = j
            if threshold < cumulative { return j }
        }
        return last
    }
}
