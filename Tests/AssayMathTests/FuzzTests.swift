import Testing
import AssayMath

/// Seeded random token soup: the comparator must never crash and must stay fast.
@Suite("Fuzz")
struct FuzzTests {
    static let pieces = ["1", "2", "0", "9", "x", "y", "e", "i", "\\pi", "+", "-", "*", "/", "^", "(", ")", "[", "]", "{", "}",
                         "\\{", "\\}", ",", "=", "<", "\\le", "\\frac", "\\sqrt", "\\binom", "!", "|", "\\infty", "\\cup",
                         "\\left(", "\\right)", "\\text{cm}", "\\text{or}", "0.", "\\overline{3}", "_", "\\sin", "\\log",
                         "\\begin{pmatrix}", "\\end{pmatrix}", "&", "\\\\", "\\pm", ".", "%", "$", "\\,", "1,000", "−", "°",
                         "\\lfloor", "\\rfloor", "10^{10}", "99!", "\\dfrac12", "2\\frac14", " "]

    struct Rng {
        var s: UInt64
        mutating func next(_ n: Int) -> Int {
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Int((s >> 33) % UInt64(n))
        }
    }

    @Test func randomSoupNeverCrashes() {
        var rng = Rng(s: 42)
        let clock = ContinuousClock()
        var worst = Duration.zero
        var counts: [String: Int] = [:]
        for _ in 0..<3_000 {
            let n = 1 + rng.next(12)
            let a = (0..<n).map { _ in Self.pieces[rng.next(Self.pieces.count)] }.joined()
            let m = 1 + rng.next(6)
            let g = (0..<m).map { _ in Self.pieces[rng.next(Self.pieces.count)] }.joined()
            var r: MathComparison?
            let d = clock.measure { r = MathEquivalence.compare(answer: a, gold: g) }
            worst = max(worst, d)
            counts[r!.match.rawValue, default: 0] += 1
            _ = MathEquivalence.canonicalKey(a)
        }
        print("fuzz: outcomes \(counts.sorted { $0.key < $1.key }), worst \(worst)")
        #expect(worst < .seconds(10))
    }

    @Test func deepButAllowedInsideTasks() async {
        let nested = String(repeating: "(", count: 200) + "x+1" + String(repeating: ")", count: 200)
        let chain = String(repeating: "x+", count: 400) + "x"
        let fracs = (0..<60).reduce("x") { s, _ in "\\frac{" + s + "}{2}" }
        await withTaskGroup(of: MathMatch.self) { group in
            for s in [nested, chain, fracs] {
                group.addTask { MathEquivalence.compare(answer: s, gold: s + "+0").match }
            }
            for await m in group { #expect(m == .equivalent || m == .limit) }
        }
    }
}
