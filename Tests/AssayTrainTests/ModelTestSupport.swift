import AssayCore
import AssayTrain

/// Small fixed batches shared by the model tests.
enum ModelFixtures {
    static let tinyPrompts = [[1, 2], [3], [4, 5, 6]]
    static let tinyCompletions = [[0, 6, 2], [5], [1, 2, 3, 4]]

    static func tinyConfig(layers: Int = 1) -> PolicyConfig {
        PolicyConfig(vocabularySize: 7, embeddingSize: 3, hiddenSize: 4, layers: layers)
    }

    /// Values in [-1, 1), shaped like `lengths`.
    static func randomLike(_ lengths: [[Int]], seed: UInt64) -> [[Double]] {
        var rng = SplitMix64(seed: seed)
        return lengths.map { row in row.map { _ in Double(rng.next() >> 11) * 0x1p-52 - 1 } }
    }
}
