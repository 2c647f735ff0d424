/// The seeded evaluation points of ``Comparator/points(_:count:integers:)``, produced one at a time so that a
/// comparison decided at its first point does not pay for the others. Same values, same order as an eager list.
struct EvaluationPoints: Sequence, IteratorProtocol {
    let vars: [String]
    var remaining: Int
    let integers: Bool
    var rng = SplitMix64(seed: 0xA55A_7E57_0000_0001)

    init(vars: [String], count: Int, integers: Bool) {
        self.vars = vars
        self.remaining = count
        self.integers = integers
    }

    mutating func next() -> [String: Num]? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        var env: [String: Num] = [:]
        for v in vars {
            if integers {
                env[v] = .int(1 + rng.next(below: 120))
                continue
            }
            let n = 300 + rng.next(below: 3000)
            env[v] = .rational(Rational(n, 997))
        }
        return env
    }
}

/// The seeded negative or mixed-sign points of ``Comparator/signedPoints(_:count:)``, produced one at a time.
struct SignedEvaluationPoints: Sequence, IteratorProtocol {
    let vars: [String]
    let count: Int
    var k = 0
    var rng = SplitMix64(seed: 0x5151_0000_BEEF_0002)

    init(vars: [String], count: Int) {
        self.vars = vars
        self.count = count
    }

    mutating func next() -> [String: Num]? {
        guard k < count else { return nil }
        defer { k += 1 }
        var env: [String: Num] = [:]
        for (j, v) in vars.enumerated() {
            let n = 300 + rng.next(below: 3000)
            let negative = k % 2 == 0 || (j + k) % 2 == 0
            env[v] = .rational(Rational(negative ? -n : n, 991))
        }
        return env
    }
}
