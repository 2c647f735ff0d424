/// How much of a text is written in each language.
///
/// Units are words for space-separated scripts (Latin, Cyrillic, Arabic,
/// Devanagari, other alphabets) and characters for CJK (Han, kana, Hangul).
public struct LanguageShares: Sendable, Equatable {
    /// Language code → counted units (words, or characters for CJK).
    ///
    /// Codes: `"en"`, `"fr"`, `"de"`, `"es"`, `"it"`, `"pt"`, `"ru"` (any Cyrillic),
    /// `"ar"` (Arabic script), `"hi"` (Devanagari), `"zh"`, `"ja"`, `"ko"`, `"other"`.
    public var units: [String: Double]
    /// Sum of all units.
    public var total: Double

    /// Creates shares from per-language units; `total` is their sum.
    public init(units: [String: Double]) {
        self.units = units
        self.total = units.values.reduce(0, +)
    }

    /// Creates shares with an explicit total (normally the sum of `units`).
    public init(units: [String: Double], total: Double) {
        self.units = units
        self.total = total
    }

    /// Script-level aggregate codes accepted by ``share(of:)`` in addition to language codes.
    public static let aggregates: [String: [String]] = [
        "latin": LanguageShares.latinCodes,
        "cyrillic": ["ru"],
        "arabic": ["ar"],
        "devanagari": ["hi"],
        "cjk": ["zh", "ja", "ko"],
    ]

    /// Codes of the Latin-script languages the identifier distinguishes.
    public static let latinCodes: [String] = ["en", "fr", "de", "es", "it", "pt", "latin-other"]

    /// Units of `code` (a language code or a script aggregate such as `"latin"`).
    public func units(of code: String) -> Double {
        if let members = Self.aggregates[code] {
            return members.reduce(0) { $0 + (units[$1] ?? 0) }
        }
        return units[code] ?? 0
    }

    /// Fraction (0…1) of the text in `code`; `0` when `total == 0`.
    ///
    /// `code` may be a language code (`"en"`) or a script aggregate:
    /// `"latin"`, `"cyrillic"`, `"arabic"`, `"devanagari"`, `"cjk"`.
    public func share(of code: String) -> Double {
        guard total > 0 else { return 0 }
        return units(of: code) / total
    }

    /// The code with the most units, or `nil` for an empty text.
    public var dominant: String? {
        units.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }?.key
    }
}
