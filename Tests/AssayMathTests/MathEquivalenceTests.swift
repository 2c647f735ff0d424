import Testing
import AssayMath

/// (gold, answer) pairs that must be equivalent; every pair is also checked with roles swapped
/// unless listed in `oneWay`.
let equivalentPairs: [(String, String)] = [
    // Normalisation
    ("\\frac{1}{2}", "\\dfrac{1}{2}"), ("\\frac{1}{2}", "\\tfrac12"), ("\\frac{1}{2}", "\\frac{1}2"), ("\\frac12", "1/2"),
    ("\\frac{1}{2}", "0.5"), ("(1,2)", "\\left( 1, 2 \\right)"), ("3\\sqrt{13}", "3 \\, \\sqrt{13}"),
    ("12", "12 \\text{ cm}"), ("5", "5\\text{ dollars}"), ("5", "\\$5"), ("90", "90^\\circ"), ("90^\\circ", "90°"),
    ("90", "90 degrees"), ("50", "50\\%"), ("50\\%", "50"), ("1000", "1,000"), ("1000", "1\\,000"), ("1000", "1{,}000"),
    ("1000000", "1,000,000"), ("7", "7."), ("x^2", "x^{2}"), ("-3", "−3"), ("12", "１２"), ("\\frac{1}{2}", "\\displaystyle\\frac12"),
    ("4", "\\boxed{4}"), ("x+1", "x\\;+\\;1"), ("(1,2)", "(1,\\quad 2)"), ("1000", "1\\!000"), ("\\arcsin 1", "\\pi/2"),
    ("\\log_{3} 81", "4"), ("\\frac{1}{2}", "\\frac{1}{2}."), ("-5", "\\left(-5\\right)"), ("3", "x = 3"), ("3", "y=3"), ("[1,2]", "x\\in[1,2]"), ("5", "5 \\text{ units}^2"),
    ("10", "10\\text{ m}^2"), ("2", "2~\\text{hours}"), ("\\text{Evelyn}", "Evelyn"), ("\\text{(C)}", "C"),
    // Numbers
    ("3.2e5", "320000"), ("3.2\\times10^{5}", "320000"), ("\\frac{9}{4}", "2\\frac14"), ("\\frac{1}{3}", "0.\\overline{3}"),
    ("\\frac{1}{6}", "0.1\\overline{6}"), ("2\\sqrt{2}", "\\sqrt{8}"), ("\\frac{\\sqrt{2}}{2}", "\\frac{1}{\\sqrt2}"),
    ("\\sqrt[3]{8}", "2"), ("\\pi/2", "pi/2"), ("\\frac{\\pi}{2}", "\\pi/2"), ("e^{16}", "exp(16)"), ("\\sqrt{2}", "sqrt(2)"),
    ("-i", "1/i"), ("2i", "(1+i)^2"), ("6-5i", "6 - 5i"), ("\\infty", "\\infty"), ("\\log_2 8", "3"), ("\\ln e", "1"),
    ("|-3|", "3"), ("\\lfloor 2.5 \\rfloor", "2"), ("\\lceil 2.5 \\rceil", "3"), ("5!", "120"), ("\\binom{5}{2}", "10"),
    ("\\dbinom{5}{2}", "C(5,2)"), ("123456789012345678901234", "1.23456789012345678901234 \\times 10^{23}"), ("2^{1009}", "2^{1009}"), ("\\frac{1}{2004!}", "\\frac{1}{2004!}"), ("0", "\\sin\\pi"),
    ("\\frac{1}{3}", "0.333"), ("\\frac{2}{3}", "0.667"), ("\\pi", "3.14159265"), ("-\\frac{1}{2}", "-0.5"), (".35625", "0.35625"),
    ("\\sqrt{51}", "\\sqrt{51}"), ("288\\pi", "288 \\pi"), ("\\frac{3}{56}", "3/56"),
    // Expressions
    ("2x", "x+x"), ("p - q", "-q + p"), ("(x+1)^2", "x^2+2x+1"), ("2\\pi r", "2 r \\pi"), ("xy", "yx"), ("\\frac{x}{2}", "0.5x"),
    ("\\sin^2 x + \\cos^2 x", "1"), ("2n-2", "2(n-1)"), ("\\frac{1}{2n+2}", "\\frac{1}{2(n+1)}"), ("\\binom{2n}{n}", "\\frac{(2n)!}{(n!)^2}"),
    ("mn-\\lfloor m/2 \\rfloor", "m n - \\lfloor \\frac{m}{2} \\rfloor"), ("1 \\pm \\sqrt{2}", "1+\\sqrt2, 1-\\sqrt2"),
    // Structures
    ("\\{1,2\\}", "\\{2,1\\}"), ("(1,2)", "(1, 2)"), ("(1,2)", "1, 2"), ("1, 2", "2, 1"), ("x=1, x=2", "2,1"),
    ("(3,\\infty)", "x>3"), ("x>3", "(3,\\infty)"), ("[1,5)", "1\\le x<5"), ("(-\\infty, 2]", "x \\le 2"),
    ("(-\\infty,1)\\cup(2,\\infty)", "(2,\\infty)\\cup(-\\infty,1)"), ("(-\\infty,1)\\cup(2,\\infty)", "x<1 \\text{ or } x>2"),
    ("\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}", "\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}"),
    ("\\begin{pmatrix}1\\\\2\\end{pmatrix}", "(1,2)"), ("y=2x+1", "2x-y+1=0"), ("x=3", "3"), ("3", "x=3"),
    ("k=1", "1"), ("f(x)=2x", "2x"), ("(B)", "B"), ("B", "\\textbf{(B)}"), ("\\text{(B)}", "(B)"),
    ("(1,000, 2)", "(1000, 2)"), ("1,2", "1,2"), ("5,15", "15, 5"), ("\\left( 3, \\frac{\\pi}{2} \\right)", "(3, \\pi/2)"),
    ("(6,31,-1)", "(6, 31, -1)"), ("(-\\sqrt{3}, \\sqrt{3})", "(-\\sqrt3,\\sqrt3)"), ("[\\frac{1}{2}, 8]", "[0.5, 8]"),
    ("\\pm 2", "2, -2"), ("\\emptyset", "\\{\\}"),
]

