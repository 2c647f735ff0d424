/// Measures how much of a text is written in each language — the basis of a
/// "language consistency" reward (DeepSeek-R1): reward the share of a target language.
///
/// Pipeline:
/// 1. Optionally clean the text with ``LanguageTextCleaner`` (code, math, URLs,
///    e-mail addresses, numbers and tags do not count).
/// 2. Classify every letter by Unicode script. Cyrillic, Arabic, Devanagari and
///    other alphabets are counted in words; Han, kana and Hangul in characters
///    (Han counts as Japanese inside a sentence that contains kana, else Chinese).
/// 3. Latin words are grouped into sentences/clauses; each clause is scored with
///    character-trigram log-likelihood profiles (built from Debian word lists by
///    `scripts/build-language-profiles.py`) plus a function-word bonus, nudged by
///    a bounded document-level prior and a small English prior, and all its words
///    go to the winning language.
public enum LanguageIdentifier {
    /// Every language code that ``shares(in:clean:)`` can report.
    public static let codes: [String] = [
        "en", "fr", "de", "es", "it", "pt", "ru", "ar", "hi", "zh", "ja", "ko", "other",
    ]

    /// Per-language units in `text`.
    ///
    /// Codes: `"en"`, `"fr"`, `"de"`, `"es"`, `"it"`, `"pt"` (Latin script),
    /// `"ru"` (any Cyrillic), `"ar"` (Arabic script), `"hi"` (Devanagari),
    /// `"zh"`, `"ja"`, `"ko"` (characters), `"other"` (Greek, Hebrew, Thai, …).
    /// - Parameters:
    ///   - text: the text to measure.
    ///   - clean: remove code, math, URLs, e-mail addresses, numbers and tags first.
    /// - Returns: the units per language; languages with no units are absent.
    public static func shares(in text: String, clean: Bool = true) -> LanguageShares {
        var copy = text
        return copy.withUTF8 { raw in
            if clean {
                let cleaned = LanguageTextCleaner.cleanBytes(raw)
                return cleaned.withUnsafeBufferPointer { count($0) }
            }
            return count(raw)
        }
    }

    static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> LanguageShares {
        var counter = LanguageCounter(profile: LanguageProfile.shared)
        counter.scan(bytes)
        return counter.result()
    }
}
