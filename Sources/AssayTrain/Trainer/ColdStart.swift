/// The supervised phase before RL (as DeepSeek-R1 does): a few hundred demonstrations that teach the template
/// only (their answers are wrong on purpose, see ``ArithmeticTask/demonstrations(count:seed:)``), so RL starts
/// from a policy that writes `<think>…</think><answer>…</answer>` but does not yet add.
public enum ColdStart {
    /// Trains `policy` for `steps` minibatches of `batch` demonstrations; returns the mean loss of the last 10 steps.
    public static func train(
        _ policy: inout GRUPolicy<Float>, demonstrations: [(prompt: [Int], completion: [Int])], steps: Int, batch: Int,
        learningRate: Double, maxGradientNorm: Double
    ) -> Double {
        guard steps > 0, !demonstrations.isEmpty else { return .nan }
        var optimizer = Adam<Float>(config: policy.config, learningRate: learningRate)
        var gradients = PolicyGradients<Float>(config: policy.config)
        var recent: [Double] = []
        var cursor = 0
        for _ in 0..<steps {
            var prompts: [[Int]] = []
            var completions: [[Int]] = []
            for _ in 0..<batch {
                let pair = demonstrations[cursor % demonstrations.count]
                cursor += 1
                prompts.append(pair.prompt)
                completions.append(pair.completion)
            }
            gradients.zero()
            let loss = policy.supervisedLoss(prompts: prompts, completions: completions, into: &gradients)
            gradients.clip(globalNorm: maxGradientNorm)
            optimizer.update(&policy.parameters, with: gradients)
            recent.append(Double(loss))
            if recent.count > 10 { recent.removeFirst() }
        }
        return recent.reduce(0, +) / Double(recent.count)
    }
}
