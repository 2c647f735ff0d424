/// The result of a teacher-forced forward pass: per-token log-probabilities and entropies of the completion tokens,
/// plus the activations (and the parameters they came from) that `backward` needs.
public struct PolicyEvaluation<Scalar: PolicyScalar>: Sendable {
    /// `logprobs[b][k]`: log-probability of completion token `k` of sequence `b`.
    public let logprobs: [[Scalar]]
    /// `entropies[b][k]`: entropy of the distribution that predicted completion token `k` of sequence `b`.
    public let entropies: [[Scalar]]
    /// The temperature the distributions were computed at.
    public let temperature: Scalar

    let parameters: PolicyParameters<Scalar>
    let batch: PackedBatch
    let layers: [LayerActivations<Scalar>]
    /// The top layer's hidden state at each prediction row (`predictions × H`).
    let selectedHidden: ScalarBuffer<Scalar>
    /// Log-probabilities of the whole vocabulary at each prediction row (`predictions × V`).
    let logp: ScalarBuffer<Scalar>
    let flatLogprobs: [Scalar]
    let flatEntropies: [Scalar]

    init(
        parameters: PolicyParameters<Scalar>, batch: PackedBatch, temperature: Scalar, layers: [LayerActivations<Scalar>],
        selectedHidden: ScalarBuffer<Scalar>, logp: ScalarBuffer<Scalar>, flatLogprobs: [Scalar],
        flatEntropies: [Scalar]
    ) {
        self.parameters = parameters
        self.batch = batch
        self.temperature = temperature
        self.layers = layers
        self.selectedHidden = selectedHidden
        self.logp = logp
        self.flatLogprobs = flatLogprobs
        self.flatEntropies = flatEntropies
        logprobs = Self.split(flatLogprobs, lengths: batch.completionLengths)
        entropies = Self.split(flatEntropies, lengths: batch.completionLengths)
    }

    /// The number of completion tokens in the batch.
    public var tokenCount: Int { flatLogprobs.count }

    static func split(_ flat: [Scalar], lengths: [Int]) -> [[Scalar]] {
        var start = 0
        return lengths.map { length in
            defer { start += length }
            return Array(flat[start..<(start + length)])
        }
    }

    static func flatten(_ nested: [[Scalar]], lengths: [Int], name: String) -> [Scalar] {
        precondition(
            nested.map(\.count) == lengths, "\(name) must have one value per completion token, shaped like the batch")
        return nested.flatMap { $0 }
    }
}
