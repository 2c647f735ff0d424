/// The stacked GRU advanced one token at a time for a shrinking set of rows: the incremental form of the
/// teacher-forced pass used for generation. It runs the same kernels on the same per-row data, so its log-probabilities
/// equal the teacher-forced ones bitwise.
final class RecurrentStack<S: PolicyScalar> {
    private let config: PolicyConfig
    private let layout: PolicyLayout
    private let weights: UnsafePointer<S>
    private let table: ScalarBuffer<S>
    private var states: [ScalarBuffer<S>]
    private var nextStates: [ScalarBuffer<S>]
    private let gi, gh, gates, candidate: ScalarBuffer<S>
    /// Output logits of the last step, one row of `V` per running row.
    let logits: ScalarBuffer<S>
    private(set) var rows: Int

    /// A stack of zero hidden states for `rows` rows; `weights` must stay valid while it is used.
    init(config: PolicyConfig, weights: UnsafePointer<S>, rows: Int) {
        let (v, h) = (config.vocabularySize, config.hiddenSize)
        self.config = config
        layout = PolicyLayout(config)
        self.weights = weights
        self.rows = rows
        table = GRUPolicy<S>.tokenProjectionTable(config: config, weights: weights)
        states = (0..<config.layers).map { _ in ScalarBuffer(count: rows * h) }
        nextStates = (0..<config.layers).map { _ in ScalarBuffer(count: rows * h) }
        gi = ScalarBuffer(count: rows * 3 * h)
        gh = ScalarBuffer(count: rows * 3 * h)
        gates = ScalarBuffer(count: rows * 3 * h)
        candidate = ScalarBuffer(count: rows * h)
        logits = ScalarBuffer(count: rows * v)
    }

    /// Feeds one token to each running row and leaves the next-token logits in `logits`.
    func step(tokens: [Int]) {
        precondition(tokens.count == rows, "one token per running row")
        let (v, h) = (config.vocabularySize, config.hiddenSize)
        let width = 3 * h
        let w = weights
        for (row, token) in tokens.enumerated() {
            gi.row(row, width: width).update(from: table.row(token, width: width), count: width)
        }
        for (index, layer) in layout.layers.enumerated() {
            if index > 0 {
                for row in 0..<rows { gi.row(row, width: width).update(from: w + layer.inputBias.offset, count: width) }
                MatrixKernels.multiplyAdd(
                    m: rows, n: width, k: h, states[index - 1].pointer, lda: h, w + layer.inputWeights.offset,
                    ldb: width, gi.pointer, ldc: width)
            }
            GRUCell.forward(
                rows: rows, hidden: h, gi: gi.pointer, previous: states[index].pointer,
                hiddenWeights: w + layer.hiddenWeights.offset, hiddenBias: w + layer.hiddenBias.offset,
                gh: gh.pointer, gates: gates.pointer, candidateHidden: candidate.pointer, next: nextStates[index].pointer)
            swap(&states[index], &nextStates[index])
        }
        OutputHead.logits(
            rows: rows, hidden: h, vocabulary: v, states[states.count - 1].pointer,
            weights: w + layout.outputWeights.offset, bias: w + layout.outputBias.offset, into: logits.pointer)
    }

    /// Keeps only the given rows (ascending), moved to the front in that order.
    func keep(rows kept: [Int]) {
        let h = config.hiddenSize
        for state in states {
            for (newRow, oldRow) in kept.enumerated() where newRow != oldRow {
                state.row(newRow, width: h).update(from: state.row(oldRow, width: h), count: h)
            }
        }
        rows = kept.count
    }
}
