/// The arithmetic of the output layer: logits `h·W_o + b_o`, their log-softmax at a temperature, the entropy of that
/// distribution, and the backward pass of a loss on the target log-probabilities and entropies.
enum OutputHead {
    /// Writes `logits[rows × V] = hidden[rows × H] · W_o + b_o`.
    static func logits<S: PolicyScalar>(
        rows: Int, hidden h: Int, vocabulary v: Int,
        _ hidden: UnsafePointer<S>, weights: UnsafePointer<S>, bias: UnsafePointer<S>, into logits: UnsafeMutablePointer<S>
    ) {
        for row in 0..<rows { (logits + row * v).update(from: bias, count: v) }
        MatrixKernels.multiplyAdd(m: rows, n: v, k: h, hidden, lda: h, weights, ldb: v, logits, ldc: v)
    }

    /// Writes `log softmax(logits / temperature)` for one row and returns the entropy of that distribution.
    @discardableResult
    static func logSoftmax<S: PolicyScalar>(
        _ logits: UnsafePointer<S>, count v: Int, temperature: S, into logp: UnsafeMutablePointer<S>
    ) -> S {
        var largest = -S.infinity
        for j in 0..<v {
            logp[j] = logits[j] / temperature
            largest = max(largest, logp[j])
        }
        var total: S = 0
        for j in 0..<v { total += S.exponential(logp[j] - largest) }
        let normaliser = largest + S.logarithm(total)
        var entropy: S = 0
        for j in 0..<v {
            logp[j] -= normaliser
            entropy -= S.exponential(logp[j]) * logp[j]
        }
        return entropy
    }

    /// Turns upstream gradients of the target log-probabilities and entropies into `∂L/∂logits` (in place over
    /// `logp`, `rows × V`):
    /// `∂logp[y]/∂s = onehot(y) − p`, `∂H/∂s = −p ⊙ (log p + H)`, and `s = logits / temperature`.
    static func logitGradients<S: PolicyScalar>(
        rows: Int, vocabulary v: Int, temperature: S,
        targets: UnsafePointer<Int>, entropies: UnsafePointer<S>,
        dLogprob: UnsafePointer<S>, dEntropy: UnsafePointer<S>?,
        logpToGradient: UnsafeMutablePointer<S>
    ) {
        for row in 0..<rows {
            let values = logpToGradient + row * v
            let g = dLogprob[row]
            let e = dEntropy?[row] ?? 0
            let entropy = entropies[row]
            for j in 0..<v {
                let logp = values[j]
                let p = S.exponential(logp)
                values[j] = (-g * p - e * p * (logp + entropy)) / temperature
            }
            values[targets[row]] += g / temperature
        }
    }
}
