import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayBench

/// The built `assay` next to the test bundle.
let assayExecutable = builtExecutable("assay")

/// Runs `executable` with `arguments` from the package root (the shared datasets in `ASSAY_DATASETS_DIR`).
func runProcess(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    try runChildProcess(executable, arguments, in: packageRoot, environment: ["ASSAY_DATASETS_DIR": datasetsDirectory])
}

/// Runs the built `assay` with `arguments`.
func runAssay(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    try runProcess(assayExecutable!, arguments)
}

func readJSON(_ path: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
}

@Suite("assay bench (the command line contract)", .enabled(if: assayExecutable != nil && datasetsPresent, "needs the built assay and ../shared/datasets"))
struct BenchCommandTests {
    @Test("writes the JSON, Markdown, SVG and per-sample reports a CI suite scripts against")
    func reports() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assay-bench-cli-\(UUID().uuidString)").path
        let run = try runAssay([
            "bench", "--set", "math-sample", "--completions", "problemsets/math-sample.completions.jsonl", "--k", "1,2,8",
            "--no-cache", "--json", dir + "/r.json", "--markdown", dir + "/r.md", "--plot", dir + "/r.svg", "--samples", dir + "/s.jsonl",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try readJSON(dir + "/r.json")
        #expect(json["set"]?.stringValue == "math-sample")
        #expect(json["n_problems"]?.intValue == 12)
        #expect(json["samples_per_problem"]?.intValue == 8)
        for key in ["pass@1", "pass@k", "cons@k", "breakdown", "stderr", "labels"] { #expect(json[key] != nil, "missing \(key)") }
        #expect(json["pass@k"]?.objectValue?.keys.sorted() == ["1", "2", "8"])
        #expect(json["cons@k"]?.objectValue?.keys.sorted() == ["1", "2", "8"])
        #expect(json["breakdown"]?["subject"]?.objectValue?.count == 7)
        #expect(json["breakdown"]?["year"]?.objectValue?.keys.sorted() == ["2024", "2025"])
        let passAt1 = json["pass@1"]?.doubleValue ?? -1
        #expect(passAt1 > 0.3 && passAt1 < 0.9)
        #expect(json["pass@k"]?["8"]?.doubleValue ?? 0 >= passAt1)
        let samples = try String(contentsOfFile: dir + "/s.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(samples.count == 96)
        #expect(FileManager.default.fileExists(atPath: dir + "/r.md"))
        #expect(FileManager.default.fileExists(atPath: dir + "/r.svg"))
        #expect(run.stdout.contains("pass@1"))
    }

    @Test("the labelled completions reproduce the labels' accuracy within the measured disagreement rate")
    func labelledCompletions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assay-bench-cli-\(UUID().uuidString)").path
        let run = try runAssay([
            "bench", "--completions", datasetsDirectory + "/completions/math_completions.jsonl", "--no-cache", "--quiet", "--json", dir + "/r.json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let labels = try #require(try readJSON(dir + "/r.json")["labels"])
        let labelAccuracy = labels["label_accuracy"]?.doubleValue ?? -1
        let engineAccuracy = labels["engine_accuracy"]?.doubleValue ?? -1
        let disagreement = labels["disagreement_rate"]?.doubleValue ?? 1
        #expect(labels["labelled"]?.intValue == 2000)
        #expect(labelAccuracy == 0.6)  // 1200 of 2000 labelled true in the source
        #expect(abs(engineAccuracy - labelAccuracy) <= disagreement + 1e-12)
        #expect(disagreement < 0.02, "the math verifier should agree with ≥ 98 % of the labels")

        // With the reviewed labels (cases where the source's grader was wrong) the engine and labels agree more.
        let reviewed = try runAssay([
            "bench", "--completions", datasetsDirectory + "/completions/math_completions.jsonl", "--no-cache", "--quiet", "--json", dir + "/r2.json",
            "--label-review", "problemsets/label-reviews/math_completions.jsonl",
        ])
        #expect(reviewed.status == 0, "\(reviewed.stderr)")
        let json = try readJSON(dir + "/r2.json")
        let reviewedRate = json["labels"]?["disagreement_rate"]?.doubleValue ?? 1
        #expect(reviewedRate < disagreement)
        #expect(json["notes"]?.arrayValue?.contains { $0.stringValue?.contains("replaced by the reviewed labels") == true } == true)
    }

    @Test("unknown ids, missing problems, empty files and bad --k fail with a message and a non-zero status")
    func errors() throws {
        let unknown = try temporaryFile("{\"id\": \"nope\", \"completion\": \"\\\\boxed{1}\"}\n")
        var run = try runAssay(["bench", "--set", "math-sample", "--completions", unknown, "--no-cache"])
        #expect(run.status != 0 && run.stderr.contains("not in set math-sample: \"nope\""))

        let partial = try temporaryFile("{\"id\": \"alg-1\", \"completions\": [\"\\\\boxed{5}\", \"\\\\boxed{4}\"]}\n")
        run = try runAssay(["bench", "--set", "math-sample", "--completions", partial, "--no-cache"])
        #expect(run.status != 0 && run.stderr.contains("11 of 12 problems") && run.stderr.contains("--allow-missing"))

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assay-bench-cli-\(UUID().uuidString)").path
        run = try runAssay(["bench", "--set", "math-sample", "--completions", partial, "--no-cache", "--allow-missing", "--json", dir + "/r.json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try readJSON(dir + "/r.json")
        #expect(json["missing_problems"]?.intValue == 11 && json["n_problems"]?.intValue == 1 && json["pass@1"]?.doubleValue == 0.5)

        run = try runAssay(["bench", "--set", "math-sample", "--completions", try temporaryFile(""), "--no-cache"])
        #expect(run.status != 0 && run.stderr.contains("empty"))

        run = try runAssay(["bench", "--set", "math-sample", "--completions", partial, "--k", "0,x"])
        #expect(run.status != 0 && run.stderr.contains("--k takes positive integers"))

        run = try runAssay(["bench", "--set", "no-such-set", "--completions", partial])
        #expect(run.status != 0 && run.stderr.contains("no set \"no-such-set\""))
    }

    @Test("--fail-under turns a low pass@1 into exit status 1")
    func failUnder() throws {
        let args = ["bench", "--set", "math-sample", "--completions", "problemsets/math-sample.completions.jsonl", "--no-cache", "--quiet"]
        #expect(try runAssay(args + ["--fail-under", "0.99"]).status == 1)
        #expect(try runAssay(args + ["--fail-under", "0.1"]).status == 0)
    }
}

/// `runAssay` on a GCD thread, so a test can wait for the command without holding a cooperative-pool thread
/// that an in-process server's handlers need.
func runAssayOffPool(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
    try await runChildProcessOffPool(assayExecutable!, arguments, in: packageRoot, environment: ["ASSAY_DATASETS_DIR": datasetsDirectory])
}

@Suite("assay bench --generate", .enabled(if: assayExecutable != nil && datasetsPresent, "needs the built assay and ../shared/datasets"))
struct BenchGenerateTests {
    /// A stand-in for a policy model (no real model runs here): it answers the even-numbered problems of the
    /// sample set with their gold in R1 format and the odd ones with a wrong number, and checks the R1-Zero prompt.
    @Test("samples k completions per problem from a local OpenAI-compatible server, writes them, and scores them")
    func generateThenScore() async throws {
        let set = try ProblemSetLoader.load("math-sample", in: searchPaths)
        let golds = Dictionary(uniqueKeysWithValues: set.problems.enumerated().map { ($1.text, ($0, $1.reference["answer"]!.stringValue!)) })
        let server = try ScriptedJudgeServer { call in
            guard call.user.hasPrefix("A conversation between User and Assistant."), call.model == "policy",
                let (index, gold) = golds.first(where: { call.user.contains($0.key) })?.value
            else { return .status(400, body: "unexpected request") }
            return .content("<think>working</think>\n<answer>\\boxed{\(index % 2 == 0 ? gold : "12345")}</answer>")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assay-bench-gen-\(UUID().uuidString)").path
        let run = try await runAssayOffPool([
            "bench", "--set", "math-sample", "--generate", "--generate-url", server.baseURL, "--generate-model", "policy",
            "--samples-per-problem", "4", "--completions", dir + "/samples.jsonl", "--json", dir + "/r.json", "--no-cache", "--quiet",
        ])
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(server.callCount == 48)
        let lines = try String(contentsOfFile: dir + "/samples.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 12)
        let json = try readJSON(dir + "/r.json")
        #expect(json["samples_per_problem"]?.intValue == 4)
        #expect(json["pass@1"]?.doubleValue == 0.5)
        #expect(json["pass@k"]?["4"]?.doubleValue == 0.5)
        #expect(json["cons@k"]?["4"]?.doubleValue == 0.5)
    }

    @Test("--generate without an endpoint is refused before anything runs")
    func missingEndpoint() throws {
        let run = try runAssay(["bench", "--set", "math-sample", "--generate", "--completions", "/tmp/never.jsonl"])
        #expect(run.status != 0 && run.stderr.contains("--generate-url and --generate-model"))
    }
}
