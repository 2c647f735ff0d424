import AssayCore

/// One problem of a benchmark set, with what the verifiers compare against.
public struct BenchProblem: Sendable, Hashable {
    public var id: String
    /// The problem statement (what a model is asked; used by `--generate`).
    public var text: String
    /// `math` or `code`: selects the default rule and whether answers can be voted on.
    public var task: String
    /// The item's `reference`: `{"answer": gold}` for math, the row's own test fields for code.
    public var reference: JSONValue
    /// Fields breakdowns group by (`subject`, `level`, `year`, `dataset`), as text.
    public var metadata: [String: String]

    public init(id: String, text: String, task: String, reference: JSONValue, metadata: [String: String] = [:]) {
        self.id = id
        self.text = text
        self.task = task
        self.reference = reference
        self.metadata = metadata
    }

    /// The metadata fields breakdowns are made of, in report order.
    public static let breakdownFields = ["subject", "level", "year", "dataset"]
}

/// A named list of problems, in file order, with unique ids.
public struct ProblemSet: Sendable {
    public var name: String
    /// Where it was read from.
    public var path: String
    public var problems: [BenchProblem]
    private var indexByID: [String: Int]

    public init(name: String, path: String, problems: [BenchProblem]) throws(BenchInputError) {
        var index: [String: Int] = [:]
        for (i, problem) in problems.enumerated() {
            if index[problem.id] != nil { throw BenchInputError("\(path): problem id \"\(problem.id)\" appears twice") }
            index[problem.id] = i
        }
        self.name = name
        self.path = path
        self.problems = problems
        self.indexByID = index
    }

    public subscript(id: String) -> BenchProblem? { indexByID[id].map { problems[$0] } }

    /// `math`, `code`, or nil when the set mixes tasks.
    public var task: String? {
        let tasks = Set(problems.map(\.task))
        return tasks.count == 1 ? tasks.first : nil
    }
}

/// A problem with a set or completions file, worded for the person who wrote it.
public struct BenchInputError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
