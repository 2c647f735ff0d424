import ArgumentParser
import AssayBench
import AssayCore
import Foundation

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Score a problem set's sampled completions: pass@1, pass@k, cons@k, with per-subject/level/year breakdowns.",
        discussion: """
            assay bench --set math500 --completions samples.jsonl --k 1,8,16 --json report.json --plot passk.svg
            --set takes a file, a set in problemsets/, or a file in ../shared/datasets/ (math500, aime2024, gsm8k, humaneval…).
            Completions: {"id", "completions": [...]} per problem, or {"id", "completion"} per line (see problemsets/README.md).
            Samples are graded by the same engine and rules as the server's rewards; exit status 1 with --fail-under when
            pass@1 is below it.
            """)

    @Option(help: "The problem set: a JSONL file, a name in problemsets/, or a file in ../shared/datasets/.")
    var set: String?

    @Option(help: "Sampled completions (JSONL). Rows that carry their problem and gold need no --set.")
    var completions: String?

    @Option(help: "The rule that grades a sample (default: math for math sets, code for code sets).")
    var rule: String?

    @Option(help: "The rule component whose verdict decides correctness (default: the first math, code or judge component).")
    var component: String?

    @Option(help: "Comma-separated k values for pass@k and cons@k (default: 1, 2, 4, … up to the samples per problem).")
    var k: String?

    @Option(help: "Write the report as JSON here.") var json: String?
    @Option(help: "Write the report as Markdown here.") var markdown: String?
    @Option(help: "Write an SVG chart of pass@k against k here.") var plot: String?
    @Option(help: "Write one JSON line per graded sample here (verdict, answer, vote class, label).") var samples: String?

    @Option(help: "Reviewed labels (JSONL id, reviewed_label) replacing the completions' own, e.g. problemsets/label-reviews/math_completions.jsonl.")
    var labelReview: String?

    @Flag(help: "Score only the problems that have completions (the report counts the rest as missing).")
    var allowMissing = false

    @Option(help: "Exit with status 1 when pass@1 is below this value (0–1), for CI.")
    var failUnder: Double?

    @Flag(help: "Print no table (the files are still written).")
    var quiet = false

    @Option(help: "Score only the set's first N problems (with --generate: sample only those).")
    var limit: Int?

    @OptionGroup(title: "Sampling with --generate") var generation: GenerationOptions

    @OptionGroup var engine: EngineOptions

    func validate() throws {
        if completions == nil {
            throw ValidationError(
                generation.generate ? "--completions names the file --generate writes" : "give --completions (and --set unless the rows carry their problems)")
        }
        if generation.generate && set == nil { throw ValidationError("--generate needs --set") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let k { _ = try Self.parseKs(k) }
        if let failUnder, !(0...1).contains(failUnder) { throw ValidationError("--fail-under must be between 0 and 1") }
    }

    static func parseKs(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { Int($0) }
        guard !parts.isEmpty, values.count == parts.count, values.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--k takes positive integers separated by commas, e.g. 1,8,64 (got \"\(text)\")")
        }
        return values
    }

    func run() async throws {
        if generation.generate { try await generate() }
        var (problemSet, file) = try load()
        var reviewNote: [String] = []
        if let labelReview {
            do {
                let changed = try file.applyLabelReview(labelReview)
                reviewNote = ["\(changed) label(s) replaced by the reviewed labels of \(labelReview)"]
            } catch { throw ValidationError(error.description) }
        }
        let problems = problemSet.problems.filter { file.samples[$0.id] != nil }
        let missing = problemSet.problems.count - problems.count
        if missing > 0 && !allowMissing {
            let names = problemSet.problems.lazy.filter { file.samples[$0.id] == nil }.prefix(5).map { "\"\($0.id)\"" }
            throw ValidationError(
                "\(missing) of \(problemSet.problems.count) problems in \(problemSet.name) have no completions in \(file.path) "
                    + "(\(names.joined(separator: ", "))\(missing > 5 ? ", …" : "")); pass --allow-missing to score only those that have")
        }
        guard !problems.isEmpty else { throw ValidationError("no problem of \(problemSet.name) has completions") }
        guard let task = Set(problems.map(\.task)).count == 1 ? problems[0].task : nil, rule != nil || task == "math" || task == "code" else {
            throw ValidationError("the set mixes math and code problems; name a rule that routes by task with --rule (e.g. r1)")
        }
        let ruleName = rule ?? task

        let total = problems.reduce(0) { $0 + (file.samples[$1.id]?.count ?? 0) }
        if !quiet {
            printError("\(problemSet.name): \(problems.count) problems, \(total) completions, rule \(ruleName)")
        }
        let rewardEngine = try engine.makeEngine()
        let bench = SetBenchmark(rule: ruleName, component: component, chunkSize: max(64, rewardEngine.limits.concurrency * 32))
        let bar = ProgressBar(total: total, label: "scoring")
        let start = ContinuousClock.now
        let scored: [ScoredSample]
        do {
            scored = try await bench.score(problems, completions: file, engine: rewardEngine) { bar.update($0) }
        } catch let error as BenchInputError {
            throw ValidationError(error.description)
        }
        bar.finish()
        let seconds = start.duration(to: .now).milliseconds / 1000

        let analysis = BenchAnalysis(problems: problems, samples: scored, votes: task == "math")
        let requestedKs = try k.map(Self.parseKs)
        let report: BenchReport
        do {
            report = try analysis.report(
                set: problemSet.name, rule: ruleName, requestedKs: requestedKs, missingProblems: missing, seconds: seconds,
                notes: reviewNote + (missing > 0 ? ["\(missing) problem(s) of the set have no completions and are not counted"] : []))
        } catch {
            throw ValidationError(error.description)
        }
        if !quiet {
            let table = BenchTable.render(report, color: isatty(1) == 1)
            print(table, terminator: table.hasSuffix("\n") ? "" : "\n")
        }
        try write(BenchJSONReport.render(report), to: json)
        try write(MarkdownReport.render(report), to: markdown)
        try write(PassAtKChart.svg(report), to: plot)
        try write(SampleLog.render(scored, problems: problems), to: samples)
        if let failUnder, report.overall.passAt1.value < failUnder {
            printError(String(format: "pass@1 %.4f is below --fail-under %.4f", report.overall.passAt1.value, failUnder))
            throw ExitCode(1)
        }
    }

    func load() throws -> (ProblemSet, CompletionsFile) {
        do {
            if let set {
                let problemSet = try limited(ProblemSetLoader.load(set))
                return (problemSet, try CompletionsFile.read(completions!, set: problemSet))
            }
            let file = try CompletionsFile.read(completions!, set: nil)
            guard !file.embeddedProblems.isEmpty else {
                throw BenchInputError("\(completions!): rows carry no problems; give --set")
            }
            let name = URL(fileURLWithPath: completions!).deletingPathExtension().lastPathComponent
            return (try limited(ProblemSet(name: name, path: completions!, problems: file.embeddedProblems)), file)
        } catch let error as BenchInputError {
            throw ValidationError(error.description)
        }
    }

    /// The set cut to its first `--limit` problems.
    func limited(_ set: ProblemSet) throws(BenchInputError) -> ProblemSet {
        guard let limit, limit < set.problems.count else { return set }
        return try ProblemSet(name: set.name, path: set.path, problems: Array(set.problems.prefix(limit)))
    }

    /// Samples `--samples-per-problem` completions per problem from the endpoint and writes them to `--completions`.
    func generate() async throws {
        let problemSet: ProblemSet
        do { problemSet = try limited(ProblemSetLoader.load(set!)) } catch { throw ValidationError(error.description) }
        let generator = try generation.makeGenerator()
        let prompts = problemSet.problems.map { (id: $0.id, problem: $0.text) }
        if !quiet {
            printError(
                "sampling \(generator.samplesPerProblem) completions for each of \(prompts.count) problems from \(generator.endpoint.model) at \(generator.endpoint.baseURL)")
        }
        let bar = ProgressBar(total: prompts.count * generator.samplesPerProblem, label: "sampling")
        let run = await generator.generate(prompts) { bar.update($0) }
        bar.finish()
        printError(run.report.description)
        do {
            let directory = URL(fileURLWithPath: completions!).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try CompletionGenerator.writeJSONL(run.problems, to: completions!, failedSamples: .emptyString)
        } catch {
            throw ValidationError("cannot write \(completions!): \(error)")
        }
        if run.report.completions == 0 { throw ValidationError("the endpoint returned no completion; nothing to score") }
    }

    func write(_ text: @autoclosure () -> String, to path: String?) throws {
        guard let path else { return }
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do { try Data(text().utf8).write(to: url) } catch { throw ValidationError("cannot write \(path): \(error.localizedDescription)") }
    }
}
