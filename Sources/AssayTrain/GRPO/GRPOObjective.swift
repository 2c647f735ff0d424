import Foundation

/// How per-token objectives become one loss.
public enum GRPOAggregation: Sendable, Hashable {
    /// DeepSeekMath: the mean over each sequence's tokens, then the mean over sequences.
    case grpo
    /// Dr. GRPO ("Understanding R1-Zero-Like Training"): the sum over all tokens divided by a constant,
    /// sequences × `maxLength`, so long and short answers weigh per token alike.
    case drGRPO(maxLength: Int)
}

/// The GRPO objective's settings.
public struct GRPOObjectiveConfiguration: Sendable, Hashable {
    /// The clip range ε: ratios outside [1 − ε, 1 + ε] stop moving the policy in the advantage's direction.
    public var clipEpsilon: Float
    /// β, the weight of the KL penalty to the reference policy.
    public var klCoefficient: Float
    public var aggregation: GRPOAggregation

    public init(clipEpsilon: Float = 0.2, klCoefficient: Float = 0.01, aggregation: GRPOAggregation = .grpo) {
        self.clipEpsilon = clipEpsilon
        self.klCoefficient = klCoefficient
        self.aggregation = aggregation
    }
}

/// What one evaluation of the objective saw.
public struct GRPOStatistics: Sendable, Hashable {
    /// Mean k3 KL estimate per token.
    public var meanKL: Double
    /// Share of tokens whose gradient the clip removed.
    public var clipFraction: Double
    /// Mean ratio π_θ/π_old per token.
    public var meanRatio: Double

    public static let zero = GRPOStatistics(meanKL: 0, clipFraction: 0, meanRatio: 1)
}

/// The GRPO loss of DeepSeekMath and its gradient with respect to each completion token's log-probability under
/// the current policy. Per token, with ratio r = exp(new − old), advantage A of the token's sequence and
/// d = ref − new:
///
///     objective = min(r·A, clip(r, 1 − ε, 1 + ε)·A) − β·(exp(d) − d − 1)
///     ∂objective/∂new = (r·A if r·A ≤ clip(r)·A else 0) − β·(1 − exp(d))
///
/// and the loss is minus the aggregated objective. At a tie (r inside the range, or A = 0) the unclipped branch
/// counts, so the gradient flows; it is cut only where the clipped value is strictly smaller.
public enum GRPOObjective {
    public struct Result: Sendable {
        public var loss: Double
        /// ∂loss/∂(new log-probability), shaped like the inputs.
        public var gradients: [[Float]]
        public var statistics: GRPOStatistics
    }

    public static func evaluate(
        newLogprobs: [[Float]], oldLogprobs: [[Float]], referenceLogprobs: [[Float]], advantages: [Float],
        configuration: GRPOObjectiveConfiguration
    ) -> Result {
        precondition(
            newLogprobs.count == oldLogprobs.count && newLogprobs.count == referenceLogprobs.count && newLogprobs.count == advantages.count,
            "one row of log-probabilities and one advantage per sequence")
        let epsilon = Double(configuration.clipEpsilon)
        let beta = Double(configuration.klCoefficient)
        let sequences = newLogprobs.count
        var loss = 0.0
        var gradients: [[Float]] = []
        gradients.reserveCapacity(sequences)
        var (tokens, clipped, klSum, ratioSum) = (0, 0, 0.0, 0.0)
        for b in 0..<sequences {
            let length = newLogprobs[b].count
            precondition(oldLogprobs[b].count == length && referenceLogprobs[b].count == length, "sequence \(b): lengths differ")
            let weight: Double
            switch configuration.aggregation {
            case .grpo: weight = length > 0 ? 1 / (Double(sequences) * Double(length)) : 0
            case .drGRPO(let maxLength): weight = 1 / (Double(sequences) * Double(max(maxLength, 1)))
            }
            let a = Double(advantages[b])
            var row = [Float](repeating: 0, count: length)
            for t in 0..<length {
                let new = Double(newLogprobs[b][t])
                let ratio = Foundation.exp(new - Double(oldLogprobs[b][t]))
                let unclipped = ratio * a
                let clippedValue = min(max(ratio, 1 - epsilon), 1 + epsilon) * a
                let surrogate = min(unclipped, clippedValue)
                let d = Double(referenceLogprobs[b][t]) - new
                let expD = Foundation.exp(d)
                let kl = expD - d - 1
                var slope = -beta * (1 - expD)
                if unclipped <= clippedValue { slope += unclipped } else { clipped += 1 }
                loss -= weight * (surrogate - beta * kl)
                row[t] = Float(-weight * slope)
                tokens += 1
                klSum += kl
                ratioSum += ratio
            }
            gradients.append(row)
        }
        let n = Double(max(tokens, 1))
        return Result(
            loss: loss, gradients: gradients,
            statistics: GRPOStatistics(
                meanKL: klSum / n, clipFraction: Double(clipped) / n, meanRatio: tokens > 0 ? ratioSum / n : 1))
    }
}
