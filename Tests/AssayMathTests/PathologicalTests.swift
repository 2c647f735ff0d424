import Testing
import AssayMath

/// Adversarial inputs: each must come back quickly as `limit` (or a clean verdict), never crash or hang.
@Suite("Pathological inputs")
struct PathologicalTests {
    func timed(_ answer: String, gold: String = "1", options: MathCompareOptions = .init()) -> (MathComparison, Duration) {
        let clock = ContinuousClock()
        var r: MathComparison?
        let d = clock.measure { r = MathEquivalence.compare(answer: answer, gold: gold, options: options) }
        return (r!, d)
    }

    @Test(arguments: ["9^{9^{9^9}}", "10^{10^{10}}", "100000!", "2^{2^{2^{2^{2^{2}}}}}", "(10^{10^{10}})!", "10^{-10^{10}}",
                      "\\binom{10^{9}}{5*10^{8}}", "99999999999!!"])
    func hugePowersAreLimit(_ s: String) {
        let (r, d) = timed(s)
        #expect(r.match == .limit, "\(s): \(r.match) \(r.reason)")
        #expect(d < .seconds(10))
        let (r2, d2) = timed("1", gold: s)
        #expect(r2.match == .limit, "gold \(s): \(r2.match) \(r2.reason)")
        #expect(d2 < .seconds(10))
    }

    @Test func tenThousandNestedParens() {
        let s = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        let (r, d) = timed(s)
        #expect(r.match == .limit, "\(r.reason)")
        #expect(d < .seconds(10))
    }

    @Test func deepFractions() {
        var s = "1"
        for _ in 0..<2_000 { s = "\\frac{" + s + "}{2}" }
        let (r, d) = timed(s)
        #expect(r.match == .limit, "\(r.reason)")
        #expect(d < .seconds(10))
    }

    @Test func oneMegabyte() {
        let s = String(repeating: "1+", count: 500_000) + "1"
        let (r, d) = timed(s)
        #expect(r.match == .limit)
        #expect(d < .seconds(10))
    }

    @Test func longFlatSumIsBoundedNotCrash() {
        let s = String(repeating: "1+", count: 9_000) + "1"
        let (r, d) = timed(s, gold: "9001")
        #expect(r.match == .limit || r.match == .equivalent, "\(r.match) \(r.reason)")
        #expect(d < .seconds(10))
    }

    @Test func manyUnaryMinus() {
        let s = String(repeating: "-", count: 10_000) + "1"
        let (r, _) = timed(s)
        #expect(r.match == .limit)
    }

    @Test func hugeLiteral() {
        let s = String(repeating: "9", count: 6_000)
        let (r, _) = timed(s)
        #expect(r.match == .limit)
    }

    @Test func expiredDeadlineIsLimit() {
        var o = MathCompareOptions()
        o.budget.deadline = ContinuousClock.now - .seconds(1)
        let s = (0..<200).map { "x^{\($0)}" }.joined(separator: "+")
        let (r, _) = timed(s, gold: s + "+1", options: o)
        #expect(r.match == .limit, "\(r.reason)")
    }

    @Test func garbageIsUnparsableNotCrash() {
        for s in ["\\frac{", "((((", "}}}{{{", "\\begin{pmatrix}1&2", "^^^", "\\sqrt", "1/0", "\\left(", "x==", "@#!"] {
            let r = MathEquivalence.compare(answer: s, gold: "2")
            #expect(r.match != .equivalent, "\(s): \(r.match)")
        }
        #expect(MathEquivalence.compare(answer: "2", gold: "").match == .unparsableGold)
        #expect(MathEquivalence.compare(answer: "", gold: "2").match == .unparsableAnswer)
        #expect(MathEquivalence.compare(answer: "@@", gold: "2").match == .unparsableAnswer)
    }

    @Test func concurrentUseIsSafe() async {
        await withTaskGroup(of: Bool.self) { group in
            for k in 0..<64 {
                group.addTask {
                    MathEquivalence.compare(answer: "\\frac{\(k)}{2}", gold: "\(Double(k) / 2)").match == .equivalent
                }
            }
            for await ok in group { #expect(ok) }
        }
    }
}
