import AssayCore
import Foundation
import Testing

/// The `assay` binary as a user runs it: one-off and batch grading, rule checks.
@Suite("assay CLI")
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func assay(_ arguments: [String]) throws -> Run? {
        guard let binary = ServeProcessTests.binary else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = TestServer.repositoryRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func batchVerifyWritesOneResultPerLineInOrder() throws {
        let output = NSTemporaryDirectory() + "assay-cli-\(UUID().uuidString).jsonl"
        guard
            let run = try assay(["verify", "--rule", "r1", "--input", "examples/r1-items.jsonl", "--output", output, "--no-cache"])
        else {
            Issue.record("the assay binary was not built next to the tests")
            return
        }
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        let input = try String(contentsOfFile: TestServer.repositoryRoot.path + "/examples/r1-items.jsonl", encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == input.count)
        let results = try lines.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
        #expect(results.map { $0["id"]?.stringValue } == [
            "well-formed", "no-tags", "text-after-answer", "mixed-language", "empty-answer", "french-reasoning",
            "two-think-blocks", "broken-item",
        ])
        #expect(results[0]["reward"] == 1.5)
        #expect(results[1]["reward"] == 0)
        #expect(results[3]["components"]?["language"]?["detail"]?["shares"]?["zh"]?.doubleValue ?? 0 > 0.3)
        #expect(results[5]["components"]?["language"]?["detail"]?["shares"]?["fr"]?.doubleValue ?? 0 > 0.9)
        #expect(results[7]["status"] == "invalid")
        #expect(results[7]["error"]?.stringValue?.hasPrefix("line 8: completion") == true)
        #expect(run.stderr.contains("8 items"))
        try? FileManager.default.removeItem(atPath: output)
    }

    @Test func oneOffVerifyPrintsEachComponent() throws {
        guard let run = try assay(["verify", "--rule", "r1", "--completion", "<think>\nSo we add them.\n</think>\n<answer>\n5\n</answer>", "--no-cache"])
        else { return }
        #expect(run.status == 0)
        #expect(run.stdout.contains("reward 1.5000"))
        #expect(run.stdout.contains("format"))
        #expect(run.stdout.contains("language"))
    }

    @Test func rulesCheckReportsFileLineAndKeyAndFails() throws {
        let bad = NSTemporaryDirectory() + "assay-bad-\(UUID().uuidString).yaml"
        try "components:\n  x:\n    verifier: format\n    weight: lots\n".write(toFile: bad, atomically: true, encoding: .utf8)
        guard let run = try assay(["rules", "check", bad]) else { return }
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(bad):4:"))
        #expect(run.stderr.contains("components.x.weight"))
        guard let good = try assay(["rules", "check", "rules"]) else { return }
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("ok     rules/r1.yaml"))
    }

    @Test func unknownRuleIsAClearError() throws {
        guard let run = try assay(["verify", "--rule", "nope", "--completion", "x", "--no-cache"]) else { return }
        #expect(run.status != 0)
        #expect(run.stderr.contains("unknown rule \"nope\""))
    }
}
