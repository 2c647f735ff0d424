import Dispatch

/// Dense row-major kernels over raw pointers, the only place the model multiplies matrices.
///
/// Every output element is accumulated as `c ← c + a·b` over the shared dimension in ascending order, whatever the
/// tiling or thread split, so results are bitwise reproducible and a row's result does not depend on which other rows
/// share the call.
enum MatrixKernels {
    /// `C[m×n] += A[m×k] · B[k×n]`, with row strides `lda`, `ldb`, `ldc`.
    static func multiplyAdd<S: PolicyScalar>(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<S>, lda: Int, _ b: UnsafePointer<S>, ldb: Int,
        _ c: UnsafeMutablePointer<S>, ldc: Int
    ) {
        product(m: m, n: n, k: k, a, rowStride: lda, depthStride: 1, b, ldb: ldb, c, ldc: ldc)
    }

    /// `C[k×n] += A[m×k]ᵀ · B[m×n]`: the weight-gradient product, summing outer products of paired rows.
    static func multiplyTransposedAdd<S: PolicyScalar>(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<S>, lda: Int, _ b: UnsafePointer<S>, ldb: Int,
        _ c: UnsafeMutablePointer<S>, ldc: Int
    ) {
        product(m: k, n: n, k: m, a, rowStride: 1, depthStride: lda, b, ldb: ldb, c, ldc: ldc)
    }

    /// `C[m×n] += A · B[k×n]` where `A[i, p]` is at `a[i·rowStride + p·depthStride]`.
    ///
    /// Tiles of 4 rows × 8 columns of `C` stay in registers for the whole depth; leftover rows and columns take the
    /// scalar path, which performs the same operations in the same order.
    private static func product<S: PolicyScalar>(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<S>, rowStride: Int, depthStride: Int, _ b: UnsafePointer<S>, ldb: Int,
        _ c: UnsafeMutablePointer<S>, ldc: Int
    ) {
        let wide = n - n % 8
        parallelChunks(count: m, work: m * n * k) { rows in
            var i = rows.lowerBound
            while i + 4 <= rows.upperBound {
                let a0 = a + i * rowStride, a1 = a0 + rowStride, a2 = a1 + rowStride, a3 = a2 + rowStride
                let c0 = c + i * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc
                var j = 0
                while j < wide {
                    var t00 = load(c0 + j), t01 = load(c0 + j + 4), t10 = load(c1 + j), t11 = load(c1 + j + 4)
                    var t20 = load(c2 + j), t21 = load(c2 + j + 4), t30 = load(c3 + j), t31 = load(c3 + j + 4)
                    var bp = b + j
                    var offset = 0
                    for _ in 0..<k {
                        let b0 = load(bp), b1 = load(bp + 4)
                        let x0 = SIMD4(repeating: a0[offset]), x1 = SIMD4(repeating: a1[offset])
                        let x2 = SIMD4(repeating: a2[offset]), x3 = SIMD4(repeating: a3[offset])
                        t00 += x0 * b0
                        t01 += x0 * b1
                        t10 += x1 * b0
                        t11 += x1 * b1
                        t20 += x2 * b0
                        t21 += x2 * b1
                        t30 += x3 * b0
                        t31 += x3 * b1
                        bp += ldb
                        offset += depthStride
                    }
                    store(t00, c0 + j)
                    store(t01, c0 + j + 4)
                    store(t10, c1 + j)
                    store(t11, c1 + j + 4)
                    store(t20, c2 + j)
                    store(t21, c2 + j + 4)
                    store(t30, c3 + j)
                    store(t31, c3 + j + 4)
                    j += 8
                }
                for row in i..<(i + 4) {
                    scalarProduct(row: row, columns: wide..<n, k: k, a, rowStride, depthStride, b, ldb, c, ldc)
                }
                i += 4
            }
            while i < rows.upperBound {
                let ai = a + i * rowStride, ci = c + i * ldc
                var j = 0
                while j < wide {
                    var t0 = load(ci + j), t1 = load(ci + j + 4)
                    var bp = b + j
                    var offset = 0
                    for _ in 0..<k {
                        let x = SIMD4(repeating: ai[offset])
                        t0 += x * load(bp)
                        t1 += x * load(bp + 4)
                        bp += ldb
                        offset += depthStride
                    }
                    store(t0, ci + j)
                    store(t1, ci + j + 4)
                    j += 8
                }
                scalarProduct(row: i, columns: wide..<n, k: k, a, rowStride, depthStride, b, ldb, c, ldc)
                i += 1
            }
        }
    }

