import Testing
import AssayMath

/// More realistic answer shapes seen in model outputs.
let edgeEquivalent: [(String, String)] = [
    ("\\frac{1}{9}", "1/9"), ("\\frac{\\sqrt{2}}{2}", "\\sqrt{2}/2"), ("18.90", "\\$18.90"), ("18", "18 oranges"),
    ("-\\frac{2}{3}", "\\frac{-2}{3}"), ("\\dfrac{\\sqrt{3}}{3}", "\\frac{1}{\\sqrt{3}}"), ("10\\sqrt{2}", "\\sqrt{200}"),
    ("x \\in (-\\infty, 3)", "x<3"), ("y = -\\frac{1}{2}x + 3", "y=-0.5x+3"), ("2x + 3y = 6", "y = 2 - \\frac{2}{3}x"),
    ("\\{-2, 2\\}", "\\pm 2"), ("1, -1", "\\pm 1"), ("\\text{Even}", "\\textbf{even}"), ("7", "7\\%"), ("6.25", "6\\frac14"),
    ("\\log_2 5", "\\frac{\\ln 5}{\\ln 2}"), ("2^{100}", "1267650600228229401496703205376"), ("\\mathbb{R}", "(-\\infty,\\infty)"),
    ("1, 2", "x=1 \\text{ or } x=2"), ("1, 2", "x = 1, 2"), ("1, 2", "1 and 2"), ("5", "5\\mathrm{cm}"), ("5", "= 5"),
    ("\\lvert -4 \\rvert", "4"), ("\\begin{vmatrix}1&2\\\\3&4\\end{vmatrix}", "-2"), ("\\frac{1}{2}", "\\left.\\frac{1}{2}\\right."),
    ("204_5", "54"), ("\\sqrt{3}", "3^{1/2}"), ("\\sqrt{3}", "\\sqrt 3"), ("2\\sqrt{3}", "\\sqrt{12}"),
    ("\\cos\\frac{\\pi}{3}", "\\frac{1}{2}"), ("\\tan^{-1} 1", "\\frac{\\pi}{4}"), ("\\arctan 1", "\\pi/4"),
    ("(1+\\sqrt{5})/2", "\\frac{1+\\sqrt5}{2}"), ("\\frac{a+b}{2}", "\\frac{b+a}{2}"), ("n(n+1)/2", "\\frac{n^2+n}{2}"),
    ("0.1", "\\frac{1}{10}"), ("3\\times 10^{-4}", "0.0003"), ("3 \\cdot 4", "12"), ("a_1 + a_2", "a_{2}+a_{1}"),
    ("\\frac{3}{2}", "1\\tfrac{1}{2}"), ("x = \\pm 2", "x = 2 \\text{ or } x = -2"), ("\\pm 2", "x=2, x=-2"), ("\\sqrt{2}", "√2"),
    ("2\\sqrt{3}", "2√3"), ("x^2", "x²"), ("i", "\\sqrt{-1}"), ("3+4i", "4i+3"), ("\\frac{1}{7}", "0.\\overline{142857}"),
    ("2^{2023}", "4^{1011.5}"), ("\\frac{1}{2}", "\\frac{1}{2} \\text{ of the pie}"), ("11,\\! 111,\\! 111,\\! 100", "11111111100"), ("(-\\infty, 0) \\cup\\{1\\}", "\\{1\\} \\cup (-\\infty,0)"), ("x^2-1", "(x-1)(x+1)"), ("\\frac{1}{x}", "x^{-1}"), ("\\sqrt{x^2}", "|x|"),
]

let edgeDifferent: [(String, String)] = [
    ("4:30", "430"), ("\\frac{1}{4}", "25\\%"), ("\\text{even}", "odd"), ("\\{1,2\\}", "\\{1\\}"), ("(1, 2)", "\\{1,2\\}"),
    ("y = 2x", "x = 2y"), ("x > 3", "x < 3"), ("[1, 2]", "[1, 3]"), ("\\frac{\\pi}{4}", "45"), ("0.5", "0.50001"),
    ("1.5", "1.4"), ("2", "\\sqrt{4.01}"), ("x+1", "x+1.0001"), ("\\log 100", "\\ln 100"), ("\\sqrt{x^2}", "x"),
    ("n!", "n^n"), ("5", "5, 5"), ("2", "2 \\text{ and } 3"), ("\\lfloor n/2 \\rfloor", "\\lceil n/2 \\rceil"), ("0", "0.0000001"), ("1000", "1,000,000"),
]

@Test("edge equivalent", arguments: edgeEquivalent)
func edgeEq(_ pair: (String, String)) {
    let r = MathEquivalence.compare(answer: pair.1, gold: pair.0)
    #expect(r.match == .equivalent, "gold \(pair.0) answer \(pair.1): \(r.match) \(r.reason) [\(r.gold) | \(r.answer)]")
}

@Test("edge different", arguments: edgeDifferent)
func edgeNe(_ pair: (String, String)) {
    let r = MathEquivalence.compare(answer: pair.1, gold: pair.0)
    #expect(r.match == .different, "gold \(pair.0) answer \(pair.1): \(r.match) \(r.reason) [\(r.gold) | \(r.answer)]")
}

@Test func ambiguousPairGoldAcceptsOpenIntervalForms() {
    #expect(MathEquivalence.compare(answer: "1<x<2", gold: "(1,2)").match == .equivalent)
    #expect(MathEquivalence.compare(answer: "1\\le x<2", gold: "(1,2)").match == .different)
    #expect(MathEquivalence.compare(answer: "[1,2)", gold: "(1,2)").match == .different)
}

@Test func reportFields() {
    let r = MathEquivalence.compare(answer: "\\dfrac{2}{4}", gold: "\\frac12")
    #expect(r.match == .equivalent)
    #expect(r.kind == "number")
    #expect(!r.reason.isEmpty)
    #expect(MathEquivalence.compare(answer: "(1,2)", gold: "[1,2]").kind == "interval")
    #expect(MathEquivalence.compare(answer: "x", gold: "y=2x+1").kind == "equation")
    #expect(MathEquivalence.compare(answer: "x", gold: "x<3").kind == "inequality")
    #expect(MathEquivalence.compare(answer: "x", gold: "\\text{(B)}").kind == "choice")
    #expect(MathEquivalence.compare(answer: "x", gold: "\\text{Evelyn}").kind == "text")
    #expect(MathEquivalence.compare(answer: "x", gold: "x^2+1").kind == "expression")
    #expect(MathEquivalence.compare(answer: "x", gold: "\\begin{pmatrix}1&2\\end{pmatrix}").kind == "matrix")
    #expect(MathEquivalence.kind(of: "\\{1,2\\}") == "set")
    #expect(MathEquivalence.kind(of: "(1,2)\\cup(3,4)") == "union")
}

@Test func truncatedAnswerIsUnparsableNotEquivalent() {
    #expect(MathEquivalence.compare(answer: "\\frac{1}{2", gold: "\\frac{1}{2}").match == .unparsableAnswer)
    #expect(MathEquivalence.compare(answer: "\\boxed{15\\mbox{ cm}^2}", gold: "15").match == .equivalent)
}
