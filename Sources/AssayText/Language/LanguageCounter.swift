/// Single-pass counter behind ``LanguageIdentifier``: decodes UTF-8, splits words
/// and sentences, accumulates trigram costs per Latin clause and CJK characters.
struct LanguageCounter {
    let profile: LanguageProfile

    /// Cost (nats) subtracted from English in every clause: ties and very short
    /// clauses ("Let x be") go to English.
    static let englishPrior: Float = 1.5
    /// Maximum document-level penalty (nats) a clause can receive for a language
    /// that the whole text does not favour.
    static let documentPriorCap: Float = 3.0
    /// Weight of the document-level prior relative to the clause score.
    static let documentPriorWeight: Float = 0.5

    // Totals in words (Latin languages are decided per clause at the end).
    var cyrillic = 0, arabic = 0, devanagari = 0, other = 0
    var zh = 0, ja = 0, ko = 0
    // Latin clauses: summed cost vector and word count.
    var clauses: [(cost: SIMD8<Float>, words: Int)] = []
    // Current clause.
    var clauseCost = SIMD8<Float>(repeating: 0)
    var clauseWords = 0
    var han = 0, kana = 0, hangul = 0
    // Current word.
    var wordScript: LanguageScript = .none
    var p2: UInt32 = 0, p1: UInt32 = 0x20
    var hash = LanguageProfile.hashSeed

    init(profile: LanguageProfile) {
        self.profile = profile
    }

    mutating func scan(_ s: UnsafeBufferPointer<UInt8>) {
        let n = s.count
        var i = 0
        while i < n {
            let b0 = s[i]
            var v: UInt32
            if b0 < 0x80 {
                i += 1
                // Fast path for ASCII.
                let l = b0 | 0x20
                if l >= 0x61 && l <= 0x7A {
                    latinLetter(UInt32(l))
                    continue
                }
                endWord()
                if b0 == 0x2E || b0 == 0x21 || b0 == 0x3F || b0 == 0x3B || b0 == 0x0A || b0 == 0x3A {
                    endClause()
                }
                continue
            } else if b0 < 0xE0 {
                v = (UInt32(b0 & 0x1F) << 6) | UInt32(byte(s, i + 1) & 0x3F)
                i += 2
            } else if b0 < 0xF0 {
                v = (UInt32(b0 & 0x0F) << 12) | (UInt32(byte(s, i + 1) & 0x3F) << 6)
                    | UInt32(byte(s, i + 2) & 0x3F)
                i += 3
            } else {
                v = (UInt32(b0 & 0x07) << 18) | (UInt32(byte(s, i + 1) & 0x3F) << 12)
                    | (UInt32(byte(s, i + 2) & 0x3F) << 6) | UInt32(byte(s, i + 3) & 0x3F)
                i += 4
            }
            scalar(v)
        }
        endWord()
        endClause()
    }

    @inline(__always)
    func byte(_ s: UnsafeBufferPointer<UInt8>, _ j: Int) -> UInt8 { j < s.count ? s[j] : 0 }

    mutating func scalar(_ v: UInt32) {
        let script = LanguageScript.of(v)
        switch script {
        case .latin:
            latinLetter(LanguageScript.lowerLatin(v))
        case .mark:
            break  // continues the current word (if any)
        case .cyrillic, .arabic, .devanagari, .other:
            if wordScript != script {
                endWord()
                wordScript = script
            }
        case .han:
            endWord()
            han += 1
        case .kana:
            endWord()
            kana += 1
        case .hangul:
            endWord()
            hangul += 1
        case .none:
            endWord()
            // 。！？；： and their full-width forms, … end a clause.
            if v == 0x3002 || v == 0xFF01 || v == 0xFF1F || v == 0xFF1B || v == 0xFF1A || v == 0x2026
                || v == 0x964 || v == 0x965 || v == 0x61F || v == 0x6D4 || v == 0xFF0E || v == 0x2029 {
                endClause()
            }
        }
    }

    @inline(__always)
    mutating func latinLetter(_ c: UInt32) {
        if wordScript != .latin {
            endWord()
            wordScript = .latin
            p2 = 0
            p1 = 0x20
            hash = LanguageProfile.hashSeed
        }
        if p2 != 0 {
            clauseCost += profile.cost(LanguageProfile.key(p2, p1, c))
        }
        p2 = p1
        p1 = c
        hash = LanguageProfile.hashStep(hash, c)
    }

    @inline(__always)
    mutating func endWord() {
        switch wordScript {
        case .none: return
        case .latin:
            if p2 != 0 {
                clauseCost += profile.cost(LanguageProfile.key(p2, p1, 0x20))
            } else {
                clauseCost += profile.cost(LanguageProfile.key(0x20, p1, 0x20))
            }
            clauseCost -= profile.stopWordBonus(hash)
            clauseWords += 1
        case .cyrillic: cyrillic += 1
        case .arabic: arabic += 1
        case .devanagari: devanagari += 1
        default: other += 1
        }
        wordScript = .none
    }

    mutating func endClause() {
        if clauseWords > 0 {
            clauses.append((clauseCost, clauseWords))
            clauseCost = SIMD8(repeating: 0)
            clauseWords = 0
        }
        if kana > 0 {
            ja += han + kana
        } else {
            zh += han
        }
        ko += hangul
        han = 0
        kana = 0
        hangul = 0
    }

    /// Decides each Latin clause and assembles the shares.
    func result() -> LanguageShares {
        var units: [String: Double] = [:]
        func add(_ code: String, _ count: Int) {
            if count > 0 { units[code, default: 0] += Double(count) }
        }
        let languages = profile.codes.count
        var prior = SIMD8<Float>(repeating: 0)
        prior[0] = -Self.englishPrior
        var document = SIMD8<Float>(repeating: 0)
        for clause in clauses { document += clause.cost }
        for lane in languages..<8 { document[lane] = 0 }
        let best = (0..<languages).map { document[$0] }.min() ?? 0
        var docPenalty = SIMD8<Float>(repeating: 0)
        if clauses.count > 1 {
            for lane in 0..<languages {
                docPenalty[lane] = min(Self.documentPriorCap, (document[lane] - best) * Self.documentPriorWeight)
            }
        }
        var latinCounts = [Int](repeating: 0, count: languages)
        for clause in clauses {
            let total = clause.cost + prior + docPenalty
            var winner = 0
            for lane in 1..<languages where total[lane] < total[winner] { winner = lane }
            latinCounts[winner] += clause.words
        }
        for lane in 0..<languages { add(profile.codes[lane], latinCounts[lane]) }
        add("ru", cyrillic)
        add("ar", arabic)
        add("hi", devanagari)
        add("zh", zh)
        add("ja", ja)
        add("ko", ko)
        add("other", other)
        return LanguageShares(units: units)
    }
}
