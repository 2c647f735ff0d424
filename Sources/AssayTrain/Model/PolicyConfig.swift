/// The shape of a GRU policy: token vocabulary, embedding width, hidden width and number of stacked GRU layers.
public struct PolicyConfig: Sendable, Hashable, Codable, CustomStringConvertible {
    public var vocabularySize: Int
    public var embeddingSize: Int
    public var hiddenSize: Int
    public var layers: Int

    public init(vocabularySize: Int, embeddingSize: Int = 32, hiddenSize: Int = 128, layers: Int = 1) {
        precondition(vocabularySize > 0 && embeddingSize > 0 && hiddenSize > 0 && layers > 0, "sizes must be positive")
        self.vocabularySize = vocabularySize
        self.embeddingSize = embeddingSize
        self.hiddenSize = hiddenSize
        self.layers = layers
    }

    public var description: String {
        "V=\(vocabularySize) E=\(embeddingSize) H=\(hiddenSize) layers=\(layers)"
    }

    /// Every tensor of the model, in storage order.
    public var tensors: [PolicyTensor] { PolicyLayout(self).tensors }

    /// The number of scalars in all tensors together.
    public var parameterCount: Int { PolicyLayout(self).count }
}

/// One named tensor of the flat parameter vector: its shape (row-major) and where it starts.
public struct PolicyTensor: Sendable, Hashable, Codable {
    public let name: String
    public let shape: [Int]
    public let offset: Int

    public var count: Int { shape.reduce(1, *) }
    public var range: Range<Int> { offset..<(offset + count) }
}

/// Where each tensor lives in the flat parameter vector.
///
/// Weight matrices are stored input-major (`in × out`), so a forward product is `x · W`. A GRU layer's gate columns
/// are ordered reset, update, candidate (`3H` wide), as in PyTorch.
struct PolicyLayout: Sendable {
    struct Layer: Sendable {
        let inputWeights: PolicyTensor
        let hiddenWeights: PolicyTensor
        let inputBias: PolicyTensor
        let hiddenBias: PolicyTensor
    }

    let embedding: PolicyTensor
    let layers: [Layer]
    let outputWeights: PolicyTensor
    let outputBias: PolicyTensor
    let tensors: [PolicyTensor]
    let count: Int

    init(_ config: PolicyConfig) {
        var offset = 0
        var all: [PolicyTensor] = []
        func add(_ name: String, _ shape: [Int]) -> PolicyTensor {
            let tensor = PolicyTensor(name: name, shape: shape, offset: offset)
            offset += tensor.count
            all.append(tensor)
            return tensor
        }
        let (v, e, h) = (config.vocabularySize, config.embeddingSize, config.hiddenSize)
        embedding = add("embedding", [v, e])
        layers = (0..<config.layers).map { index in
            Layer(
                inputWeights: add("gru\(index).inputWeights", [index == 0 ? e : h, 3 * h]),
                hiddenWeights: add("gru\(index).hiddenWeights", [h, 3 * h]),
                inputBias: add("gru\(index).inputBias", [3 * h]),
                hiddenBias: add("gru\(index).hiddenBias", [3 * h]))
        }
        outputWeights = add("output.weights", [h, v])
        outputBias = add("output.bias", [v])
        tensors = all
        count = offset
    }
}
