#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Thin wrappers so the rest of the module does not need to import the C library.
@inline(__always) func Foundation_log10(_ x: Double) -> Double { log10(x) }
@inline(__always) func Foundation_pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inline(__always) func cLog(_ x: Double) -> Double { log(x) }
@inline(__always) func cExp(_ x: Double) -> Double { exp(x) }
@inline(__always) func cSin(_ x: Double) -> Double { sin(x) }
@inline(__always) func cCos(_ x: Double) -> Double { cos(x) }
@inline(__always) func cTan(_ x: Double) -> Double { tan(x) }
@inline(__always) func cAsin(_ x: Double) -> Double { asin(x) }
@inline(__always) func cAcos(_ x: Double) -> Double { acos(x) }
@inline(__always) func cAtan(_ x: Double) -> Double { atan(x) }
@inline(__always) func cAtan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
@inline(__always) func cSinh(_ x: Double) -> Double { sinh(x) }
@inline(__always) func cCosh(_ x: Double) -> Double { cosh(x) }
@inline(__always) func cTanh(_ x: Double) -> Double { tanh(x) }
@inline(__always) func cLgamma(_ x: Double) -> Double { lgamma(x) }
@inline(__always) func cTgamma(_ x: Double) -> Double { tgamma(x) }
@inline(__always) func cHypot(_ x: Double, _ y: Double) -> Double { hypot(x, y) }
