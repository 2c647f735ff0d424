import Foundation

/// The Adam optimiser with bias correction and optional decoupled weight decay (AdamW), with its moment state.
public struct Adam<Scalar: PolicyScalar>: Sendable, Equatable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    /// Decoupled weight decay: each step multiplies the weights by `1 - learningRate * weightDecay` first.
    public var weightDecay: Double
    /// The number of updates applied so far.
    public internal(set) var step: Int
    public internal(set) var firstMoment: [Scalar]
    public internal(set) var secondMoment: [Scalar]

    /// Fresh optimiser state (zero moments) for a model of `config`; defaults are PyTorch's.
    public init(
        config: PolicyConfig, learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-8, weightDecay: Double = 0
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        step = 0
        firstMoment = [Scalar](repeating: 0, count: config.parameterCount)
        secondMoment = firstMoment
    }

    /// Applies one update to `parameters` from `gradients`.
    @specialized(where Scalar == Float)
    public mutating func update(_ parameters: inout PolicyParameters<Scalar>, with gradients: PolicyGradients<Scalar>) {
        precondition(parameters.config == gradients.config, "gradients do not match the parameters")
        precondition(parameters.values.count == firstMoment.count, "optimiser state does not match the parameters")
        step += 1
        let b1 = Scalar(beta1), b2 = Scalar(beta2), eps = Scalar(epsilon)
        let correction1 = Scalar(1 - pow(beta1, Double(step)))
        let correction2 = Scalar(1 - pow(beta2, Double(step)))
        let rate = Scalar(learningRate)
        let decay = Scalar(1 - learningRate * weightDecay)
        parameters.values.withUnsafeMutableBufferPointer { p in
            gradients.values.withUnsafeBufferPointer { g in
                firstMoment.withUnsafeMutableBufferPointer { m in
                    secondMoment.withUnsafeMutableBufferPointer { v in
                        for i in p.indices {
                            m[i] = b1 * m[i] + (1 - b1) * g[i]
                            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                            let mHat = m[i] / correction1
                            let vHat = v[i] / correction2
                            if weightDecay != 0 { p[i] *= decay }
                            p[i] -= rate * mHat / (vHat.squareRoot() + eps)
                        }
                    }
                }
            }
        }
    }
}
