/// Unicode script classes the identifier distinguishes.
enum LanguageScript: UInt8, Sendable {
    case none, latin, cyrillic, arabic, devanagari, han, kana, hangul, other
    /// Combining mark: continues the current word whatever its script.
    case mark

    /// Classifies one Unicode scalar value by range (no table lookups for ASCII).
    @inline(__always)
    static func of(_ v: UInt32) -> LanguageScript {
        if v < 0x80 {
            let l = v | 0x20
            return (l >= 0x61 && l <= 0x7A) ? .latin : .none
        }
        if v < 0x250 {
            if v < 0xC0 { return (v == 0xAA || v == 0xBA || v == 0xB5) ? .latin : .none }
            return (v == 0xD7 || v == 0xF7) ? .none : .latin
        }
        if v < 0x370 {
            if v >= 0x300 { return .mark }
            return v < 0x2B0 ? .latin : .none  // IPA extensions vs modifier letters
        }
        if v < 0x400 { return v >= 0x386 ? .other : .none }  // Greek
        if v < 0x530 { return (v >= 0x483 && v <= 0x489) ? .mark : .cyrillic }
        if v < 0x600 { return isLetter(v) ? .other : .none }  // Armenian, Hebrew
        if v < 0x700 {
            if (v >= 0x660 && v <= 0x669) || (v >= 0x6F0 && v <= 0x6F9) { return .none }  // digits
            return isLetter(v) || isMark(v) ? .arabic : .none
        }
        if v >= 0x750 && v < 0x780 { return .arabic }
        if v >= 0x8A0 && v < 0x900 { return .arabic }
        if v >= 0x900 && v < 0x980 {
            if v == 0x964 || v == 0x965 || (v >= 0x966 && v <= 0x96F) { return .none }  // danda, digits
            return .devanagari
        }
        if v >= 0x1E00 && v < 0x1F00 { return .latin }
        if v >= 0x1100 && v < 0x1200 { return .hangul }
        if v >= 0x2C60 && v < 0x2C80 { return .latin }
        if v >= 0x2DE0 && v < 0x2E00 { return .cyrillic }
        if v >= 0x3040 && v < 0x3100 {
            if v == 0x30FB { return .none }  // katakana middle dot
            return .kana
        }
        if v >= 0x3130 && v < 0x3190 { return .hangul }
        if v >= 0x31F0 && v < 0x3200 { return .kana }
        if v == 0x3005 || v == 0x3007 { return .han }
        if v >= 0x3400 && v < 0x4DC0 { return .han }
        if v >= 0x4E00 && v < 0xA000 { return .han }
        if v >= 0xA640 && v < 0xA6A0 { return .cyrillic }
        if v >= 0xA720 && v < 0xA800 { return .latin }
        if v >= 0xA8E0 && v < 0xA900 { return .devanagari }
        if v >= 0xA960 && v < 0xA980 { return .hangul }
        if v >= 0xAC00 && v < 0xD7B0 { return .hangul }
        if v >= 0xD7B0 && v < 0xD800 { return .hangul }
        if v >= 0xF900 && v < 0xFB00 { return .han }
        if v >= 0xFB50 && v < 0xFE00 { return .arabic }
        if v >= 0xFE20 && v < 0xFE30 { return .mark }
        if v >= 0xFE70 && v < 0xFF00 { return .arabic }
        if v >= 0xFF21 && v <= 0xFF3A { return .latin }
        if v >= 0xFF41 && v <= 0xFF5A { return .latin }
        if v >= 0xFF66 && v <= 0xFF9F { return .kana }
        if v >= 0x20000 && v < 0x32000 { return .han }
        if v >= 0x1C80 && v < 0x1C90 { return .cyrillic }
        if v >= 0x1F00 && v < 0x2000 { return .other }  // Greek extended
        if v >= 0x1AB0 && v < 0x1B00 { return .mark }
        if v >= 0x1DC0 && v < 0x1E00 { return .mark }
        if v >= 0x20D0 && v < 0x2100 { return .mark }
        if isMark(v) { return .mark }
        return isLetter(v) ? .other : .none
    }

    @inline(never)
    static func isLetter(_ v: UInt32) -> Bool {
        guard let s = Unicode.Scalar(v) else { return false }
        return s.properties.isAlphabetic
    }

    @inline(never)
    static func isMark(_ v: UInt32) -> Bool {
        guard let s = Unicode.Scalar(v) else { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Lower-cases a Latin scalar (ASCII, Latin-1, Latin Extended-A pairs).
    @inline(__always)
    static func lowerLatin(_ v: UInt32) -> UInt32 {
        if v < 0x80 { return v | 0x20 }
        if v >= 0xC0 && v <= 0xDE && v != 0xD7 { return v + 0x20 }
        if v >= 0x100 && v < 0x138 { return v | 1 }
        if v >= 0xFF21 && v <= 0xFF3A { return v - 0xFF21 + 0x61 }
        if v >= 0xFF41 && v <= 0xFF5A { return v - 0xFF41 + 0x61 }
        return v
    }
}
