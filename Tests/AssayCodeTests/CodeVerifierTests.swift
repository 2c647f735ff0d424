import AssayCode
import AssayCore
import Foundation
import Testing

/// The `code` verifier end to end: extraction, harness, real sandboxed python3, comparison.
@Suite("code verifier", .enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
struct CodeVerifierTests {
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/datasets/code")

    /// Its own uid and directory, so SandboxRunnerTests' "nothing left behind" checks (uid 65534, the default
    /// directory) never see these runs when the suites run in parallel.
    static let runner = SandboxRunner(baseDirectory: "/tmp/assay-sandbox-code-tests", uid: 65533, gid: 65533)

    func verifier(_ params: [String: JSONValue] = [:]) throws -> any Verifier {
        var registry = VerifierRegistry()
        CodeVerifiers.register(into: &registry, runner: Self.runner)
        return try registry.makeVerifier(named: "code", params: params)
    }

    func completion(_ code: String) -> String {
        "<think>\nLet me write it.\n</think>\n<answer>\n```python\n\(code)\n```\n</answer>"
    }

    func run(_ v: any Verifier, _ completion: String, _ reference: JSONValue) async throws -> VerifierResult {
        try await v.verify(VerificationInput(item: ScoreItem(id: 1, completion: completion, reference: reference), deadline: .now + .seconds(60)))
    }

    func rows(_ file: String) throws -> [JSONValue]? {
        guard let data = FileManager.default.contents(atPath: Self.datasets.appendingPathComponent(file).path) else {
            print("SKIPPED: \(file) not found beside the repository")
            return nil
        }
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(JSONValue.self, from: Data($0)) }
    }

    @Test func humanEvalCanonicalSolutionsPassAndBrokenOnesFail() async throws {
        guard let rows = try rows("humaneval.jsonl") else { return }
        let code = try verifier()
        for row in rows.prefix(25) {
            let prompt = row["prompt"]!.stringValue!
            let reference: JSONValue = ["test": row["test"]!, "entry_point": row["entry_point"]!, "prompt": .string(prompt)]
            let good = try await run(code, completion(prompt + row["canonical_solution"]!.stringValue!), reference)
            #expect(good.verdict == .correct, "\(row["task_id"]!): \(good.detail ?? .null)")
            let broken = try await run(code, completion(prompt + "    return None\n"), reference)
            #expect(broken.verdict == .wrong, "\(row["task_id"]!)")
        }
    }

    @Test func mbppReferenceSolutionsPassWithPerTestFractions() async throws {
        guard let rows = try rows("mbpp.jsonl") else { return }
        let all = try verifier()
        let fraction = try verifier(["reward": "fraction"])
        for row in rows.filter({ $0["split"] == "test" }).prefix(20) {
            let reference: JSONValue = ["test_list": row["test_list"]!, "test_setup_code": row["test_setup_code"]!]
            let source = row["code"]!.stringValue!.replacingOccurrences(of: "\r\n", with: "\n")
            let result = try await run(all, completion(source), reference)
            #expect(result.verdict == .correct, "task \(row["task_id"]!): \(result.detail ?? .null)")
            #expect(result.detail?["total"] == 3)
        }
        // One of three asserts fails → partial credit 2/3 with the fraction reward, 0 with all-pass.
        let reference: JSONValue = ["test_list": ["assert f(1) == 2", "assert f(2) == 4", "assert f(3) == 7"]]
        let partial = try await run(fraction, completion("def f(x):\n    return 2 * x"), reference)
        #expect(partial.verdict == .partial)
        #expect(abs(partial.score - 2.0 / 3.0) < 1e-9)
        #expect(partial.detail?["first_failure"]?.stringValue?.contains("AssertionError") == true)
        #expect(try await run(all, completion("def f(x):\n    return 2 * x"), reference).score == 0)
    }

    @Test func stdinStdoutCases() async throws {
        let code = try verifier()
        let reference: JSONValue = ["stdio": [["input": "1 2\n", "output": "3\n"], ["input": "10 -4\n", "output": "6"]]]
        let sum = "a, b = map(int, input().split())\nprint(a + b)"
        #expect(try await run(code, completion(sum), reference).verdict == .correct)
        let off = try await run(code, completion("a, b = map(int, input().split())\nprint(a + b + 1)"), reference)
        #expect(off.verdict == .wrong)
        #expect(off.detail?["first_failure"]?.stringValue?.contains("test 0") == true)
        let contests: JSONValue = ["inputs": ["3\n", "5\n"], "outputs": ["9\n", "25\n"]]
        #expect(try await run(code, completion("n = int(input())\nprint(n * n)"), contests).verdict == .correct)
    }

    @Test func hostileProgramsAreBoundedAndReported() async throws {
        let code = try verifier(["timeout_seconds": 1])
        let reference: JSONValue = ["stdio": [["input": "", "output": "1"]]]
        let loop = try await run(code, completion("while True:\n    pass"), reference)
        #expect(loop.status == .timeout)
        #expect(loop.score == 0)
        let hog = try await run(code, completion("x = bytearray(4 << 30)\nprint(1)"), reference)
        #expect(hog.score == 0)
        #expect(hog.verdict == .wrong)
        let noCode = try await run(code, "The answer is to loop.", reference)
        #expect(noCode.verdict == .noAnswer)
        let noTests = try await run(code, completion("print(1)"), ["answer": "1"])
        #expect(noTests.status == .invalid)
    }

    @Test func paramsAreValidated() {
        #expect(throws: VerifierParams.Failure.self) { try verifier(["language": "cobol"]) }
        #expect(throws: VerifierParams.Failure.self) { try verifier(["python": "python3"]) }
        #expect(throws: VerifierParams.Failure.self) { try verifier(["reward": "most"]) }
    }
}
