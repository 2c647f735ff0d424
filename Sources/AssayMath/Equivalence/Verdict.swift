/// Outcome of an internal comparison with a human-readable reason.
struct Verdict {
    var equal: Bool
    var reason: String

    static func yes(_ r: String) -> Verdict { Verdict(equal: true, reason: r) }
    static func no(_ r: String) -> Verdict { Verdict(equal: false, reason: r) }
}

/// Deterministic SplitMix64 generator for evaluation points (no global state).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below n: UInt64) -> Int { Int(next() % n) }
}
