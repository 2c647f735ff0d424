import AssayCode
import AssayCore
import Foundation
import Testing

/// Systematically broken variants of the HumanEval and MBPP reference solutions (Support/PythonMutator.swift)
/// must fail the code verifier. Return-value and empty-body mutants change every answer, so every one must be
/// caught; the other operators can produce equivalent programs (symmetric functions, dead literals), so for them
/// the verifier's kills are counted and must be at least what the plain test harness killed (measured in the
/// mutator's header).
@Suite("broken reference solutions", .enabled(if: workerJailAvailable, "needs root, /usr/bin/python3 and assay-sandbox"))
struct MutantTests {
    static let pool = WorkerPool(configuration: WorkerConfiguration(baseDirectory: "/tmp/assay-sandbox-mutant-tests", firstUID: 61_900), size: 2)

    func verifier() throws -> any Verifier {
        var registry = VerifierRegistry()
        CodeVerifiers.register(into: &registry, pool: Self.pool)
        return try registry.makeVerifier(named: "code", params: ["timeout_seconds": 5])
    }

    struct Program: Sendable {
        var id: String
        var source: String
        var function: String
        var reference: JSONValue
    }

    static func programs(_ file: String) throws -> [Program]? {
        guard let data = FileManager.default.contents(atPath: CodeVerifierTests.datasets.appendingPathComponent(file).path) else {
            print("SKIPPED: \(file) not found")
            return nil
        }
        return try data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            let row = try JSONDecoder().decode(JSONValue.self, from: Data(line))
            if let entry = row["entry_point"]?.stringValue, let prompt = row["prompt"]?.stringValue {
                return Program(
                    id: row["task_id"]!.stringValue!, source: prompt + row["canonical_solution"]!.stringValue!, function: entry,
                    reference: ["test": row["test"]!, "entry_point": .string(entry)])
            }
            // 367's reference fails on its own (setup code uses the solution's class first); 123's is very slow.
            guard row["split"] == "test", ![123.0, 367.0].contains(row["task_id"]?.doubleValue ?? 0), let tests = row["test_list"]?.arrayValue?.compactMap(\.stringValue),
                  let target = PythonMutator.mbppTarget(testList: tests)
            else { return nil }
            return Program(
                id: "mbpp-\(row["task_id"]!)", source: row["code"]!.stringValue!, function: target,
                reference: ["test_list": row["test_list"]!, "test_setup_code": row["test_setup_code"]!])
        }
    }

    /// Verdicts of every applicable mutant: (mutation, program id, killed).
    func kills(_ programs: [Program], _ mutations: [PythonMutation]) async throws -> [(PythonMutation, String, Bool)] {
        let code = try verifier()
        var jobs: [(PythonMutation, Program, String)] = []
        for p in programs {
            for m in mutations {
                if let mutant = PythonMutator.mutate(p.source, function: p.function, with: m) { jobs.append((m, p, mutant)) }
            }
        }
        return try await concurrently(jobs) { m, p, mutant in
            let item = ScoreItem(id: .string(p.id), completion: "```python\n\(mutant)\n```", reference: p.reference)
            let r = try await code.verify(VerificationInput(item: item, deadline: .now + .seconds(120)))
            #expect(r.status != .error && r.status != .invalid, "\(p.id) \(m): \(r.detail ?? .null)")
            return (m, p.id, r.score == 0)
        }
    }

    @Test func humanEvalMutantsFail() async throws {
        guard let programs = try Self.programs("humaneval.jsonl") else { return }
        let results = try await kills(programs, PythonMutation.allCases)
        func count(_ m: PythonMutation) -> (killed: Int, total: Int) {
            let r = results.filter { $0.0 == m }
            return (r.count(where: \.2), r.count)
        }
        for m in [PythonMutation.returnValue, .emptyBody] {
            #expect(count(m).total == 164)
            for (mm, id, killed) in results where mm == m && !killed { Issue.record("\(id): a \(m) mutant passed") }
        }
        // The plain harness killed 112/112, 113/128 and 27/44 of these (PythonMutator's header).
        #expect(count(.comparisonFlip).killed >= 112)
        #expect(count(.offByOne).killed >= 113)
        #expect(count(.swappedArguments).killed >= 27)
        print("HumanEval mutants killed:", PythonMutation.allCases.map { "\($0.rawValue) \(count($0).killed)/\(count($0).total)" })
    }

    @Test func mbppMutantsFail() async throws {
        guard let programs = try Self.programs("mbpp.jsonl") else { return }
        let results = try await kills(programs, [.returnValue, .emptyBody])
        #expect(results.count >= 2 * 490)
        for (m, id, killed) in results where !killed { Issue.record("\(id): a \(m) mutant passed") }
        print("MBPP test-split mutants killed: \(results.count(where: \.2))/\(results.count)")
    }
}
