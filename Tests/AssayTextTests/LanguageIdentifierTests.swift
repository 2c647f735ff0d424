import Foundation
import Testing

@testable import AssayText

@Suite("LanguageIdentifier")
struct LanguageIdentifierTests {
    // MARK: Real-text accuracy

    static let mathDir = LanguageTestCorpus.mathDatasetDirectory()
    static let hasMath = FileManager.default.fileExists(atPath: mathDir.appendingPathComponent("math500.jsonl").path)

    /// Fraction of texts whose share of `code` is at least `threshold`.
    static func accuracy(_ texts: [String], code: String, threshold: Double) -> Double {
        let hits = texts.filter { LanguageIdentifier.shares(in: $0).share(of: code) >= threshold }.count
        return Double(hits) / Double(max(1, texts.count))
    }

    @Test("MATH-500 problems are English (measured 0.968 with en share >= 0.8)",
          .enabled(if: hasMath, "shared/datasets/math/math500.jsonl not found beside the repository"))
    func math500English() throws {
        let problems = try #require(LanguageTestCorpus.jsonlField(
            Self.mathDir.appendingPathComponent("math500.jsonl"), field: "problem"))
        #expect(problems.count >= 400)
        #expect(Self.accuracy(problems, code: "en", threshold: 0.8) >= 0.95)
    }

    @Test("GSM8K questions are English (measured 1.000 with en share >= 0.8)",
          .enabled(if: hasMath, "shared/datasets/math/gsm8k_test.jsonl not found beside the repository"))
    func gsm8kEnglish() throws {
        let questions = try #require(LanguageTestCorpus.jsonlField(
            Self.mathDir.appendingPathComponent("gsm8k_test.jsonl"), field: "question"))
        #expect(questions.count >= 1000)
        #expect(Self.accuracy(questions, code: "en", threshold: 0.8) >= 0.98)
    }

    /// Measured accuracy (share of the language >= 0.5) on 200 sentences of translated man pages:
    /// fr 0.955, de 1.000, es 0.970, it 0.965, pt 0.890 (pt_BR text vs a European-Portuguese word list).
    static let manThresholds: [(String, Double)] = [
        ("fr", 0.92), ("de", 0.97), ("es", 0.93), ("it", 0.93), ("pt", 0.85),
    ]

    static func manInstalled(_ language: String) -> Bool {
        guard let locale = LanguageTestCorpus.manLocales[language] else { return false }
        return FileManager.default.fileExists(atPath: "/usr/share/man/\(locale.dir)/man1")
    }

    @Test("Translated man-page prose is identified",
          arguments: manThresholds)
    func manPageProse(language: String, threshold: Double) throws {
        let package = LanguageTestCorpus.manLocales[language]!.package
        guard Self.manInstalled(language), let sentences = LanguageTestCorpus.manSentences(language, count: 200)
        else {
            print("SKIPPED \(language): install the Debian package \(package) (apt-get install \(package))")
            return
        }
        let accuracy = Self.accuracy(sentences, code: language, threshold: 0.5)
        print("man-page accuracy \(language): \(accuracy) on \(sentences.count) sentences")
        #expect(accuracy >= threshold, "\(language) accuracy \(accuracy)")
    }

    // MARK: Latin languages on hand-written sentences

    @Test func shortEnglishMath() {
        let s = LanguageIdentifier.shares(in: "Let $x$ be 5. Then the answer is \\boxed{42}.")
        #expect(s.share(of: "en") == 1)
        #expect(s.units["en"] == 6)  // Let be Then the answer is
    }

    @Test(arguments: [
        ("The quick brown fox jumps over the lazy dog while the farmer watches.", "en"),
        ("Le renard brun saute par-dessus le chien paresseux pendant que le fermier regarde.", "fr"),
        ("Der schnelle braune Fuchs springt über den faulen Hund, während der Bauer zusieht.", "de"),
        ("El rápido zorro marrón salta sobre el perro perezoso mientras el granjero mira.", "es"),
        ("La volpe marrone veloce salta sopra il cane pigro mentre il contadino guarda.", "it"),
        ("A raposa marrom rápida pula sobre o cão preguiçoso enquanto o fazendeiro observa.", "pt"),
    ])
    func latinSentences(text: String, code: String) {
        #expect(LanguageIdentifier.shares(in: text).dominant == code)
    }

    // MARK: Scripts

    @Test func scripts() {
        #expect(LanguageIdentifier.shares(in: "Привет, как у тебя дела сегодня?").units == ["ru": 6])
        #expect(LanguageIdentifier.shares(in: "مرحبا كيف حالك اليوم").units == ["ar": 4])
        #expect(LanguageIdentifier.shares(in: "नमस्ते आप कैसे हैं").units == ["hi": 4])
        #expect(LanguageIdentifier.shares(in: "我们今天学习数学。").units == ["zh": 8])
        #expect(LanguageIdentifier.shares(in: "私は学生です。").units == ["ja": 6])
        #expect(LanguageIdentifier.shares(in: "안녕하세요 반갑습니다").units == ["ko": 10])
        #expect(LanguageIdentifier.shares(in: "Καλημέρα κόσμε").units == ["other": 2])
        let cjk = LanguageIdentifier.shares(in: "数学。すうがく。수학")
        #expect(cjk.share(of: "cjk") == 1)
        #expect(cjk.units == ["zh": 2, "ja": 4, "ko": 2])
    }

    @Test func aggregates() {
        let s = LanguageIdentifier.shares(in: "Le chat dort. The dog runs. Привет мир")
        #expect(s.share(of: "latin") == 6.0 / 8.0)
        #expect(s.share(of: "cyrillic") == 2.0 / 8.0)
        #expect(s.share(of: "arabic") == 0)
        #expect(s.share(of: "devanagari") == 0)
    }

    @Test func mixedEnglishChinese() {
        // 11 English words and 11 Han characters.
        let s = LanguageIdentifier.shares(
            in: "We compute the sum of the first ten positive integers here. 我们计算前十个正整数和。")
        #expect(s.units["en"] == 11)
        #expect(s.units["zh"] == 11)
        #expect(abs(s.share(of: "en") - 0.5) < 1e-9)
        #expect(abs(s.share(of: "zh") - 0.5) < 1e-9)
    }

    @Test func empty() {
        let s = LanguageIdentifier.shares(in: "")
        #expect(s.total == 0)
        #expect(s.share(of: "en") == 0)
        #expect(LanguageIdentifier.shares(in: "12345 $x^2$ ``` code ```").total == 0)
    }

    // MARK: Cleaning

    @Test func cleaningRemovesNonLanguage() {
        let text = """
            Here is the code:
            ```swift
            let value = compute(x: 1, y: 2) // lots of identifiers here
            ```
            The value $\\frac{a}{b}$ and $$\\int_0^1 f(x)\\,dx$$ and \\(y\\) and \\[z\\] equal 3.14.
            \\begin{align} a &= b \\\\ c &= d \\end{align}
            See https://example.com/path?q=1 or mail me@example.org now. <think>ok</think> `inline_code` \\sqrt{2}
            """
        let cleaned = LanguageTextCleaner.clean(text)
        for banned in ["let", "compute", "frac", "int", "align", "https", "example", "think", "inline", "sqrt", "3", "14"] {
            #expect(!cleaned.contains(banned), "\(banned) survived: \(cleaned)")
        }
        let s = LanguageIdentifier.shares(in: text)
        // Here is the code / The value and and and equal / See or mail now ok
        #expect(s.units == ["en": 15])
        #expect(LanguageIdentifier.shares(in: text, clean: false).total > 30)
    }

    @Test func unclosedDelimiters() {
        #expect(LanguageTextCleaner.clean("cost $5 and more") == "cost    and more")
        #expect(LanguageIdentifier.shares(in: "The text `goes on and on").units == ["en": 6])
        #expect(LanguageIdentifier.shares(in: "Start \\begin{proof} the proof never ends").units == ["en": 5])
        #expect(LanguageIdentifier.shares(in: "Words before ```python\nprint(1)").units == ["en": 2])
    }

    @Test(arguments: ["$", "\\begin{", "`", "``", "\\(", "<a ", "\\frac{", "a@b."])
    func adversarialIsFast(piece: String) {
        let text = String(repeating: piece, count: (1 << 20) / piece.utf8.count)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = LanguageIdentifier.shares(in: text) }
        #expect(elapsed < .seconds(10), "\(piece): \(elapsed)")
    }
}
