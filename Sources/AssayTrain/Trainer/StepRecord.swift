import AssayCore

/// What one GRPO step did: one line of the JSONL log, one point of each curve.
public struct StepRecord: Sendable, Hashable, Codable {
    public var step: Int
    public var rewardMean: Double
    public var rewardStd: Double
    /// Share of rollouts whose `accuracy` component is `correct`.
    public var accuracy: Double
    /// Share of rollouts whose `format` component is `correct`.
    public var formatRate: Double
    /// Mean k3 KL to the reference policy over completion tokens (last inner update).
    public var kl: Double
    /// Mean entropy of the sampling distribution per completion token.
    public var entropy: Double
    /// Share of tokens whose ratio was clipped (last inner update).
    public var clipFraction: Double
    /// Mean completion length in tokens.
    public var meanLength: Double
    public var gradientNorm: Double
    public var sampleSeconds: Double
    public var rewardSeconds: Double
    public var updateSeconds: Double
    /// Accuracy on the held-out problems, on evaluation steps only.
    public var heldOutAccuracy: Double?

    public init(
        step: Int, rewardMean: Double, rewardStd: Double, accuracy: Double, formatRate: Double, kl: Double, entropy: Double,
        clipFraction: Double, meanLength: Double, gradientNorm: Double, sampleSeconds: Double, rewardSeconds: Double,
        updateSeconds: Double, heldOutAccuracy: Double? = nil
    ) {
        self.step = step
        self.rewardMean = rewardMean
        self.rewardStd = rewardStd
        self.accuracy = accuracy
        self.formatRate = formatRate
        self.kl = kl
        self.entropy = entropy
        self.clipFraction = clipFraction
        self.meanLength = meanLength
        self.gradientNorm = gradientNorm
        self.sampleSeconds = sampleSeconds
        self.rewardSeconds = rewardSeconds
        self.updateSeconds = updateSeconds
        self.heldOutAccuracy = heldOutAccuracy
    }

    /// The share of the step's wall time spent waiting on rewards.
    public var rewardShare: Double {
        let total = sampleSeconds + rewardSeconds + updateSeconds
        return total > 0 ? rewardSeconds / total : 0
    }

    enum CodingKeys: String, CodingKey {
        case step, kl, entropy, accuracy
        case rewardMean = "reward_mean", rewardStd = "reward_std", formatRate = "format_rate", clipFraction = "clip_fraction"
        case meanLength = "mean_length", gradientNorm = "grad_norm", sampleSeconds = "sample_s", rewardSeconds = "reward_s"
        case updateSeconds = "update_s", heldOutAccuracy = "heldout_accuracy"
    }
}
