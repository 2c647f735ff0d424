import Testing
import AssayMath

/// Closed gaps: degrees inside trig functions, number words, absolute-value inequalities, `\cap` / `\setminus`.
/// Each pair is checked in both directions (gold ↔ answer).
let gapEquivalent: [(String, String)] = [
    // Degrees inside trig functions.
    ("\\sin 30^\\circ", "\\frac12"), ("\\cos(60°)", "0.5"), ("\\tan 45^{\\circ}", "1"), ("30^\\circ", "30"),
    ("\\sin(30^{\\circ})", "\\sin\\frac{\\pi}{6}"), ("2\\cos 60^\\circ", "1"), ("\\cos 60\\degree", "\\frac{1}{2}"),
    // Number words as whole answers.
    ("two", "2"), ("Twelve", "12"), ("zero", "0"), ("forty-two", "42"), ("twenty", "20"), ("Nineteen", "19"),
    ("ninety nine", "99"),
    // Absolute-value inequalities.
    ("|x|>2", "(-\\infty,-2)\\cup(2,\\infty)"), ("|x| \\le 3", "[-3,3]"), ("|x| < 1", "(-1, 1)"),
    ("|x| \\ge 2", "(-\\infty,-2]\\cup[2,\\infty)"), ("2 < |x|", "(-\\infty,-2)\\cup(2,\\infty)"),
    ("|x| > 0", "(-\\infty,0)\\cup(0,\\infty)"), ("|x| < \\frac12", "(-0.5, 0.5)"),
    // `\cap` and `\setminus` of concrete sets.
    ("[1,5]\\cap[3,7]", "[3,5]"), ("\\{1,2,3\\}\\setminus\\{2\\}", "\\{1,3\\}"), ("\\{1,2,3\\}\\cap\\{2,3,4\\}", "\\{3, 2\\}"),
    ("\\mathbb{R}\\setminus\\{0\\}", "(-\\infty,0)\\cup(0,\\infty)"), ("[0,2]\\setminus(1,2]", "[0,1]"),
    ("[1,2]\\cap[2,3]", "\\{2\\}"), ("(0,1)\\cap(1,2)", "\\emptyset"), ("[0,4]\\cap\\{1,5\\}", "\\{1\\}"),
]

let gapDifferent: [(String, String)] = [
    ("\\sin 30", "\\frac12"), ("\\sin 30^\\circ", "\\frac{\\sqrt3}{2}"), ("\\cos(60°)", "0.6"), ("\\tan 45", "1"),
    ("two", "3"), ("twelve", "21"), ("forty-two", "24"), ("two", "two apples and three pears"),
    ("|x|>2", "(-2,2)"), ("|x| \\le 3", "(-3,3)"), ("|x| \\ge 2", "(-\\infty,-2)\\cup(2,\\infty)"), ("|x| < 1", "[-1, 1]"),
    ("|x| < -1", "(1, -1)"), ("|x| \\ge 0", "(-\\infty,0]\\cup[0,\\infty)"),
    ("[1,5]\\cap[3,7]", "[3,7]"), ("[1,5]\\cap[3,7]", "(3,5)"), ("\\{1,2,3\\}\\setminus\\{2\\}", "\\{1,2,3\\}"),
    ("\\{1,2,3\\}\\setminus\\{2\\}", "\\{1\\}"), ("\\mathbb{R}\\setminus\\{0\\}", "(-\\infty,\\infty)"),
]

@Test("gap equivalent (both directions)", arguments: gapEquivalent)
func gapEq(_ pair: (String, String)) {
    for (gold, answer) in [(pair.0, pair.1), (pair.1, pair.0)] {
        let r = MathEquivalence.compare(answer: answer, gold: gold)
        #expect(r.match == .equivalent, "gold \(gold) answer \(answer): \(r.match) \(r.reason) [\(r.gold) | \(r.answer)]")
    }
}

@Test("gap near misses stay different (both directions)", arguments: gapDifferent)
func gapNe(_ pair: (String, String)) {
    for (gold, answer) in [(pair.0, pair.1), (pair.1, pair.0)] {
        let r = MathEquivalence.compare(answer: answer, gold: gold)
        #expect(r.match != .equivalent, "gold \(gold) answer \(answer): \(r.match) \(r.reason) [\(r.gold) | \(r.answer)]")
    }
}

@Test("number words only as the whole answer")
func numberWordsWhole() {
    #expect(MathEquivalence.compare(answer: "two is the answer because", gold: "2").match != .equivalent)
    #expect(MathEquivalence.canonicalKey("Twelve") == MathEquivalence.canonicalKey("12"))
}

@Test("set operations with variables stay unparsed")
func setOperationsNotConcrete() {
    #expect(MathEquivalence.kind(of: "A \\cap B") == nil)
    #expect(MathEquivalence.kind(of: "[a,5]\\cap[3,7]") == nil)
    #expect(MathEquivalence.kind(of: "[1,5]\\cap[3,7]") == "interval")
}
