/// An autoregressive GRU language model over a small token vocabulary: token embedding, stacked GRU layers and a
/// linear output layer, with hand-written forward and backward passes vectorised over the batch.
///
/// Everything is deterministic: the same parameters and inputs give bitwise the same outputs and gradients, whether
/// or not work is split across threads.
public struct GRUPolicy<Scalar: PolicyScalar>: Sendable {
    public var parameters: PolicyParameters<Scalar>

    public var config: PolicyConfig { parameters.config }

    /// A policy with the given weights.
    public init(parameters: PolicyParameters<Scalar>) { self.parameters = parameters }

    /// A freshly initialised policy (see `PolicyParameters.init(config:seed:)`).
    public init(config: PolicyConfig, seed: UInt64) {
        parameters = PolicyParameters(config: config, seed: seed)
    }

    /// Runs the model with teacher forcing over `prompts[b] + completions[b]` for every sequence `b` and returns the
    /// log-probability of each completion token and the entropy of the predicted distribution at its position, under
    /// `softmax(logits / temperature)`. Keep the result to call `backward` on it.
    @specialized(where Scalar == Float)
    public func evaluate(prompts: [[Int]], completions: [[Int]], temperature: Scalar = 1) -> PolicyEvaluation<Scalar> {
        precondition(temperature > 0, "temperature must be positive")
        let batch = PackedBatch(prompts: prompts, completions: completions, vocabularySize: config.vocabularySize)
        let layout = PolicyLayout(config)
        let (v, h) = (config.vocabularySize, config.hiddenSize)
        let predictions = batch.targets.count
        return parameters.values.withUnsafeBufferPointer { storage in
            let w = storage.baseAddress!
            var layers: [LayerActivations<Scalar>] = []
            for index in layout.layers.indices {
                let gi = inputProjections(layer: index, batch: batch, below: layers.last?.hidden, weights: w)
                layers.append(Self.runLayer(layout.layers[index], hidden: h, batch: batch, gi: gi, weights: w))
            }
            let top = layers[layers.count - 1].hidden
            let selected = ScalarBuffer<Scalar>(count: predictions * h)
            for (index, row) in batch.predictionRows.enumerated() {
                selected.row(index, width: h).update(from: top.row(row, width: h), count: h)
            }
            let logits = ScalarBuffer<Scalar>(count: predictions * v)
            OutputHead.logits(
                rows: predictions, hidden: h, vocabulary: v, selected.pointer,
                weights: w + layout.outputWeights.offset, bias: w + layout.outputBias.offset, into: logits.pointer)
            let logp = ScalarBuffer<Scalar>(count: predictions * v)
            var logprobs = [Scalar](repeating: 0, count: predictions)
            var entropies = [Scalar](repeating: 0, count: predictions)
            for index in 0..<predictions {
                let rowLogp = logp.row(index, width: v)
                entropies[index] = OutputHead.logSoftmax(
                    logits.row(index, width: v), count: v, temperature: temperature, into: rowLogp)
                logprobs[index] = rowLogp[batch.targets[index]]
            }
            return PolicyEvaluation(
                parameters: parameters, batch: batch, temperature: temperature, layers: layers, selectedHidden: selected,
                logp: logp, flatLogprobs: logprobs, flatEntropies: entropies)
        }
    }

    /// The input projection `x·W_i + b_i` of every packed row: a lookup in the precomputed
    /// `embedding · W_i + b_i` table for the first layer, a product with the layer below for the others.
    private func inputProjections(
        layer index: Int, batch: PackedBatch, below: ScalarBuffer<Scalar>?, weights w: UnsafePointer<Scalar>
    ) -> ScalarBuffer<Scalar> {
        let layout = PolicyLayout(config)
        let width = 3 * config.hiddenSize
        let gi = ScalarBuffer<Scalar>(count: batch.rowCount * width)
        if index == 0 {
            let table = Self.tokenProjectionTable(config: config, weights: w)
            for (row, token) in batch.tokens.enumerated() {
                gi.row(row, width: width).update(from: table.row(token, width: width), count: width)
            }
        } else if let below {
            let layer = layout.layers[index]
            let h = config.hiddenSize
            for row in 0..<batch.rowCount {
                gi.row(row, width: width).update(from: w + layer.inputBias.offset, count: width)
            }
            MatrixKernels.multiplyAdd(
                m: batch.rowCount, n: width, k: h, below.pointer, lda: h, w + layer.inputWeights.offset, ldb: width,
                gi.pointer, ldc: width)
        }
        return gi
    }

    /// `embedding · W_i + b_i` of the first GRU layer: the input projection of each token (`V × 3H`).
    static func tokenProjectionTable(config: PolicyConfig, weights w: UnsafePointer<Scalar>) -> ScalarBuffer<Scalar> {
        let layout = PolicyLayout(config)
        let (v, e, width) = (config.vocabularySize, config.embeddingSize, 3 * config.hiddenSize)
        let layer = layout.layers[0]
        let table = ScalarBuffer<Scalar>(count: v * width)
        for token in 0..<v { table.row(token, width: width).update(from: w + layer.inputBias.offset, count: width) }
        MatrixKernels.multiplyAdd(
            m: v, n: width, k: e, w + layout.embedding.offset, lda: e, w + layer.inputWeights.offset, ldb: width,
            table.pointer, ldc: width)
        return table
    }

    /// Runs one GRU layer over all steps of the packed batch.
    private static func runLayer(
        _ layer: PolicyLayout.Layer, hidden h: Int, batch: PackedBatch, gi: ScalarBuffer<Scalar>,
        weights w: UnsafePointer<Scalar>
    ) -> LayerActivations<Scalar> {
        let width = 3 * h
        let activations = LayerActivations<Scalar>(rows: batch.rowCount, hidden: h)
        let widest = batch.widths.first ?? 0
        let scratch = ScalarBuffer<Scalar>(count: widest * width)
        let zeros = ScalarBuffer<Scalar>(count: widest * h)
        for t in 0..<batch.stepCount {
            let offset = batch.offsets[t]
            let previous = t == 0 ? zeros.pointer : activations.hidden.row(batch.offsets[t - 1], width: h)
            GRUCell.forward(
                rows: batch.widths[t], hidden: h, gi: gi.row(offset, width: width), previous: previous,
                hiddenWeights: w + layer.hiddenWeights.offset, hiddenBias: w + layer.hiddenBias.offset,
                gh: scratch.pointer, gates: activations.gates.row(offset, width: width),
                candidateHidden: activations.candidateHidden.row(offset, width: h),
                next: activations.hidden.row(offset, width: h))
        }
        return activations
    }
}

/// What one GRU layer's backward pass needs from its forward pass, for every packed row.
struct LayerActivations<S: PolicyScalar>: Sendable {
    /// `r`, `z`, `n` per row (`3H`).
    let gates: ScalarBuffer<S>
    /// `h·U_n + b_hn` per row (`H`).
    let candidateHidden: ScalarBuffer<S>
    /// The output hidden state per row (`H`).
    let hidden: ScalarBuffer<S>

    init(rows: Int, hidden h: Int) {
        gates = ScalarBuffer(count: rows * 3 * h)
        candidateHidden = ScalarBuffer(count: rows * h)
        hidden = ScalarBuffer(count: rows * h)
    }
}
