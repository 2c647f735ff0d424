import ArgumentParser
import AssayBench
import AssayCore
import Foundation

struct BenchEngineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-engine",
        abstract: "Measure items/s of a rule in-process, over HTTP, and against a Python baseline, side by side.")

    @Option(help: "Items in the batch.") var items: Int = 10_000
    @Option(help: "Approximate completion size in bytes.") var completionBytes: Int = 2048
    @Option(help: "Timed repetitions (best is reported).") var repeats: Int = 3
    @Option(help: "Rule to score with.") var rule: String = "r1"
    @Option(help: "Python interpreter for the baseline, by absolute path ('none' to skip).") var python: String = "/usr/bin/python3"
    @Flag(help: "Skip the HTTP measurement.") var noHTTP = false
    @Option(help: "Directory of rule files.") var rules: String?
    @Option(help: "Items scored at once (default: number of cores).") var concurrency: Int?

    func validate() throws {
        guard items > 0, completionBytes >= 256, repeats > 0 else {
            throw ValidationError("--items and --repeats must be positive, --completion-bytes at least 256")
        }
    }

    func run() async throws {
        let ruleSet: RuleSet
        do { ruleSet = try RulesLocator.load(rules) } catch { throw ValidationError("rules: \(error)") }
        guard ruleSet[rule] != nil else { throw ValidationError("unknown rule \(rule)") }
        let engine = RewardEngine(
            rules: ruleSet, limits: EngineLimits(concurrency: concurrency ?? EngineLimits.defaultConcurrency), cache: nil)
        var bench = EngineBenchmark()
        bench.items = items
        bench.completionBytes = completionBytes
        bench.repeats = repeats
        bench.rule = rule
        bench.python = python == "none" ? nil : python
        bench.includeHTTP = !noHTTP
        let results = try await bench.run(engine: engine) { print($0) }
        print("")
        print(EngineBenchmark.table(results))
    }
}