/// Pairs that must be different.
let differentPairs: [(String, String)] = [
    ("\\frac{1}{2004!}", "\\frac{1}{2006!}"), ("10000", "10001"), ("5", "500"), ("50", "0.5"), ("\\pi", "3.14"),
    ("(1,2)", "[1,2]"), ("4", "4\\sqrt{2}"), ("y=2x+1", "y=3x+1"), ("y=2x+1", "y=2x"), ("(1,2)", "(2,1)"),
    ("3, 5", "3"), ("3, 5", "5"), ("123456789012345678901234", "1.234567890123\\times10^{23}"),
    ("\\frac{1}{3}", "0.33"), ("\\frac{1}{8}", "0.13"), ("(3,\\infty)", "[3,\\infty)"), ("x>3", "x\\ge3"), ("(1,2]", "(1,2)"),
    ("\\{1,2\\}", "\\{1,2,3\\}"), ("(B)", "C"), ("\\text{Evelyn}", "Emily"), ("2x", "2y"), ("x^2", "x^3"), ("\\sqrt{2}", "\\sqrt{3}"),
    ("-1", "1"), ("\\frac{3}{4}", "\\frac{4}{3}"), ("2i", "-2i"), ("1\\pm\\sqrt2", "1+\\sqrt2"), ("\\frac{\\pi}{2}", "90"),
    ("1000", "1001"), ("(1,2)", "(1,2,3)"), ("[1,2]", "(1,2)"), ("x=1, x=2", "1"), ("\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}", "\\begin{pmatrix}1&2\\\\4&3\\end{pmatrix}"),
    ("2x-y+1=0", "x-y+1=0"), ("0", "10^{-30}"), ("\\sin x", "\\cos x"), ("e", "2.718"),
]

@Test("equivalent pairs", arguments: equivalentPairs)
func equivalent(_ pair: (String, String)) {
    let r = MathEquivalence.compare(answer: pair.1, gold: pair.0)
    #expect(r.match == .equivalent, "gold \(pair.0) answer \(pair.1): \(r.match) \(r.reason) [\(r.gold) | \(r.answer)]")
}

@Test("different pairs", arguments: differentPairs)
func different(_ pair: (String, String)) {
    let r = MathEquivalence.compare(answer: pair.1, gold: pair.0)
    #expect(r.match == .different, "gold \(pair.0) answer \(pair.1): \(r.match) \(r.reason) [\(r.gold) | \(r.answer)]")
}

/// Swapped roles must also hold for symmetric relations (the gold still decides structure, so a few
/// deliberately asymmetric pairs are excluded).
let oneWay: Set<String> = ["1 \\pm \\sqrt{2}", "12", "5", "90", "50", "1000", "1000000", "7", "4", "3", "[1,2]", "10", "2",
                           "\\text{Evelyn}", "\\text{(C)}", "(1,2)", "\\begin{pmatrix}1\\\\2\\end{pmatrix}", "x=3",
                           "k=1", "f(x)=2x", "(B)", "B", "\\text{(B)}", "\\pm 2", "x=1, x=2", "\\frac{1}{3}", "\\frac{2}{3}",
                           "\\pi", "(3,\\infty)", "x>3", "[1,5)", "(-\\infty, 2]", "(-\\infty,1)\\cup(2,\\infty)", "[\\frac{1}{2}, 8]",
                           "e^{16}", "\\frac{1}{2}", "\\frac12", "90^\\circ", "50\\%", "(1,000, 2)", "-\\frac{1}{2}"]

@Test("equivalent pairs, swapped", arguments: equivalentPairs.filter { !oneWay.contains($0.0) })
func equivalentSwapped(_ pair: (String, String)) {
    let r = MathEquivalence.compare(answer: pair.0, gold: pair.1)
    #expect(r.match == .equivalent, "gold \(pair.1) answer \(pair.0): \(r.match) \(r.reason)")
}

@Test("different pairs, swapped", arguments: differentPairs)
func differentSwapped(_ pair: (String, String)) {
    let r = MathEquivalence.compare(answer: pair.0, gold: pair.1)
    #expect(r.match == .different, "gold \(pair.1) answer \(pair.0): \(r.match) \(r.reason)")
}
