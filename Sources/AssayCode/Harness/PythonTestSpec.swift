import AssayCore

/// A function-level Python test reference, named by the public sets' own fields.
public enum PythonTestSpec: Sendable, Hashable {
    /// HumanEval style: one `check(candidate)` over the entry point.
    case humanEval(HumanEvalSpec)
    /// MBPP style: independent `assert` statements.
    case mbpp(MBPPSpec)

    /// Recognises a reference from its JSON fields: `test_list` makes it MBPP, otherwise
    /// `entry_point` with `tests` (or the dataset's own `test`) makes it HumanEval; else `nil`.
    public init?(reference fields: [String: JSONValue]) {
        if let mbpp = MBPPSpec(reference: fields) {
            self = .mbpp(mbpp)
        } else if let he = HumanEvalSpec(reference: fields) {
            self = .humanEval(he)
        } else {
            return nil
        }
    }

    /// How many tests there are before the harness splits them (MBPP: one per statement; HumanEval: at least one).
    public var testCount: Int {
        switch self {
        case .humanEval: 1
        case .mbpp(let spec): spec.testList.count
        }
    }
}

/// A HumanEval-style reference: `{"tests": "<source defining check(candidate)>", "entry_point": "f", "prompt": "…"}`.
public struct HumanEvalSpec: Sendable, Hashable {
    /// Source that defines `check(candidate)`.
    public var tests: String
    /// The name of the function under test.
    public var entryPoint: String
    /// The problem's prompt (signature and docstring), prepended when the code lacks the entry point.
    public var prompt: String

    /// Creates a spec.
    public init(tests: String, entryPoint: String, prompt: String = "") {
        self.tests = tests
        self.entryPoint = entryPoint
        self.prompt = prompt
    }

    /// Reads `tests` (or `test`), `entry_point` and optional `prompt`; `nil` if a required field is missing.
    public init?(reference fields: [String: JSONValue]) {
        guard let tests = fields["tests"]?.stringValue ?? fields["test"]?.stringValue,
            let entry = fields["entry_point"]?.stringValue, !entry.isEmpty
        else { return nil }
        self.init(tests: tests, entryPoint: entry, prompt: fields["prompt"]?.stringValue ?? "")
    }
}

/// An MBPP-style reference: `{"test_list": ["assert …"], "test_setup_code": "…"}`.
public struct MBPPSpec: Sendable, Hashable {
    /// One statement (usually an `assert`) per test.
    public var testList: [String]
    /// Code run after the candidate and before the tests (often empty).
    public var setupCode: String

    /// Creates a spec.
    public init(testList: [String], setupCode: String = "") {
        self.testList = testList
        self.setupCode = setupCode
    }

    /// Reads `test_list` (non-empty) and optional `test_setup_code`; `nil` if `test_list` is missing or empty.
    public init?(reference fields: [String: JSONValue]) {
        guard let values = fields["test_list"]?.arrayValue, !values.isEmpty else { return nil }
        let list = values.compactMap(\.stringValue)
        guard list.count == values.count else { return nil }
        self.init(testList: list, setupCode: fields["test_setup_code"]?.stringValue ?? "")
    }
}