    @inline(__always)
    private static func scalarProduct<S: PolicyScalar>(
        row i: Int, columns: Range<Int>, k: Int, _ a: UnsafePointer<S>, _ rowStride: Int, _ depthStride: Int,
        _ b: UnsafePointer<S>, _ ldb: Int, _ c: UnsafeMutablePointer<S>, _ ldc: Int
    ) {
        guard !columns.isEmpty else { return }
        let ai = a + i * rowStride, ci = c + i * ldc
        for p in 0..<k {
            let x = ai[p * depthStride], bp = b + p * ldb
            for j in columns { ci[j] += x * bp[j] }
        }
    }

    @inline(__always)
    private static func load<S: PolicyScalar>(_ pointer: UnsafePointer<S>) -> SIMD4<S> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<S>.self)
    }

    @inline(__always)
    private static func load<S: PolicyScalar>(_ pointer: UnsafeMutablePointer<S>) -> SIMD4<S> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<S>.self)
    }

    @inline(__always)
    private static func store<S: PolicyScalar>(_ value: SIMD4<S>, _ pointer: UnsafeMutablePointer<S>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD4<S>.self)
    }

    /// `C[m×n] = Aᵀ` for `A[n×m]`.
    static func transpose<S: PolicyScalar>(
        rows: Int, columns: Int, _ a: UnsafePointer<S>, into c: UnsafeMutablePointer<S>
    ) {
        for i in 0..<rows {
            for j in 0..<columns { c[j * rows + i] = a[i * columns + j] }
        }
    }

    /// `sums[n] += Σ_i A[i, :]` over `m` rows.
    static func addColumnSums<S: PolicyScalar>(
        m: Int, n: Int, _ a: UnsafePointer<S>, lda: Int, into sums: UnsafeMutablePointer<S>
    ) {
        for i in 0..<m {
            let ai = a + i * lda
            for j in 0..<n { sums[j] += ai[j] }
        }
    }

    /// Multiply-adds below this size run on the calling thread.
    static let parallelThreshold = 1 << 20

    /// The second half of a parallel kernel runs here: a queue of its own (its own thread), not a global
    /// concurrent queue, whose worker threads on Linux are the ones Swift concurrency's pool runs on — training
    /// would starve the engine, servers and every other task of the process.
    static let helperQueue = DispatchQueue(label: "assay.train.kernel-half", qos: .userInitiated)

    /// Runs `body` on two halves of `0..<count` at once when `work` is large enough, else on the whole range.
    /// (`body` escapes: the helper queue may release its copy after signalling, so `withoutActuallyEscaping`
    /// would trap. Callers capture only pointers that outlive the call, which waits for both halves.)
    static func parallelChunks(count: Int, work: Int, _ body: @escaping (Range<Int>) -> Void) {
        guard work >= parallelThreshold, count >= 8 else {
            body(0..<count)
            return
        }
        let middle = (count / 2 + 3) & ~3
        let task = UncheckedSendable(body)
        let done = DispatchSemaphore(value: 0)
        helperQueue.async {
            task.value(middle..<count)
            done.signal()
        }
        task.value(0..<middle)
        done.wait()
    }
}

/// Carries a value the caller knows is safe to share into a concurrent closure (disjoint writes only).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
