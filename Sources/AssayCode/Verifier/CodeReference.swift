import AssayCore

/// One stdin/stdout test.
public struct StdioCase: Sendable, Hashable {
    /// Standard input.
    public var input: String
    /// Expected standard output.
    public var output: String
}

/// What an item's reference asks the `code` verifier to run, read from the public sets' own field names.
public struct CodeReference: Sendable {
    /// The kind of tests.
    public enum Tests: Sendable {
        /// HumanEval- or MBPP-style function tests (Python only).
        case function(PythonTestSpec)
        /// stdin/stdout tests, judged by the output comparator or by a trusted checker.
        case stdio([StdioCase])
    }

    /// The tests.
    public var tests: Tests
    /// Trusted Python source defining `check(input, output, expected) -> bool`, for problems with several right outputs.
    public var checker: String?
    /// Per-test wall time (`time_limit_s`), capped by the rule's `timeout_seconds`.
    public var timeLimit: Double?
    /// Memory in MiB (`memory_mb`), capped by the rule's `memory_mb`.
    public var memoryMB: Int?
    /// Per-item output comparison (`output_mode`), overriding the rule's.
    public var outputMode: OutputMode?
    /// Per-item language (`language`: python, cpp, c), overriding the rule's.
    public var language: CodeLanguage?

    /// How many tests the reference defines (HumanEval: the harness may split `check` further).
    public var count: Int {
        switch tests {
        case .function(let spec): spec.testCount
        case .stdio(let cases): cases.count
        }
    }

    /// Reads `test_list`/`test_setup_code` (MBPP), `test`|`tests` + `entry_point` [+ `prompt`] (HumanEval),
    /// `stdio: [{input, output}]` or `inputs` + `outputs` (CodeContests), plus the optional `checker`,
    /// `time_limit_s`, `memory_mb` and `output_mode`. Throws a message naming the field at fault.
    public init(_ reference: JSONValue?) throws(VerifierParams.Failure) {
        guard let fields = reference?.objectValue else {
            throw .init(key: "reference", message: "must be an object with tests (test_list, test + entry_point, stdio, or inputs + outputs)")
        }
        if let spec = PythonTestSpec(reference: fields) {
            tests = .function(spec)
        } else if let list = fields["stdio"] {
            guard let entries = list.arrayValue, !entries.isEmpty else { throw .init(key: "reference.stdio", message: "must be a non-empty array") }
            var cases: [StdioCase] = []
            for (i, entry) in entries.enumerated() {
                guard let input = entry["input"]?.stringValue, let output = entry["output"]?.stringValue else {
                    throw .init(key: "reference.stdio[\(i)]", message: "needs string fields input and output")
                }
                cases.append(StdioCase(input: input, output: output))
            }
            tests = .stdio(cases)
        } else if let inputs = fields["inputs"]?.arrayValue, let outputs = fields["outputs"]?.arrayValue {
            guard inputs.count == outputs.count, !inputs.isEmpty else {
                throw .init(key: "reference.outputs", message: "inputs and outputs must be non-empty and of equal length")
            }
            var cases: [StdioCase] = []
            for (i, pair) in zip(inputs, outputs).enumerated() {
                guard let input = pair.0.stringValue, let output = pair.1.stringValue else {
                    throw .init(key: "reference.inputs[\(i)]", message: "inputs and outputs must be strings")
                }
                cases.append(StdioCase(input: input, output: output))
            }
            tests = .stdio(cases)
        } else {
            throw .init(key: "reference", message: "has no tests: expected test_list, test + entry_point, stdio, or inputs + outputs")
        }
        if let value = fields["checker"], value != .null {
            guard let source = value.stringValue, !source.isEmpty else { throw .init(key: "reference.checker", message: "must be Python source") }
            checker = source
        }
        if let value = fields["time_limit_s"], value != .null {
            guard let t = value.doubleValue, t > 0, t <= 600 else { throw .init(key: "reference.time_limit_s", message: "must be a number in (0, 600]") }
            timeLimit = t
        }
        if let value = fields["memory_mb"], value != .null {
            guard let m = value.doubleValue, m >= 16, m <= 65_536 else { throw .init(key: "reference.memory_mb", message: "must be a number in [16, 65536]") }
            memoryMB = Int(m)
        }
        if let value = fields["language"], value != .null {
            guard let name = value.stringValue, let language = CodeLanguage.named(name) else {
                throw .init(key: "reference.language", message: "must be one of \(CodeLanguage.builtIn.keys.sorted().joined(separator: ", "))")
            }
            self.language = language
        }
        if let value = fields["output_mode"], value != .null {
            guard let name = value.stringValue, let mode = OutputMode(rawValue: name) else {
                throw .init(key: "reference.output_mode", message: "must be one of \(OutputMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            outputMode = mode
        }
    }
}
