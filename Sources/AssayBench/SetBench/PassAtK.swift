/// The unbiased pass@k estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained on Code"):
/// the probability that at least one of k samples drawn without replacement from n, of which c are correct,
/// is correct: 1 − C(n−c, k) / C(n, k).
public enum PassAtK {
    /// pass@k for one problem; `k` must be in 1...n.
    public static func estimate(n: Int, c: Int, k: Int) -> Double {
        precondition(k >= 1 && k <= n && c >= 0 && c <= n, "pass@k needs 1 ≤ k ≤ n and 0 ≤ c ≤ n")
        if n - c < k { return 1 }
        if k == 1 { return Double(c) / Double(n) }
        // C(n−c, k) / C(n, k) = ∏_{i=n−c+1}^{n} (1 − k/i), stable for large n.
        var miss = 1.0
        var i = n - c + 1
        while i <= n {
            miss *= 1 - Double(k) / Double(i)
            i += 1
        }
        return 1 - miss
    }
}
