/// Errors raised while normalising, parsing or evaluating a math answer.
enum MathError: Error, Equatable {
    /// A budget (size, depth, digits, time) was exceeded.
    case limit(String)
    /// The text could not be parsed.
    case parse(String)
    /// The value is undefined (division by zero, domain error, unknown function).
    case undefined(String)
}

/// Per-call mutable state: counts work against a ``MathBudget``. Never shared between threads.
final class MathContext {
    let budget: MathBudget
    private(set) var nodes = 0
    private var ticks = 0
    /// Maximum binary width of any exact integer.
    let maxBits: Int
    /// Largest |log10| an approximate out-of-range value may have before we give up.
    let maxLog10: Double

    init(budget: MathBudget) {
        self.budget = budget
        self.maxBits = Int(Double(budget.maxDigits) * 3.3219280948873626) + 1
        self.maxLog10 = Double(budget.maxDigits) * 10
    }

    /// Counts one AST node against `maxNodes`.
    func countNode() throws {
        nodes += 1
        if nodes > budget.maxNodes { throw MathError.limit("more than \(budget.maxNodes) nodes") }
        try tick()
    }

    /// Cooperative deadline check; cheap, call often.
    func tick() throws {
        ticks &+= 1
        if ticks & 31 == 0, let deadline = budget.deadline, ContinuousClock.now >= deadline {
            throw MathError.limit("deadline exceeded")
        }
    }

    private var comparisonDepth = 0

    /// Enters one nested structural comparison (``Comparator/equal(_:_:)``); at most twice `maxDepth` deep, so no
    /// input recurses without end or exhausts a thread's stack. Pair with ``leaveComparison()``.
    func enterComparison() throws {
        if comparisonDepth >= 2 * budget.maxDepth {
            throw MathError.limit("comparison nested deeper than \(2 * budget.maxDepth)")
        }
        comparisonDepth += 1
    }

    func leaveComparison() { comparisonDepth -= 1 }

    func checkDepth(_ depth: Int) throws {
        if depth > budget.maxDepth { throw MathError.limit("nesting deeper than \(budget.maxDepth)") }
    }
}
