extension PolicyEvaluation {
    /// Back-propagates a loss through the forward pass that produced this evaluation (through time, over the whole
    /// batch) and adds its parameter gradients to `gradients`.
    ///
    /// - Parameters:
    ///   - logprobGradients: `∂L/∂logprobs[b][k]`, shaped like `logprobs`.
    ///   - entropyGradients: `∂L/∂entropies[b][k]`, shaped like `entropies` (e.g. minus an entropy-bonus
    ///     coefficient); `nil` when the loss does not involve entropies.
    @specialized(where Scalar == Float)
    public func backward(
        logprobGradients: [[Scalar]], entropyGradients: [[Scalar]]? = nil, into gradients: inout PolicyGradients<Scalar>
    ) {
        precondition(gradients.config == parameters.config, "gradients do not match the model")
        let lengths = batch.completionLengths
        let dLogprob = Self.flatten(logprobGradients, lengths: lengths, name: "logprobGradients")
        let dEntropy = entropyGradients.map { Self.flatten($0, lengths: lengths, name: "entropyGradients") }
        let config = parameters.config
        let layout = PolicyLayout(config)
        let (v, h) = (config.vocabularySize, config.hiddenSize)
        let predictions = flatLogprobs.count
        guard predictions > 0 else { return }

        let dLogits = ScalarBuffer<Scalar>(count: predictions * v)
        dLogits.pointer.update(from: logp.pointer, count: predictions * v)
        let upstream = ScalarBuffer<Scalar>(count: 2 * predictions)
        upstream.pointer.update(from: dLogprob, count: predictions)
        if let dEntropy { (upstream.pointer + predictions).update(from: dEntropy, count: predictions) }
        batch.targets.withUnsafeBufferPointer { targets in
            flatEntropies.withUnsafeBufferPointer { entropies in
                OutputHead.logitGradients(
                    rows: predictions, vocabulary: v, temperature: temperature, targets: targets.baseAddress!,
                    entropies: entropies.baseAddress!, dLogprob: upstream.pointer,
                    dEntropy: dEntropy == nil ? nil : upstream.pointer + predictions, logpToGradient: dLogits.pointer)
            }
        }
        parameters.values.withUnsafeBufferPointer { storage in
            gradients.values.withUnsafeMutableBufferPointer { gradientStorage in
                let w = storage.baseAddress!, g = gradientStorage.baseAddress!
                MatrixKernels.multiplyTransposedAdd(
                    m: predictions, n: v, k: h, selectedHidden.pointer, lda: h, dLogits.pointer, ldb: v,
                    g + layout.outputWeights.offset, ldc: v)
                MatrixKernels.addColumnSums(
                    m: predictions, n: v, dLogits.pointer, lda: v, into: g + layout.outputBias.offset)
                let outputTransposed = ScalarBuffer<Scalar>(count: v * h)
                MatrixKernels.transpose(rows: h, columns: v, w + layout.outputWeights.offset, into: outputTransposed.pointer)
                let dSelected = ScalarBuffer<Scalar>(count: predictions * h)
                MatrixKernels.multiplyAdd(
                    m: predictions, n: h, k: v, dLogits.pointer, lda: v, outputTransposed.pointer, ldb: h,
                    dSelected.pointer, ldc: h)
                var dHidden = ScalarBuffer<Scalar>(count: batch.rowCount * h)
                for (index, row) in batch.predictionRows.enumerated() {
                    let target = dHidden.row(row, width: h), source = dSelected.row(index, width: h)
                    for j in 0..<h { target[j] += source[j] }
                }
                for index in layout.layers.indices.reversed() {
                    dHidden = backwardLayer(index, dHidden: dHidden, layout: layout, weights: w, gradients: g)
                }
            }
        }
    }

