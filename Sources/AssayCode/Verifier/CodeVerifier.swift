import AssayCore
import Foundation

/// `code`: extracts the program from a completion and runs it against the item's tests in the sandbox.
///
/// References are named by the public sets' fields: HumanEval (`test`/`tests`, `entry_point`, `prompt`), MBPP
/// (`test_list`, `test_setup_code`), and stdin/stdout (`stdio: [{input, output}]`, or CodeContests' `inputs` and
/// `outputs` lists). Verdicts: `correct` (all tests pass), `partial`, `wrong`, `no_answer` (no code block). A run that
/// hits the wall clock is status `timeout`; memory or output caps are status `limit`; the score is still the
/// rule's (all-pass 1/0 by default, or the pass fraction with `reward: fraction`).
public struct CodeVerifier: Verifier {
    public let name = "code"
    public let version = "1"
    public let cost = VerifierCost.expensive
    public let canonicalParams: JSONValue
    /// Every run has its own wall timeout, bounded by the item's deadline.
    public let honoursDeadline = true

    public enum Reward: String, CaseIterable, Sendable { case allPass = "all_pass", fraction }

    let extraction: CodeExtractionOptions
    let reward: Reward
    let limits: SandboxLimits
    let outputMode: OutputMode
    let python: String
    let runner: SandboxRunner

    public init(params: inout VerifierParams, runner: SandboxRunner) throws {
        let language = try params.string("language", default: "python")
        guard language == "python" else {
            throw VerifierParams.Failure(key: "language", message: "only python is supported so far; got \"\(language)\"")
        }
        var extraction = CodeExtractionOptions(language: language)
        extraction.selection = try params.choice("selection", default: .last)
        self.extraction = extraction
        reward = try params.choice("reward", default: .allPass)
        outputMode = try params.choice("output_mode", default: .lines)
        var limits = SandboxLimits()
        limits.wallTimeout = try params.double("timeout_seconds", default: 10, in: 0.1...600)
        limits.memoryBytes = try params.int("memory_mb", default: 512, in: 16...16_384) << 20
        limits.addressSpaceBytes = max(limits.memoryBytes ?? 0, 1 << 30)
        self.limits = limits
        python = try params.string("python", default: "/usr/bin/python3")
        guard python.hasPrefix("/") else {
            throw VerifierParams.Failure(key: "python", message: "must be an absolute path (a PATH shim costs ~200 ms per run)")
        }
        self.runner = runner
        canonicalParams = .object(params.values)
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        guard let reference = input.reference?.objectValue else {
            return VerifierResult(score: 0, verdict: .error, detail: ["error": "reference must be an object with tests"], status: .invalid)
        }
        guard let code = CodeExtractor.extract(from: input.completion, options: extraction) else {
            return VerifierResult(score: 0, verdict: .noAnswer, detail: ["reason": .string("no \(extraction.language) code block")])
        }
        var limits = self.limits
        let remaining = ContinuousClock.now.duration(to: input.deadline).milliseconds / 1000
        limits.wallTimeout = max(0.05, min(limits.wallTimeout, remaining))

        if let spec = PythonTestSpec(fields: Self.anyFields(reference)) {
            let sentinel = PythonHarness.makeSentinel()
            let program = PythonHarness.program(code: code.code, spec: spec, sentinel: sentinel)
            let run = await runner.run(program: python, arguments: ["-I", "main.py"], files: ["main.py": Data(program.utf8)], limits: limits)
            let outcomes = PythonHarness.parseResults(stdout: run.stdoutString, sentinel: sentinel, count: spec.testCount)
            let firstFailure = outcomes.first { !$0.isPass }?.message ?? Self.tail(run.stderrString)
            return result(passed: outcomes.count(where: \.isPass), total: outcomes.count, run: run, failure: firstFailure)
        }
        let cases = Self.stdioCases(reference)
        guard !cases.isEmpty else {
            return VerifierResult(
                score: 0, verdict: .error,
                detail: ["error": "reference has no tests: expected test_list, test+entry_point, stdio, or inputs+outputs"],
                status: .invalid)
        }
        var passed = 0
        var failure: String?
        var worst: SandboxResult?
        for (index, testCase) in cases.enumerated() {
            let run = await runner.run(
                program: python, arguments: ["-I", "main.py"], stdin: Data(testCase.input.utf8),
                files: ["main.py": Data(code.code.utf8)], limits: limits)
            let comparison = OutputComparator.matches(actual: run.stdoutString, expected: testCase.output, mode: outputMode)
            if run.status == .ok && comparison.matches {
                passed += 1
            } else {
                if failure == nil {
                    failure = "test \(index): " + (run.status == .ok ? (comparison.message ?? "output differs") : "\(run.status) \(Self.tail(run.stderrString) ?? "")")
                }
                if worst == nil || run.status != .ok { worst = run }
                if reward == .allPass { break }
            }
        }
        return result(passed: passed, total: cases.count, run: worst, failure: failure)
    }

    func result(passed: Int, total: Int, run: SandboxResult?, failure: String?) -> VerifierResult {
        let fraction = total > 0 ? Double(passed) / Double(total) : 0
        let score = reward == .fraction ? fraction : (passed == total && total > 0 ? 1 : 0)
        let verdict: Verdict = passed == total && total > 0 ? .correct : (passed > 0 ? .partial : .wrong)
        var status = ItemStatus.ok
        switch run?.status {
        case .timeout?: status = .timeout
        case .memoryLimit?, .outputLimit?: status = .limit
        case .spawnError?: status = .error
        default: break
        }
        var detail: [String: JSONValue] = ["passed": .int(passed), "total": .int(total)]
        if let failure { detail["first_failure"] = .string(String(failure.prefix(300))) }
        if let run {
            detail["run"] = .string("\(run.status)")
            detail["ms"] = .double((run.wallMilliseconds * 10).rounded() / 10)
        }
        return VerifierResult(score: score, verdict: verdict, detail: .object(detail), status: status)
    }

    static func tail(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : String(trimmed.suffix(300))
    }

    /// The reference as the `[String: Any]` the harness specs read.
    static func anyFields(_ object: [String: JSONValue]) -> [String: Any] {
        func any(_ value: JSONValue) -> Any {
            switch value {
            case .null: return NSNull()
            case .bool(let b): return b
            case .int(let i): return i
            case .double(let d): return d
            case .string(let s): return s
            case .array(let a): return a.map(any)
            case .object(let o): return o.mapValues(any)
            }
        }
        return object.mapValues(any)
    }

    /// stdin/stdout cases from `stdio: [{input, output}]` or `inputs` + `outputs`.
    static func stdioCases(_ reference: [String: JSONValue]) -> [(input: String, output: String)] {
        if let list = reference["stdio"]?.arrayValue {
            return list.compactMap { entry in
                guard let input = entry["input"]?.stringValue, let output = entry["output"]?.stringValue else { return nil }
                return (input, output)
            }
        }
        if let inputs = reference["inputs"]?.arrayValue, let outputs = reference["outputs"]?.arrayValue, inputs.count == outputs.count {
            return zip(inputs, outputs).compactMap { pair in
                guard let input = pair.0.stringValue, let output = pair.1.stringValue else { return nil }
                return (input, output)
            }
        }
        return []
    }
}

/// Registers `code` with one shared sandbox runner.
public enum CodeVerifiers {
    public static func register(into registry: inout VerifierRegistry, runner: SandboxRunner = SandboxRunner()) {
        registry.register("code", summary: "runs the completion's code against the item's tests in the sandbox") {
            try CodeVerifier(params: &$0, runner: runner)
        }
    }
}
