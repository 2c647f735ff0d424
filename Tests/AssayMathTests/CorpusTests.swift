import Testing
import Foundation
import AssayMath

@Suite("Corpus built from real gold answers")
struct CorpusTests {
    @Test func systematicRewrites() throws {
        let golds = Corpus.golds()
        if golds.isEmpty {
            print("corpus: datasets not found at \(Corpus.datasetsDir.path); skipping")
            return
        }
        var cases: [CorpusCase] = []
        var unhandled: [String] = []
        var seen = Set<String>()
        for (_, gold) in golds where seen.insert(gold).inserted {
            let kind = MathEquivalence.kind(of: gold)
            if kind == nil || kind == "text" { unhandled.append(gold) }
            for (rule, ans) in Rewrites.equivalents(gold) where ans != gold {
                cases.append(CorpusCase(gold: gold, answer: ans, expectEquivalent: true, rule: rule))
            }
            for (rule, ans) in Rewrites.nearMisses(gold) where ans != gold {
                cases.append(CorpusCase(gold: gold, answer: ans, expectEquivalent: false, rule: rule))
            }
        }
        var passEq = 0, totalEq = 0, passNe = 0, totalNe = 0
        var failures: [String] = []
        var perRule: [String: (Int, Int)] = [:]
        for c in cases {
            let r = MathEquivalence.compare(answer: c.answer, gold: c.gold)
            let ok = c.expectEquivalent ? r.match == .equivalent : r.match == .different
            if c.expectEquivalent { totalEq += 1; if ok { passEq += 1 } } else { totalNe += 1; if ok { passNe += 1 } }
            var pr = perRule[c.rule] ?? (0, 0)
            pr.1 += 1
            if ok { pr.0 += 1 } else { failures.append("[\(c.rule)] gold=\(c.gold) answer=\(c.answer) → \(r.match.rawValue): \(r.reason)") }
            perRule[c.rule] = pr
        }
        // canonicalKey soundness: equal keys must never be reported for a near miss.
        var keyCollisions = 0, keySame = 0
        for c in cases {
            guard let k1 = MathEquivalence.canonicalKey(c.gold), let k2 = MathEquivalence.canonicalKey(c.answer) else { continue }
            if k1 == k2 { if c.expectEquivalent { keySame += 1 } else { keyCollisions += 1; failures.append("[key] \(c.gold) vs \(c.answer) share key \(k1)") } }
        }
        print("corpus: canonicalKey equal for \(keySame)/\(totalEq) equivalent rewrites, \(keyCollisions) near-miss collisions")
        #expect(keyCollisions == 0)
        let eqRate = Double(passEq) / Double(max(totalEq, 1)), neRate = Double(passNe) / Double(max(totalNe, 1))
        print("corpus: \(seen.count) distinct golds, \(unhandled.count) not parsed as math (text fallback)")
        print("corpus: equivalent rewrites \(passEq)/\(totalEq) (\(eqRate)), near misses \(passNe)/\(totalNe) (\(neRate))")
        for (rule, (p, t)) in perRule.sorted(by: { $0.key < $1.key }) { print("corpus rule \(rule): \(p)/\(t)") }
        for f in failures.prefix(60) { print("corpus failure: \(f)") }
        for g in unhandled.prefix(40) { print("corpus unhandled gold: \(g)") }
        #expect(cases.count >= 1_500)
        // Measured: 6886/6887 equivalent rewrites, 3629/3629 near misses, 6/1001 golds as text (5 are words).
        #expect(eqRate >= 0.998)
        #expect(neRate >= 0.998)
        #expect(Double(unhandled.count) / Double(seen.count) <= 0.01)
    }
}