    /// Back-propagation through time for one layer; returns `∂L/∂input` of the layer below (or an empty buffer for
    /// the first layer, whose input gradients go to the embedding).
    private func backwardLayer(
        _ index: Int, dHidden: ScalarBuffer<Scalar>, layout: PolicyLayout, weights w: UnsafePointer<Scalar>,
        gradients g: UnsafeMutablePointer<Scalar>
    ) -> ScalarBuffer<Scalar> {
        let config = parameters.config
        let (v, e, h) = (config.vocabularySize, config.embeddingSize, config.hiddenSize)
        let width = 3 * h
        let rows = batch.rowCount
        let layer = layout.layers[index]
        let activations = layers[index]
        let widest = batch.widths.first ?? 0

        let hiddenTransposed = ScalarBuffer<Scalar>(count: width * h)
        MatrixKernels.transpose(rows: h, columns: width, w + layer.hiddenWeights.offset, into: hiddenTransposed.pointer)
        let dGi = ScalarBuffer<Scalar>(count: rows * width)
        let dGh = ScalarBuffer<Scalar>(count: rows * width)
        let carry = ScalarBuffer<Scalar>(count: widest * h)
        let zeros = ScalarBuffer<Scalar>(count: widest * h)
        for t in (0..<batch.stepCount).reversed() {
            let offset = batch.offsets[t]
            let dNext = dHidden.row(offset, width: h)
            if t + 1 < batch.stepCount {
                for j in 0..<(batch.widths[t + 1] * h) { dNext[j] += carry.pointer[j] }
            }
            let previous = t == 0 ? zeros.pointer : activations.hidden.row(batch.offsets[t - 1], width: h)
            GRUCell.backward(
                rows: batch.widths[t], hidden: h, dNext: dNext, previous: previous,
                gates: activations.gates.row(offset, width: width),
                candidateHidden: activations.candidateHidden.row(offset, width: h),
                hiddenWeightsTransposed: hiddenTransposed.pointer, dGi: dGi.row(offset, width: width),
                dGh: dGh.row(offset, width: width), dPrevious: carry.pointer)
        }
        for t in 1..<max(batch.stepCount, 1) {
            MatrixKernels.multiplyTransposedAdd(
                m: batch.widths[t], n: width, k: h, activations.hidden.row(batch.offsets[t - 1], width: h), lda: h,
                dGh.row(batch.offsets[t], width: width), ldb: width, g + layer.hiddenWeights.offset, ldc: width)
        }
        MatrixKernels.addColumnSums(m: rows, n: width, dGh.pointer, lda: width, into: g + layer.hiddenBias.offset)
        MatrixKernels.addColumnSums(m: rows, n: width, dGi.pointer, lda: width, into: g + layer.inputBias.offset)

        let inputSize = index == 0 ? e : h
        let inputTransposed = ScalarBuffer<Scalar>(count: width * inputSize)
        MatrixKernels.transpose(
            rows: inputSize, columns: width, w + layer.inputWeights.offset, into: inputTransposed.pointer)
        if index == 0 {
            let dTable = ScalarBuffer<Scalar>(count: v * width)
            for (row, token) in batch.tokens.enumerated() {
                let target = dTable.row(token, width: width), source = dGi.row(row, width: width)
                for j in 0..<width { target[j] += source[j] }
            }
            MatrixKernels.multiplyTransposedAdd(
                m: v, n: width, k: e, w + layout.embedding.offset, lda: e, dTable.pointer, ldb: width,
                g + layer.inputWeights.offset, ldc: width)
            MatrixKernels.multiplyAdd(
                m: v, n: e, k: width, dTable.pointer, lda: width, inputTransposed.pointer, ldb: e,
                g + layout.embedding.offset, ldc: e)
            return ScalarBuffer(count: 0)
        }
        let below = layers[index - 1].hidden
        MatrixKernels.multiplyTransposedAdd(
            m: rows, n: width, k: h, below.pointer, lda: h, dGi.pointer, ldb: width, g + layer.inputWeights.offset,
            ldc: width)
        let dBelow = ScalarBuffer<Scalar>(count: rows * h)
        MatrixKernels.multiplyAdd(
            m: rows, n: h, k: width, dGi.pointer, lda: width, inputTransposed.pointer, ldb: h, dBelow.pointer, ldc: h)
        return dBelow
    }
}
