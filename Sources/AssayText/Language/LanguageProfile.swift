/// Character-trigram log-likelihood profiles for the Latin-script languages,
/// parsed once (lazily) from ``languageProfileData``.
struct LanguageProfile: Sendable {
    /// Language codes in lane order (lanes beyond `codes.count` are unused).
    let codes: [String]
    /// Per-language cost (−ln p, in nats) of a trigram absent from the table.
    let floor: SIMD8<Float>
    /// Open-addressing table: packed trigram key (0 = empty slot).
    private let keys: [UInt64]
    /// Cost vectors parallel to `keys`.
    private let costs: [SIMD8<Float>]
    private let shift: UInt64
    private let mask: Int
    /// Function words: FNV-1a hash of the lower-cased word → bonus vector.
    private let stopKeys: [UInt64]
    private let stopBonus: [SIMD8<Float>]
    private let stopShift: UInt64
    private let stopMask: Int

    /// Bonus (in nats) added to each language whose function-word list contains the word.
    static let stopWordBonus: Float = 2.5

    /// The shared, lazily parsed profile.
    static let shared = LanguageProfile(parsing: languageProfileData)

    /// Packs three scalars (21 bits each) into a non-zero key.
    @inline(__always)
    static func key(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> UInt64 {
        (UInt64(a) << 42) | (UInt64(b) << 21) | UInt64(c) | (1 << 63)
    }

    /// FNV-1a step over a scalar value.
    @inline(__always)
    static func hashStep(_ h: UInt64, _ v: UInt32) -> UInt64 {
        (h ^ UInt64(v)) &* 0x100_0000_01B3
    }

    static let hashSeed: UInt64 = 0xCBF2_9CE4_8422_2325

    init(parsing text: String) {
        var codes: [String] = []
        var scale: Float = 1
        var floor = SIMD8<Float>(repeating: 0)
        var entries: [(UInt64, SIMD8<Float>)] = []
        var stops: [(UInt64, SIMD8<Float>)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: " ")
            guard let tag = fields.first else { continue }
            switch tag {
            case "L":
                codes = fields.dropFirst().map(String.init)
            case "Q":
                scale = Float(fields[1]) ?? 1
            case "F":
                for (i, f) in fields.dropFirst().enumerated() where i < 8 {
                    floor[i] = (Float(f) ?? 0) / scale
                }
            case "T":
                let scalars = fields[1].unicodeScalars.map { $0 == "_" ? 0x20 : $0.value }
                guard scalars.count == 3 else { continue }
                var v = SIMD8<Float>(repeating: 0)
                for (i, f) in fields.dropFirst(2).enumerated() where i < 8 {
                    v[i] = (Float(f) ?? 0) / scale
                }
                entries.append((Self.key(scalars[0], scalars[1], scalars[2]), v))
            case "S":
                var h = Self.hashSeed
                for s in fields[1].unicodeScalars { h = Self.hashStep(h, s.value) }
                let bits = Int(fields[2]) ?? 0
                var v = SIMD8<Float>(repeating: 0)
                for i in 0..<8 where bits & (1 << i) != 0 { v[i] = Self.stopWordBonus }
                stops.append((h, v))
            default:
                continue
            }
        }
        // Unused lanes get a prohibitive cost so they never win.
        for i in codes.count..<8 { floor[i] = 1e6 }
        self.codes = codes
        self.floor = floor
        (keys, costs, shift, mask) = Self.buildTable(entries, empty: floor)
        (stopKeys, stopBonus, stopShift, stopMask) = Self.buildTable(stops, empty: SIMD8(repeating: 0))
    }

    private static func buildTable(
        _ entries: [(UInt64, SIMD8<Float>)], empty: SIMD8<Float>
    ) -> ([UInt64], [SIMD8<Float>], UInt64, Int) {
        var bits = 4
        while (1 << bits) < entries.count * 2 { bits += 1 }
        let capacity = 1 << bits
        var keys = [UInt64](repeating: 0, count: capacity)
        var values = [SIMD8<Float>](repeating: empty, count: capacity)
        let shift = UInt64(64 - bits)
        for (k, v) in entries {
            var i = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[i] != 0 && keys[i] != k { i = (i + 1) & (capacity - 1) }
            keys[i] = k
            var vv = v
            for lane in 0..<8 where empty[lane] >= 1e6 { vv[lane] = empty[lane] }
            values[i] = vv
        }
        return (keys, values, shift, capacity - 1)
    }

    /// Cost vector (−ln p per language) of a trigram key.
    @inline(__always)
    func cost(_ key: UInt64) -> SIMD8<Float> {
        keys.withUnsafeBufferPointer { k in
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let stored = k[i]
                if stored == key { return costs[i] }
                if stored == 0 { return floor }
                i = (i + 1) & mask
            }
        }
    }

    /// Function-word bonus vector for a word hash (zero if not a function word).
    @inline(__always)
    func stopWordBonus(_ hash: UInt64) -> SIMD8<Float> {
        var i = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> stopShift)
        while true {
            let stored = stopKeys[i]
            if stored == hash { return stopBonus[i] }
            if stored == 0 { return SIMD8(repeating: 0) }
            i = (i + 1) & stopMask
        }
    }
}
