/// Resource caps for one comparison. Exceeding any of them yields ``MathMatch/limit``.
public struct MathBudget: Sendable, Equatable {
    /// Longest accepted input, in UTF-8 bytes.
    public var maxInputBytes: Int
    /// Most AST nodes / parser steps per input.
    public var maxNodes: Int
    /// Deepest nesting accepted by the parser.
    public var maxDepth: Int
    /// Most decimal digits of any exact integer (beyond it values become approximate, far beyond it `limit`).
    public var maxDigits: Int
    /// Optional wall-clock deadline, checked cooperatively.
    public var deadline: ContinuousClock.Instant?

    public init(maxInputBytes: Int = 20_000, maxNodes: Int = 20_000, maxDepth: Int = 256, maxDigits: Int = 5_000,
                deadline: ContinuousClock.Instant? = nil) {
        self.maxInputBytes = maxInputBytes
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
        self.maxDigits = maxDigits
        self.deadline = deadline
    }
}

/// Options for ``MathEquivalence/compare(answer:gold:options:)``.
public struct MathCompareOptions: Sendable, Equatable {
    /// Relative tolerance applied only when the *answer* is a decimal the model wrote and the gold is not
    /// exactly representable with the digits shown (see the README of this module).
    public var relativeTolerance: Double
    public var budget: MathBudget

    public init(relativeTolerance: Double = 1e-6, budget: MathBudget = MathBudget()) {
        self.relativeTolerance = relativeTolerance
        self.budget = budget
    }
}

/// Outcome of a comparison.
public enum MathMatch: String, Sendable {
    case equivalent, different
    case unparsableAnswer = "unparsable_answer"
    case unparsableGold = "unparsable_gold"
    /// A budget (input size, nodes, depth, digits, deadline) was exceeded.
    case limit
}

/// Result of comparing one answer with one gold answer.
public struct MathComparison: Sendable, Equatable {
    public var match: MathMatch
    /// The gold's kind: number, expression, set, tuple, list, interval, union, matrix, equation, inequality, choice, text.
    public var kind: String
    /// Canonical rendering of the parsed gold.
    public var gold: String
    /// Canonical rendering of the parsed answer.
    public var answer: String
    /// Why it matched or not, readable by a researcher.
    public var reason: String

    public init(match: MathMatch, kind: String, gold: String, answer: String, reason: String) {
        self.match = match
        self.kind = kind
        self.gold = gold
        self.answer = answer
        self.reason = reason
    }
}
