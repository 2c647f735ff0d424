@testable import AssayMath
import Testing

/// The non-ASCII (`Character`) paths of normalisation, which compare small codes and look up a table instead of
/// comparing `Character`s one by one: the results must be those of whole-character matching.
@Suite("Unicode normalisation paths")
struct UnicodeNormalizationTests {
    @Test(arguments: [
        ("\\textbf{(B)} é", "{(B)} é"),
        ("\\text{é} × 2", "{é} × 2"),
        // Wrappers are removed one after another: removing the inner `\text` leaves a `\text` that stays.
        ("\\te\\textxt{x} ü", "\\text{x} ü"),
        ("\\mathrm{m}\\mathbf{v}\\emph{ö}", "{m}{v}{ö}"),
        // `t` + a combining accent is another character, so this is no `\text`.
        ("\\text\u{301}{a}", "\\text\u{301}{a}"),
        ("no wrapper here ä", "no wrapper here ä"),
        ("\\", "\\"),
    ])
    func wrappersAreRemovedAsWholeCharacters(input: String, expected: String) {
        #expect(TextMatch.withoutWrappers(input) == expected)
    }

    @Test func choiceLettersAndKeysOfNonASCIIText() {
        #expect(TextMatch.choiceLetter("\\textbf{(Ç)}") == nil)
        #expect(TextMatch.choiceLetter("\\textbf{(C)} é") == nil)
        #expect(TextMatch.choiceLetter("（C）") == nil)  // full-width parentheses are not stripped here
        #expect(TextMatch.key("\\text{Ünïcode}, yes") == "ünïcodeyes")
    }

    @Test func scalarsMapByCanonicalEquivalence() {
        #expect(Normalizer.mapScalar("≠") == "\\ne ")
        #expect(Normalizer.mapScalar("=\u{338}") == "\\ne ")  // canonically equal to ≠
        #expect(Normalizer.mapScalar("−") == "-")
        #expect(Normalizer.mapScalar("－") == "-")
        #expect(Normalizer.mapScalar("Ａ") == "A")  // full-width ASCII
        #expect(Normalizer.mapScalar("\t") == " ")
        #expect(Normalizer.mapScalar("\r\n") == nil)  // one character, neither \r nor \n
        #expect(Normalizer.mapScalar("a") == nil)
        #expect(Normalizer.mapScalar("é") == nil)
        #expect(Normalizer.mapScalar("\u{7F}") == nil)
    }
}
