/// Gradients of a loss with respect to every policy parameter, laid out like `PolicyParameters.values`.
public struct PolicyGradients<Scalar: PolicyScalar>: Sendable, Equatable {
    public let config: PolicyConfig
    public var values: [Scalar]

    /// All zeros.
    public init(config: PolicyConfig) {
        self.config = config
        values = [Scalar](repeating: 0, count: config.parameterCount)
    }

    /// A copy of the named tensor's gradient (row-major).
    public subscript(tensor name: String) -> [Scalar] {
        guard let tensor = config.tensors.first(where: { $0.name == name }) else {
            preconditionFailure("no tensor named \(name)")
        }
        return Array(values[tensor.range])
    }

    /// Resets every gradient to 0.
    @specialized(where Scalar == Float)
    public mutating func zero() {
        values.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// Adds `other` element-wise (e.g. to accumulate over micro-batches).
    @specialized(where Scalar == Float)
    public mutating func add(_ other: PolicyGradients) {
        precondition(other.config == config, "gradient shapes differ")
        values.withUnsafeMutableBufferPointer { mine in
            other.values.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] += theirs[index] }
            }
        }
    }

    /// Multiplies every gradient by `factor`.
    @specialized(where Scalar == Float)
    public mutating func scale(by factor: Scalar) {
        values.withUnsafeMutableBufferPointer { mine in
            for index in mine.indices { mine[index] *= factor }
        }
    }

    /// The L2 norm over all tensors together (accumulated in `Double`).
    public var globalNorm: Double {
        @specialized(where Scalar == Float)
        get {
            values.withUnsafeBufferPointer { mine in
                var sum = 0.0
                for value in mine { sum += Double(value) * Double(value) }
                return sum.squareRoot()
            }
        }
    }

    /// Scales all gradients down so their global norm is at most `maxNorm`; returns the norm before clipping.
    @discardableResult
    @specialized(where Scalar == Float)
    public mutating func clip(globalNorm maxNorm: Double) -> Double {
        let norm = globalNorm
        if norm > maxNorm, norm > 0 { scale(by: Scalar(maxNorm / norm)) }
        return norm
    }
}
