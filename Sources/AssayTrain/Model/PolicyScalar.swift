import Foundation

/// The element type of the policy's tensors: `Float` for training, `Double` for gradient checks, both running the same
/// generic code. The public entry points are `@specialized` for `Float`, so callers in other modules get compiled,
/// not generic, inner loops (about 50× faster in release).
public protocol PolicyScalar: BinaryFloatingPoint, SIMDScalar, Codable, Sendable {
    static func exponential(_ x: Self) -> Self
    static func logarithm(_ x: Self) -> Self
    static func hyperbolicTangent(_ x: Self) -> Self
}

extension Float: PolicyScalar {
    @inline(__always) public static func exponential(_ x: Float) -> Float { expf(x) }
    @inline(__always) public static func logarithm(_ x: Float) -> Float { logf(x) }
    /// `1 − 2 / (e^{2x} + 1)`: absolute error below 2e-7 and several times faster than `tanhf`.
    @inline(__always) public static func hyperbolicTangent(_ x: Float) -> Float { 1 - 2 / (expf(2 * x) + 1) }
}

extension Double: PolicyScalar {
    @inline(__always) public static func exponential(_ x: Double) -> Double { doubleExp(x) }
    @inline(__always) public static func logarithm(_ x: Double) -> Double { doubleLog(x) }
    @inline(__always) public static func hyperbolicTangent(_ x: Double) -> Double { doubleTanh(x) }
}

@inline(__always) private func doubleExp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func doubleLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func doubleTanh(_ x: Double) -> Double { tanh(x) }

extension PolicyScalar {
    @inline(__always) static func sigmoid(_ x: Self) -> Self { 1 / (1 + exponential(-x)) }
}
