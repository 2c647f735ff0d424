import BigInt
@testable import AssayMath
import Testing

/// Inputs found by `scripts/fuzz` (libFuzzer, Fuzz/). Each must come back fast with a sane result.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// `integerRoot(x, n)` with a small x and a large n started Newton's iteration at 1 and cycled 1 → 3 → 2 → 1 for
    /// 200 rounds of n-th powers: a rational base to a rational power with denominator 997 (as at the evaluation
    /// points, n/997) cost ~40 ms per point, so a 16-byte gold undefined at every point took 0.3–0.7 s, and a
    /// 51-digit base over 5 s (a libFuzzer timeout).
    @Test func integerRootOfSmallNumberWithLargeIndexIsImmediate() {
        let clock = ContinuousClock()
        let elapsed = (0..<3).map { _ in clock.measure {
            #expect(integerRoot(2718, 997) == nil)
            #expect(integerRoot(7, 997) == nil)
            #expect(integerRoot(10, 997) == nil)
            #expect(Rational(2718, 997).exactRoot(997) == nil)
        } }.min()!
        #expect(elapsed < .milliseconds(25), "\(elapsed)")  // before the fix: ~120 ms
        // Exact roots are still found, including the edge n = bit width − 1 (x = 2ⁿ).
        #expect(integerRoot(1024, 10) == 2)
        #expect(integerRoot(1 << 60, 60) == 2)
        #expect(integerRoot(27, 3) == 3)
        #expect(integerRoot(1, 997) == 1)
        #expect(Rational(8, 27).exactRoot(3) == Rational(2, 3))
    }

    /// Minimised from `\ff\fr%a^\cir%a^\cir0`, `qqu\sq^xtr1{}` and `0.70^ra\frac{1}{200!}{}4^2{6}` (0.5–0.7 s each
    /// under the fuzzer): a rational base to a variable power, decided at the first point or, with the empty group
    /// `{}`, undefined at every point so that all of them are evaluated. Each now takes well under a millisecond. (The
    /// rest of the third input's time is `200!` recomputed at every point: bounded, not fixed here.)
    @Test(arguments: [
        ("x", #"qqu\sq^xtr1{}"#),
        ("x", "q^x{}"),
        ("im", "(2718/997)^r{}"),
        ("x", #"\sq^xtr1"#),
        ("x", "q^x"),
        // A libFuzzer timeout (> 5 s): the 997th root of a 51-digit integer at every point.
        ("n", "n^n" + String(repeating: "6", count: 51) + "^n"),
    ])
    func rationalPowersAtEvaluationPointsAreFast(answer: String, gold: String) {
        // Best of three, so a busy machine or a first call's warm-up does not count (before the fix: 40–700 ms).
        let clock = ContinuousClock()
        var result: MathComparison?
        let elapsed = (0..<3).map { _ in clock.measure { result = MathEquivalence.compare(answer: answer, gold: gold) } }.min()!
        #expect(result?.match == .different)
        #expect(elapsed < .milliseconds(25), "\(elapsed)")
    }

    @Test func rationalPowerStillExactWhenTheRootIs() {
        #expect(MathEquivalence.compare(answer: "2", gold: "8^{1/3}").match == .equivalent)
        #expect(MathEquivalence.compare(answer: "4/9", gold: #"\left(\frac{8}{27}\right)^{2/3}"#).match == .equivalent)
    }

    /// From `scripts/fuzz` (a stack overflow): a gold with `∓` inside a two-argument function. `hasPlusMinus` saw the
    /// sign, but the expansion left two-argument functions (and factorials) as they were, so the one "alternative"
    /// was the gold itself, compared again without end: `equal` → `unordered` → `equal` … until the stack ran out.
    @Test func aSignTheExpansionCannotReachNoLongerRecursesForever() {
        let gold = #"\binom{slc!eil49lc!ei\l\sin0eil49lc!e\lo9670\mp32053kn}{i}"#
        #expect(MathEquivalence.compare(answer: "10", gold: gold).match == .different)
        _ = MathEquivalence.canonicalKey(gold)
        // Signs inside multi-argument functions and factorials are expanded now.
        #expect(MathEquivalence.compare(answer: "6, 1", gold: #"\binom{3 \pm 1}{2}"#).match == .equivalent)
        #expect(MathEquivalence.compare(answer: "120, 6", gold: #"(4 \pm 1)!"#).match == .equivalent)
        #expect(MathEquivalence.compare(answer: "120", gold: #"(4 \pm 1)!"#).match != .equivalent)
    }

    /// Forty signs would be 2⁴⁰ alternatives; more than four (16) are not expanded at all, before any is built.
    @Test func manySignsAreNotExpanded() {
        let gold = "1" + String(repeating: #" \pm 1"#, count: 40)
        let result = MathEquivalence.compare(answer: "41", gold: gold)
        #expect(result.match != .equivalent)
        #expect(MathExpr.plusMinus(nil, .variable("x")).plusMinusCount(stoppingAfter: 4) == 1)
    }

    /// From `scripts/fuzz` (a timeout): `020001e00810^z` at the evaluation points z = p/997 asked for the 997th root of
    /// an 815-digit integer. Newton started below the root, overshot to ~10³⁶ and then crept down by a factor
    /// 996/997 a step, each step a 996th power of a 120,000-bit number: seconds per point.
    @Test func rootsOfLargeIntegersStartNewtonFromAbove() {
        let x = BigUInt(20001) * BigUInt(10).power(810)
        let clock = ContinuousClock()
        let elapsed = (0..<3).map { _ in clock.measure { #expect(integerRoot(x, 997) == nil) } }.min()!
        #expect(elapsed < .milliseconds(25), "\(elapsed)")
        #expect(MathEquivalence.compare(answer: "000M020001e00810^z00p", gold: "000M020001e00810^z00p").match == .equivalent)
        // Exact roots of every size are still found, and near misses are not.
        #expect(integerRoot(BigUInt(7).power(997), 997) == 7)
        #expect(integerRoot(BigUInt(1_073_741_827).power(3), 3) == 1_073_741_827)  // just above 2³⁰: Newton's side
        let big = BigUInt(10).power(40) + 12_345
        #expect(integerRoot(big.power(7), 7) == big)
        #expect(integerRoot(big.power(7) + 1, 7) == nil)
        #expect(integerRoot(big.power(7) - 1, 7) == nil)
        #expect(integerRoot(BigUInt(999_999_999).power(4), 4) == 999_999_999)
        #expect(integerRoot(BigUInt(999_999_999).power(4) - 1, 4) == nil)
    }

    /// From `scripts/fuzz` (a crash): `3_{+ 36}` read as a base-36 numeral reached BigInt's `init(_:radix:)`, whose
    /// precondition is radix < 36. Base subscripts are now digits only and converted by our own loop (2…36).
    @Test func baseSubscriptsUpTo36WithoutTrapping() {
        #expect(MathEquivalence.compare(answer: "36", gold: "10_{36}").match == .equivalent)
        #expect(MathEquivalence.compare(answer: "54", gold: "204_5").match == .equivalent)
        #expect(MathEquivalence.compare(answer: "3", gold: "3_{+ 36}").match != .equivalent)
        #expect(MathEquivalence.compare(answer: "7", gold: "7_{37}").match != .equivalent)
        #expect(MathEquivalence.compare(answer: "5", gold: "5_5").match != .equivalent)  // 5 is no base-5 digit
        _ = MathEquivalence.compare(answer: "(1{3_{+ 36", gold: "5")  // the completion the fuzzer found
    }
}
