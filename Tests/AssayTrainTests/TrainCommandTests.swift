import AssayTestSupport
import Foundation
import Testing

/// `assay train` as a user runs it: the built executable in a child process.
@Suite("assay train (the command line contract)", .enabled(if: builtExecutable("assay") != nil, "needs the built assay"))
struct TrainCommandTests {
    static func assay(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await runChildProcessOffPool(builtExecutable("assay")!, arguments, in: packageRoot)
    }

    @Test("trains a tiny run, writes log, chart and checkpoint, and --eval grades the checkpoint on the held-out split")
    func trainThenEvaluate() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assay-train-cli-\(UUID().uuidString)").path
        let files = ["--log", dir + "/log.jsonl", "--chart", dir + "/curves.svg", "--save", dir + "/policy.ckpt"]
        let run = try await Self.assay(["train", "--tiny", "--steps", "4", "--seed", "3", "--no-cache"] + files)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("held-out pass@1: "), "\(run.stdout)")
        #expect(run.stdout.contains("waiting on rewards (in-process)"))
        #expect(run.stderr.contains("cold start: 40 steps on 128 template-only demonstrations"), "\(run.stderr)")
        let log = try String(contentsOfFile: dir + "/log.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(log.count == 4)
        let svg = try String(contentsOfFile: dir + "/curves.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))

        let eval = try await Self.assay(["train", "--tiny", "--seed", "3", "--eval", dir + "/policy.ckpt", "--eval-samples", "2", "--no-cache"])
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout.contains("pass@1"), "\(eval.stdout)")
        #expect(eval.stdout.contains("chain-heldout"), "\(eval.stdout)")

        // The default model is larger than --tiny's: its checkpoint does not fit, and the error says why.
        let mismatch = try await Self.assay(["train", "--eval", dir + "/policy.ckpt", "--no-cache"])
        #expect(mismatch.status != 0)
        #expect(mismatch.stderr.lowercased().contains("checkpoint"), "\(mismatch.stderr)")
    }

    @Test(
        "bad options are refused before any training, with the option named",
        arguments: [
            (["--task", "calculus"], "--task must be one of chain, walk, sum3, add1, add2"),
            (["--think", "loud"], "--think must be empty or echo"),
            (["--lr-schedule", "linear"], "--lr-schedule must be constant or cosine"),
            (["--advantages", "ppo"], "--advantages must be grpo or dr_grpo"),
            (["--group", "1"], "--group at least 2"),
            (["--eval-temperature", "0"], "--eval-temperature"),
            (["--server", "ftp://x"], "--server must be an http(s) URL"),
        ])
    func badOptions(arguments: [String], message: String) async throws {
        let run = try await Self.assay(["train", "--no-cache"] + arguments)
        #expect(run.status != 0)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!run.stderr.contains("cold start"))
    }
}
