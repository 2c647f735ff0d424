import AssayCore

/// Turns scored samples into a ``BenchReport``: the metrics overall and per breakdown, label agreement, notes.
public struct BenchAnalysis: Sendable {
    /// The problems scored, in set order.
    public var problems: [BenchProblem]
    /// Samples per problem id, each in sample order.
    public var samples: [String: [ScoredSample]]
    /// Whether cons@k is meaningful (the answers can be voted on: math).
    public var votes: Bool

    public init(problems: [BenchProblem], samples: [ScoredSample], votes: Bool) {
        self.problems = problems
        self.samples = Dictionary(grouping: samples, by: \.problem).mapValues { $0.sorted { $0.index < $1.index } }
        self.votes = votes
    }

    /// Fewest and most samples of any problem.
    public var samplesPerProblem: SampleCountRange {
        let counts = problems.map { samples[$0.id]?.count ?? 0 }
        return SampleCountRange(min: counts.min() ?? 0, max: counts.max() ?? 0)
    }

    /// The ks to report and notes on those left out: the requested ones up to the fewest samples per problem,
    /// or by default 1, 2, 4, … and n itself.
    public func ks(requested: [Int]?) throws(BenchInputError) -> (ks: [Int], notes: [String]) {
        let n = samplesPerProblem.min
        guard n >= 1 else { throw BenchInputError("a problem has no samples") }
        guard let requested else {
            var ks: [Int] = []
            var k = 1
            while k <= n { ks.append(k); k *= 2 }
            if ks.last != n { ks.append(n) }
            return (ks, [])
        }
        let wanted = Array(Set(requested)).sorted()
        let kept = wanted.filter { $0 <= n }
        let skipped = wanted.filter { $0 > n }
        guard !kept.isEmpty else {
            throw BenchInputError("every requested k (\(wanted.map(String.init).joined(separator: ","))) exceeds the samples per problem (\(n))")
        }
        let notes = skipped.isEmpty ? [] : [
            "k = \(skipped.map(String.init).joined(separator: ", ")) skipped: pass@k and cons@k need k ≤ n, and the fewest samples of any problem is \(n)"
        ]
        return (kept, notes)
    }

    /// The metrics over `problems`.
    public func metrics(_ problems: [BenchProblem], ks: [Int]) -> BenchMetrics {
        var passAt1: [Double] = []
        var passAtK: [Int: [Double]] = [:]
        var consAtK: [Int: [Double]] = [:]
        var total = 0
        for problem in problems {
            let list = samples[problem.id] ?? []
            guard !list.isEmpty else { continue }
            let n = list.count
            let c = list.count(where: \.correct)
            total += n
            passAt1.append(Double(c) / Double(n))
            let ballots = list.map { MajorityVote.Ballot(vote: $0.vote, correct: $0.correct) }
            for k in ks where k <= n {
                passAtK[k, default: []].append(PassAtK.estimate(n: n, c: c, k: k))
                if votes { consAtK[k, default: []].append(MajorityVote.consensus(ballots, k: k)) }
            }
        }
        return BenchMetrics(
            problems: passAt1.count, samples: total, passAt1: Estimate(perProblem: passAt1),
            passAtK: passAtK.mapValues(Estimate.init(perProblem:)), consAtK: consAtK.mapValues(Estimate.init(perProblem:)))
    }

    /// One breakdown per metadata field with at least two values; problems without the field are `(none)`.
    public func breakdowns(ks: [Int]) -> [BenchBreakdown] {
        var out: [BenchBreakdown] = []
        for field in BenchProblem.breakdownFields {
            guard problems.contains(where: { $0.metadata[field] != nil }) else { continue }
            let grouped = Dictionary(grouping: problems) { $0.metadata[field] ?? "(none)" }
            guard grouped.count >= 2 else { continue }
            let numeric = grouped.keys.allSatisfy { Double($0) != nil }
            let values = grouped.keys.sorted { numeric ? Double($0)! < Double($1)! : $0 < $1 }
            out.append(BenchBreakdown(field: field, groups: values.map { .init(value: $0, metrics: metrics(grouped[$0]!, ks: ks)) }))
        }
        return out
    }

    /// How the verdicts compare with the completions' labels; nil when no sample has one.
    public func labelAgreement() -> LabelAgreement? {
        var labelled = 0
        var labelTrue = 0
        var engineTrue = 0
        var stricter = 0
        var laxer = 0
        for problem in problems {
            for sample in samples[problem.id] ?? [] {
                guard let label = sample.label else { continue }
                labelled += 1
                if label { labelTrue += 1 }
                if sample.correct { engineTrue += 1 }
                if label && !sample.correct { stricter += 1 }
                if !label && sample.correct { laxer += 1 }
            }
        }
        guard labelled > 0 else { return nil }
        let n = Double(labelled)
        return LabelAgreement(
            labelled: labelled, labelAccuracy: Double(labelTrue) / n, engineAccuracy: Double(engineTrue) / n,
            disagreementRate: Double(stricter + laxer) / n, engineStricter: stricter, engineLaxer: laxer)
    }

    /// The whole report.
    public func report(
        set: String, rule: String, requestedKs: [Int]?, missingProblems: Int, seconds: Double, notes extra: [String] = []
    ) throws(BenchInputError) -> BenchReport {
        let (ks, kNotes) = try ks(requested: requestedKs)
        var statuses: [String: Int] = [:]
        for list in samples.values {
            for sample in list { statuses[sample.status.rawValue, default: 0] += 1 }
        }
        var notes = extra + kNotes
        let range = samplesPerProblem
        if range.min != range.max {
            notes.append("problems have \(range.min)–\(range.max) samples; pass@k uses each problem's own n")
        }
        if !votes { notes.append("cons@k is not reported: majority vote needs comparable final answers, which code has not") }
        let failed = statuses.filter { $0.key != ItemStatus.ok.rawValue }.values.reduce(0, +)
        if failed > 0 { notes.append("\(failed) sample(s) were not scored normally (see statuses) and count as incorrect") }
        return BenchReport(
            set: set, rule: rule, problems: problems.count, samplesPerProblem: range, ks: ks, overall: metrics(problems, ks: ks),
            breakdowns: breakdowns(ks: ks), statuses: statuses, labels: labelAgreement(), missingProblems: missingProblems,
            seconds: seconds, notes: notes)
    }
}
