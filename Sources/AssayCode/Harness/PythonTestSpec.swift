/// A function-level Python test reference, named by the public sets' own fields.
public enum PythonTestSpec: Sendable, Hashable {
    /// HumanEval style: one `check(candidate)` over the entry point.
    case humanEval(HumanEvalSpec)
    /// MBPP style: independent `assert` statements.
    case mbpp(MBPPSpec)

    /// Recognises a reference from its JSON fields: `test_list` makes it MBPP, otherwise
    /// `entry_point` with `tests` (or the dataset's own `test`) makes it HumanEval; else `nil`.
    public init?(fields: [String: Any]) {
        if let mbpp = MBPPSpec(fields: fields) {
            self = .mbpp(mbpp)
        } else if let he = HumanEvalSpec(fields: fields) {
            self = .humanEval(he)
        } else {
            return nil
        }
    }

    /// How many result lines the harness program prints (one per test; HumanEval has one check).
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
    public init?(fields: [String: Any]) {
        guard let tests = (fields["tests"] as? String) ?? (fields["test"] as? String),
            let entry = fields["entry_point"] as? String, !entry.isEmpty
        else { return nil }
        self.init(tests: tests, entryPoint: entry, prompt: fields["prompt"] as? String ?? "")
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
    public init?(fields: [String: Any]) {
        guard let list = fields["test_list"] as? [String], !list.isEmpty else { return nil }
        self.init(testList: list, setupCode: fields["test_setup_code"] as? String ?? "")
    }
}
