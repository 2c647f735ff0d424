import AssayCode
import AssayCore
import Foundation
import Testing

/// CodeContests stdin/stdout problems with our own solutions (Tests/Fixtures/codecontests, verified by its
/// verify.py against the plain interpreters): correct Python and C++ pass every test, wrong ones fail exactly
/// the tests the manifest lists, slow ones hit the time limit, and checkers accept other valid outputs.
@Suite("CodeContests solutions", .enabled(if: workerJailAvailable && FileManager.default.isExecutableFile(atPath: "/usr/bin/g++")))
struct CodeContestsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/codecontests")
    static let dataset = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/datasets/code/codecontests_test.jsonl")
    static let pool = WorkerPool(configuration: WorkerConfiguration(baseDirectory: "/tmp/assay-sandbox-cc-tests", firstUID: 61_800), size: 2)
    static let builds = BuildCache()

    struct Solution: Sendable {
        var problem: String
        var file: String
        var language: String
        var expect: String
        var failing: [Int]?
        var reference: JSONValue
        var source: String
    }

    static func solutions() throws -> [Solution]? {
        guard let manifestData = FileManager.default.contents(atPath: fixtures.appendingPathComponent("manifest.json").path),
              let rowsData = FileManager.default.contents(atPath: dataset.path)
        else {
            print("SKIPPED: fixtures or dataset not found")
            return nil
        }
        var rows: [String: JSONValue] = [:]
        for line in rowsData.split(separator: UInt8(ascii: "\n")) {
            let row = try JSONDecoder().decode(JSONValue.self, from: Data(line))
            rows[row["id"]!.stringValue!] = row
        }
        let manifest = try JSONDecoder().decode(JSONValue.self, from: manifestData)
        var out: [Solution] = []
        for problem in manifest["problems"]?.arrayValue ?? [] {
            let id = problem["id"]!.stringValue!
            let dir = fixtures.appendingPathComponent(problem["dir"]!.stringValue!)
            guard let row = rows[id] else { throw CocoaError(.fileReadCorruptFile) }
            var reference: [String: JSONValue] = ["inputs": row["inputs"]!, "outputs": row["outputs"]!]
            if let checker = problem["checker"]?.stringValue {
                reference["checker"] = .string(try String(contentsOf: dir.appendingPathComponent(checker), encoding: .utf8))
            }
            for solution in problem["solutions"]?.arrayValue ?? [] {
                let file = solution["file"]!.stringValue!
                let language = solution["language"]!.stringValue!
                var ref = reference
                ref["language"] = .string(language)
                out.append(Solution(
                    problem: id, file: file, language: language, expect: solution["expect"]!.stringValue!,
                    failing: solution["failing_tests"]?.arrayValue?.compactMap { $0.doubleValue.map(Int.init) },
                    reference: .object(ref), source: try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)))
            }
        }
        return out
    }

    func verifier(_ params: [String: JSONValue]) throws -> any Verifier {
        var registry = VerifierRegistry()
        CodeVerifiers.register(into: &registry, pool: Self.pool, builds: Self.builds)
        return try registry.makeVerifier(named: "code", params: params)
    }

    @Test func everySolutionScoresAsItShould() async throws {
        guard let solutions = try Self.solutions() else { return }
        #expect(Set(solutions.map(\.problem)).count >= 20)
        #expect(Set(solutions.filter { $0.expect == "pass" }.map(\.language)) == ["python", "cpp"])
        // Fractions for pass/fail (every test runs, so the failing set is exact); all-pass for slow ones (stop at the slow test).
        let fraction = try verifier(["reward": "fraction", "timeout_seconds": 4])
        let allPass = try verifier(["timeout_seconds": 2])
        let results = try await concurrently(solutions) { s in
            let fence = s.language == "cpp" ? "cpp" : "python"
            let item = ScoreItem(id: .string(s.file), completion: "```\(fence)\n\(s.source)\n```", reference: s.reference)
            let v = s.expect == "timeout" ? allPass : fraction
            return (s, try await v.verify(VerificationInput(item: item, deadline: .now + .seconds(600))))
        }
        for (s, r) in results {
            let name = "\(s.problem)/\(s.file)"
            let passes = r.detail?["tests"]?.arrayValue?.map { $0 == .bool(true) } ?? []
            switch s.expect {
            case "pass":
                #expect(r.verdict == .correct && r.status == .ok, "\(name): \(r.detail ?? .null)")
            case "fail":
                #expect(r.verdict != .correct && r.status != .error, "\(name): \(r.detail ?? .null)")
                if let failing = s.failing {
                    let observed = passes.enumerated().filter { !$0.element }.map(\.offset)
                    #expect(observed == failing, "\(name): failing tests \(observed), manifest says \(failing)")
                }
            case "timeout":
                #expect(r.status == .timeout && r.score == 0, "\(name): \(r.status) \(r.detail ?? .null)")
            default:
                Issue.record("\(name): unknown expectation \(s.expect)")
            }
        }
        #expect(results.count == solutions.count)
        print("CodeContests: \(results.count) solutions checked; builds cached/missed: \(Self.builds.counts)")
    }

    @Test func compileErrorsAreReportedAsSuch() async throws {
        let v = try verifier([:])
        let item = ScoreItem(
            id: 1, completion: "```cpp\nint main() { return undefined_name; }\n```",
            reference: ["stdio": [["input": "", "output": ""]], "language": "cpp"])
        let r = try await v.verify(VerificationInput(item: item, deadline: .now + .seconds(60)))
        #expect(r.verdict == .wrong && r.status == .ok)
        #expect(r.detail?["compile_error"]?.stringValue?.contains("undefined_name") == true, "\(r.detail ?? .null)")
    }
}
