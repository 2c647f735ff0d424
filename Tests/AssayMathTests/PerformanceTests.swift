import Testing
import Foundation
import AssayMath

/// Measures (does not assert) the cost of one comparison on the MATH-500 golds. Run in release for real numbers:
/// `swift test -c release --filter PerformanceTests`.
@Suite("Performance")
struct PerformanceTests {
    @Test func microsecondsPerCompare() {
        let golds = Corpus.golds().filter { $0.0 == "math500" }.map(\.1)
        guard !golds.isEmpty else { print("perf: datasets absent; skipping"); return }
        var pairs: [(String, String)] = []
        for g in golds {
            pairs.append((g, g))
            if let (rule, ans) = Rewrites.equivalents(g).first(where: { $0.0 == "dfrac" || $0.0 == "no-spaces" }) { _ = rule; pairs.append((g, ans)) }
            if let miss = Rewrites.nearMisses(g).first { pairs.append((g, miss.1)) }
            pairs.append((g, "\\boxed{" + g + "} "))
        }
        let clock = ContinuousClock()
        var samples: [Double] = [], nonIdentical: [Double] = []
        var slowest: (Double, String, String) = (0, "", "")
        samples.reserveCapacity(pairs.count)
        for (g, a) in pairs {
            let d = clock.measure { _ = MathEquivalence.compare(answer: a, gold: g) }
            let us = Double(d.components.attoseconds) / 1e12 + Double(d.components.seconds) * 1e6
            samples.append(us)
            if a != g { nonIdentical.append(us) }
            if us > slowest.0 { slowest = (us, g, a) }
        }
        func report(_ name: String, _ xs: [Double]) {
            let s = xs.sorted()
            guard !s.isEmpty else { return }
            let mean = s.reduce(0, +) / Double(s.count)
            print("perf: \(name): \(s.count) compares: mean \(mean) µs, median \(s[s.count / 2]) µs, p99 \(s[s.count * 99 / 100]) µs, max \(s.last!) µs")
        }
        report("all MATH-500 pairs", samples)
        report("non-identical pairs", nonIdentical)
        print("perf: slowest \(slowest.0) µs: gold \(slowest.1) answer \(slowest.2)")
    }

    @Test func canonicalKeys() {
        #expect(MathEquivalence.canonicalKey("\\frac{2}{4}") == MathEquivalence.canonicalKey("0.5"))
        #expect(MathEquivalence.canonicalKey("\\{2, 1\\}") == MathEquivalence.canonicalKey("\\{1,2\\}"))
        #expect(MathEquivalence.canonicalKey("(1,2)") != MathEquivalence.canonicalKey("(2,1)"))
        #expect(MathEquivalence.canonicalKey("1,000") == MathEquivalence.canonicalKey("1000"))
        #expect(MathEquivalence.canonicalKey("(B)") == MathEquivalence.canonicalKey("\\textbf{B}"))
        #expect(MathEquivalence.canonicalKey("") == nil)
        #expect(MathEquivalence.canonicalKey("3") != MathEquivalence.canonicalKey("4"))
    }
}
