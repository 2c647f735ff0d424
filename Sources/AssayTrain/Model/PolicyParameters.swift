import AssayCore
import Foundation

/// All weights of a GRU policy in one flat vector, addressed by the named tensors of `config.tensors`.
public struct PolicyParameters<Scalar: PolicyScalar>: Sendable, Equatable {
    public let config: PolicyConfig
    public var values: [Scalar]

    /// Fresh weights drawn from `seed`: embeddings from N(0, 1); GRU and output weights and biases uniform in
    /// ±1/√H (PyTorch's defaults). The draws are made in `Double`, so every `Scalar` gets the same weights up to
    /// rounding.
    public init(config: PolicyConfig, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let layout = PolicyLayout(config)
        let bound = 1 / Double(config.hiddenSize).squareRoot()
        var values = [Scalar](repeating: 0, count: layout.count)
        for tensor in layout.tensors {
            let normal = tensor == layout.embedding
            for index in tensor.range {
                values[index] = Scalar(normal ? rng.policyStandardNormal() : (2 * rng.policyUnitInterval() - 1) * bound)
            }
        }
        self.config = config
        self.values = values
    }

    /// Weights from a flat vector laid out as `config.tensors`.
    public init(config: PolicyConfig, values: [Scalar]) {
        precondition(values.count == config.parameterCount, "expected \(config.parameterCount) values for \(config)")
        self.config = config
        self.values = values
    }

    /// A copy of the named tensor's values (row-major).
    public subscript(tensor name: String) -> [Scalar] {
        guard let tensor = config.tensors.first(where: { $0.name == name }) else {
            preconditionFailure("no tensor named \(name)")
        }
        return Array(values[tensor.range])
    }

    /// The same weights in another precision.
    public func converted<Other: PolicyScalar>(to _: Other.Type = Other.self) -> PolicyParameters<Other> {
        PolicyParameters<Other>(config: config, values: values.map { Other($0) })
    }
}

extension RandomNumberGenerator {
    /// A uniform draw in [0, 1) with 53 random bits.
    mutating func policyUnitInterval() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A standard normal draw (Box–Muller).
    mutating func policyStandardNormal() -> Double {
        let u1 = 1 - policyUnitInterval()
        let u2 = policyUnitInterval()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
