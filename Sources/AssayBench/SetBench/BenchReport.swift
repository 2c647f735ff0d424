/// A metric averaged over problems, with its standard error (sample standard deviation of the per-problem
/// values over √problems; nil for fewer than two problems).
public struct Estimate: Sendable, Hashable {
    public var value: Double
    public var standardError: Double?

    public init(value: Double, standardError: Double?) {
        self.value = value
        self.standardError = standardError
    }

    /// The mean and standard error of per-problem values.
    public init(perProblem values: [Double]) {
        let n = Double(values.count)
        guard !values.isEmpty else {
            self.init(value: 0, standardError: nil)
            return
        }
        let mean = values.reduce(0, +) / n
        guard values.count > 1 else {
            self.init(value: mean, standardError: nil)
            return
        }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        self.init(value: mean, standardError: (variance / n).squareRoot())
    }
}

/// pass@1, pass@k and cons@k over a set of problems.
public struct BenchMetrics: Sendable, Hashable {
    public var problems: Int
    public var samples: Int
    /// Mean over problems of the share of correct samples.
    public var passAt1: Estimate
    /// k → the unbiased pass@k estimator (Chen et al. 2021), for every reported k.
    public var passAtK: [Int: Estimate]
    /// k → majority-vote accuracy; empty when the set's answers cannot be voted on (code).
    public var consAtK: [Int: Estimate]

    public init(problems: Int, samples: Int, passAt1: Estimate, passAtK: [Int: Estimate], consAtK: [Int: Estimate]) {
        self.problems = problems
        self.samples = samples
        self.passAt1 = passAt1
        self.passAtK = passAtK
        self.consAtK = consAtK
    }
}

/// The metrics of each value of one metadata field (`subject`, `level`, `year`, `dataset`).
public struct BenchBreakdown: Sendable, Hashable {
    public struct Group: Sendable, Hashable {
        public var value: String
        public var metrics: BenchMetrics

        public init(value: String, metrics: BenchMetrics) {
            self.value = value
            self.metrics = metrics
        }
    }

    public var field: String
    /// Ordered by value (numerically when every value is a number).
    public var groups: [Group]

    public init(field: String, groups: [Group]) {
        self.field = field
        self.groups = groups
    }
}

/// How the engine's verdicts compare with labels carried by the completions.
public struct LabelAgreement: Sendable, Hashable {
    /// Samples that carry a label.
    public var labelled: Int
    /// Share of labelled samples whose label is `true`.
    public var labelAccuracy: Double
    /// Share of the same samples the engine marks correct.
    public var engineAccuracy: Double
    /// Samples where the engine and the label differ, over `labelled`.
    public var disagreementRate: Double
    /// Labelled true, engine says wrong.
    public var engineStricter: Int
    /// Labelled false, engine says correct.
    public var engineLaxer: Int

    public init(labelled: Int, labelAccuracy: Double, engineAccuracy: Double, disagreementRate: Double, engineStricter: Int, engineLaxer: Int) {
        self.labelled = labelled
        self.labelAccuracy = labelAccuracy
        self.engineAccuracy = engineAccuracy
        self.disagreementRate = disagreementRate
        self.engineStricter = engineStricter
        self.engineLaxer = engineLaxer
    }
}

/// The fewest and most samples any problem has.
public struct SampleCountRange: Sendable, Hashable {
    public var min: Int
    public var max: Int

    public init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }
}

/// Everything `assay bench` reports about one run.
public struct BenchReport: Sendable, Hashable {
    /// The set's name (file name without extension, or the name given).
    public var set: String
    public var rule: String
    public var problems: Int
    public var samplesPerProblem: SampleCountRange
    /// The k values reported (each ≤ the fewest samples per problem).
    public var ks: [Int]
    public var overall: BenchMetrics
    public var breakdowns: [BenchBreakdown]
    /// Item status → count over all samples (`ok`, `timeout`, `limit`, `error`, `invalid`).
    public var statuses: [String: Int]
    public var labels: LabelAgreement?
    /// Problems of the set without completions (scored only with `--allow-missing`).
    public var missingProblems: Int
    /// Wall time of scoring, seconds.
    public var seconds: Double
    /// Things a reader should know (skipped k values, why cons@k is absent…).
    public var notes: [String]

    public init(
        set: String, rule: String, problems: Int, samplesPerProblem: SampleCountRange, ks: [Int], overall: BenchMetrics,
        breakdowns: [BenchBreakdown], statuses: [String: Int], labels: LabelAgreement?, missingProblems: Int, seconds: Double,
        notes: [String]
    ) {
        self.set = set
        self.rule = rule
        self.problems = problems
        self.samplesPerProblem = samplesPerProblem
        self.ks = ks
        self.overall = overall
        self.breakdowns = breakdowns
        self.statuses = statuses
        self.labels = labels
        self.missingProblems = missingProblems
        self.seconds = seconds
        self.notes = notes
    }

    /// Samples scored per second of wall time.
    public var samplesPerSecond: Double { seconds > 0 ? Double(overall.samples) / seconds : 0 }
}
