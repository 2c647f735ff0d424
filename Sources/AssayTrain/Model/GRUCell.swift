/// The arithmetic of one GRU layer for one time step over a block of rows (PyTorch's formulation):
///
///     r = σ(x·W_r + b_ir + h·U_r + b_hr)
///     z = σ(x·W_z + b_iz + h·U_z + b_hz)
///     n = tanh(x·W_n + b_in + r ⊙ (h·U_n + b_hn))
///     h' = (1 − z) ⊙ n + z ⊙ h
///
/// `gi` holds the input projection `x·W + b_i` (3H per row) and `gh` the hidden projection `h·U + b_h`.
enum GRUCell {
    /// Computes the gates and the new hidden state for `rows` rows.
    ///
    /// - Parameters:
    ///   - gi: input projections, `rows × 3H`.
    ///   - previous: hidden states before the step, `rows × H`.
    ///   - hiddenWeights: `U`, `H × 3H`; `hiddenBias`: `b_h`, `3H`.
    ///   - gh: scratch for the hidden projection, `rows × 3H`.
    ///   - gates: receives `r`, `z`, `n` per row, `rows × 3H`.
    ///   - candidateHidden: receives `h·U_n + b_hn` per row, `rows × H` (needed by the backward pass).
    ///   - next: receives `h'`, `rows × H`.
    static func forward<S: PolicyScalar>(
        rows: Int, hidden h: Int,
        gi: UnsafePointer<S>, previous: UnsafePointer<S>,
        hiddenWeights: UnsafePointer<S>, hiddenBias: UnsafePointer<S>,
        gh: UnsafeMutablePointer<S>, gates: UnsafeMutablePointer<S>,
        candidateHidden: UnsafeMutablePointer<S>, next: UnsafeMutablePointer<S>
    ) {
        let width = 3 * h
        for row in 0..<rows { (gh + row * width).update(from: hiddenBias, count: width) }
        MatrixKernels.multiplyAdd(
            m: rows, n: width, k: h, previous, lda: h, hiddenWeights, ldb: width, gh, ldc: width)
        MatrixKernels.parallelChunks(count: rows, work: rows * width * 8) { block in
            for row in block {
                let x = gi + row * width, u = UnsafePointer(gh + row * width), g = gates + row * width
                let hp = previous + row * h, hn = next + row * h, ch = candidateHidden + row * h
                for j in 0..<h {
                    let r = S.sigmoid(x[j] + u[j])
                    let z = S.sigmoid(x[h + j] + u[h + j])
                    let n = S.hyperbolicTangent(x[2 * h + j] + r * u[2 * h + j])
                    g[j] = r
                    g[h + j] = z
                    g[2 * h + j] = n
                    ch[j] = u[2 * h + j]
                    hn[j] = (1 - z) * n + z * hp[j]
                }
            }
        }
    }

    /// Back-propagates `dNext = ∂L/∂h'` through one step.
    ///
    /// Writes `∂L/∂gi` and `∂L/∂gh` (both `rows × 3H`) and `∂L/∂h` (`rows × H`, through both the `z ⊙ h` term and
    /// the hidden projection; `hiddenWeightsTransposed` is `Uᵀ`, `3H × H`).
    static func backward<S: PolicyScalar>(
        rows: Int, hidden h: Int,
        dNext: UnsafePointer<S>, previous: UnsafePointer<S>,
        gates: UnsafePointer<S>, candidateHidden: UnsafePointer<S>,
        hiddenWeightsTransposed: UnsafePointer<S>,
        dGi: UnsafeMutablePointer<S>, dGh: UnsafeMutablePointer<S>, dPrevious: UnsafeMutablePointer<S>
    ) {
        let width = 3 * h
        MatrixKernels.parallelChunks(count: rows, work: rows * width * 8) { block in
            for row in block {
                let dy = dNext + row * h, hp = previous + row * h, ch = candidateHidden + row * h
                let g = gates + row * width, di = dGi + row * width, du = dGh + row * width
                let dp = dPrevious + row * h
                for j in 0..<h {
                    let (r, z, n) = (g[j], g[h + j], g[2 * h + j])
                    let dn = dy[j] * (1 - z) * (1 - n * n)
                    let dz = dy[j] * (hp[j] - n) * z * (1 - z)
                    let dr = dn * ch[j] * r * (1 - r)
                    di[j] = dr
                    di[h + j] = dz
                    di[2 * h + j] = dn
                    du[j] = dr
                    du[h + j] = dz
                    du[2 * h + j] = dn * r
                    dp[j] = dy[j] * z
                }
            }
        }
        MatrixKernels.multiplyAdd(
            m: rows, n: h, k: width, dGh, lda: width, hiddenWeightsTransposed, ldb: h, dPrevious, ldc: h)
    }
}
