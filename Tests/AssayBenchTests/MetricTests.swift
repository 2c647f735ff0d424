import Testing

@testable import AssayBench

@Suite("pass@k and cons@k")
struct MetricTests {
    /// C(n, k) by Pascal's rule in Doubles (exact below 2^53 for the sizes here).
    static func choose(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        var row = [Double](repeating: 0, count: k + 1)
        row[0] = 1
        if n > 0 {
            for i in 1...n {
                var j = min(i, k)
                while j > 0 {
                    row[j] += row[j - 1]
                    j -= 1
                }
            }
        }
        return row[k]
    }

    @Test("matches 1 − C(n−c,k)/C(n,k) for every c and k up to n = 40", arguments: [1, 2, 5, 16, 40])
    func combinatorial(n: Int) {
        for c in 0...n {
            for k in 1...n {
                let exact = 1 - Self.choose(n - c, k) / Self.choose(n, k)
                #expect(abs(PassAtK.estimate(n: n, c: c, k: k) - exact) < 1e-9, "n=\(n) c=\(c) k=\(k)")
            }
        }
    }

    @Test("edge cases: c = 0 is 0, c = n is 1, n = k is 1 iff any correct, k = 1 is c/n")
    func edges() {
        #expect(PassAtK.estimate(n: 64, c: 0, k: 64) == 0)
        #expect(PassAtK.estimate(n: 64, c: 0, k: 1) == 0)
        #expect(PassAtK.estimate(n: 64, c: 64, k: 1) == 1)
        #expect(PassAtK.estimate(n: 8, c: 1, k: 8) == 1)
        #expect(PassAtK.estimate(n: 7, c: 3, k: 1) == 3.0 / 7.0)
        #expect(PassAtK.estimate(n: 1, c: 1, k: 1) == 1)
    }

    @Test("stays in [0, 1] and rises with k for large n")
    func largeN() {
        var previous = 0.0
        for k in 1...1024 {
            let value = PassAtK.estimate(n: 1024, c: 3, k: k)
            #expect(value >= previous && value <= 1)
            previous = value
        }
        #expect(previous == 1)
    }

    static func ballots(_ votes: [Int?], correct: Set<Int>) -> [MajorityVote.Ballot] {
        votes.map { MajorityVote.Ballot(vote: $0, correct: $0.map { correct.contains($0) } ?? false) }
    }

    @Test("the most voted class wins; samples without an answer do not vote")
    func majority() {
        #expect(MajorityVote.consensus(Self.ballots([1, 0, 1, nil, nil, nil], correct: [1]), k: 6) == 1)
        #expect(MajorityVote.consensus(Self.ballots([0, 0, 1, nil, nil, nil], correct: [1]), k: 6) == 0)
        #expect(MajorityVote.consensus(Self.ballots([nil, nil], correct: []), k: 2) == 0)
    }

    @Test("ties go to the class voted first within the block")
    func ties() {
        #expect(MajorityVote.consensus(Self.ballots([1, 0, 0, 1], correct: [1]), k: 4) == 1)
        #expect(MajorityVote.consensus(Self.ballots([0, 1, 1, 0], correct: [1]), k: 4) == 0)
        #expect(MajorityVote.consensus(Self.ballots([nil, 2, 3, 3, 2], correct: [2]), k: 5) == 1)
    }

    @Test("k < n averages disjoint blocks of k in order and drops the leftover")
    func blocks() {
        // Blocks of 2: [1,1] right, [0,0] wrong, [1,0] tie → 1 (first) right; the 7th sample is left over.
        let b = Self.ballots([1, 1, 0, 0, 1, 0, 0], correct: [1])
        #expect(MajorityVote.consensus(b, k: 2) == 2.0 / 3.0)
        #expect(MajorityVote.consensus(b, k: 1) == 3.0 / 7.0)
        #expect(MajorityVote.consensus(b, k: 7) == 0)
    }

    @Test("standard error is the sample standard deviation over √problems")
    func standardError() {
        let e = Estimate(perProblem: [1, 0, 1, 0])
        #expect(e.value == 0.5)
        #expect(abs(e.standardError! - (1.0 / 3.0).squareRoot() / 2) < 1e-12)
        #expect(Estimate(perProblem: [0.7]).standardError == nil)
        #expect(Estimate(perProblem: [0.25, 0.25, 0.25]).standardError == 0)
    }
}

@Suite("answer classes for majority vote")
struct AnswerClassTests {
    @Test("equivalent forms share a class; different values do not")
    func grouping() {
        let classes = AnswerClasses.classify(["\\frac{1}{2}", "0.5", nil, "1/2", "\\frac{1}{3}", "\\dfrac12", "(3,4)", "(4,3)", "(4, 3)"])
        #expect(classes[0] == 0 && classes[1] == 0 && classes[3] == 0 && classes[5] == 0)
        #expect(classes[2] == nil)
        #expect(classes[4] == 1)
        #expect(classes[6] == 2 && classes[7] == 3 && classes[8] == 3)
    }

    @Test("symbolic equivalence beyond canonical keys merges classes")
    func symbolic() {
        let classes = AnswerClasses.classify(["x^2+2x+1", "(x+1)^2", "x^2+1", "1+2x+x^2", "\\sqrt{8}", "2\\sqrt{2}", "2.83"])
        #expect(classes[0] == classes[1] && classes[1] == classes[3])
        #expect(classes[2] != classes[0])
        #expect(classes[4] == classes[5])
        #expect(classes[6] != classes[4])
    }

    @Test("text answers group by their normalised text")
    func text() {
        let classes = AnswerClasses.classify(["\\text{Monday}", "Monday", "monday", "Tuesday"])
        #expect(classes[0] == classes[1] && classes[1] == classes[2])
        #expect(classes[3] != classes[0])
    }

    @Test("the comparison budget bounds a problem with many distinct answers")
    func budget() {
        let answers: [String?] = (0..<300).map { "\($0 % 150)" }
        let classes = AnswerClasses.classify(answers, maxComparisons: 100)
        #expect(classes.count == 300)
        #expect(classes[0] == classes[150])
        #expect(Set(classes.compactMap { $0 }).count == 150)
    }
}
