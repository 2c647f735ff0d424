import AssayCode
import AssayCore
import Foundation
import Testing

@testable import AssayBench

let python = "/usr/bin/python3"
let pythonPresent = FileManager.default.isExecutableFile(atPath: python)

/// Runs `/usr/bin/python3 script arguments…` and returns its standard output.
func runPython(_ script: String, _ arguments: [String]) throws -> String {
    let run = try runProcess(python, [script] + arguments)
    guard run.status == 0 else { throw BenchInputError("\(script) exited \(run.status): \(run.stderr.suffix(500))") }
    return run.stdout
}

/// The engine with the repository's rules, for in-process scoring.
let benchEngine: RewardEngine = {
    let rules = try! RulesLocator.load(packageRoot + "/rules")
    return RewardEngine(rules: rules, limits: EngineLimits(concurrency: 2), cache: nil)
}()

/// Scores `file` against `set` in-process and returns the report and the per-sample log.
func benchmark(_ set: ProblemSet, _ file: CompletionsFile, ks: [Int]?) async throws -> (BenchReport, String, [ScoredSample]) {
    let problems = set.problems.filter { file.samples[$0.id] != nil }
    let samples = try await SetBenchmark(rule: "math").score(problems, completions: file, engine: benchEngine)
    let report = try BenchAnalysis(problems: problems, samples: samples, votes: true)
        .report(set: set.name, rule: "math", requestedKs: ks, missingProblems: 0, seconds: 1)
    return (report, SampleLog.render(samples, problems: problems), samples)
}

/// Asserts that our metrics equal the independent script's, overall and for every breakdown group.
func expectSameMetrics(_ report: BenchReport, _ independent: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) {
    func check(_ metrics: BenchMetrics, _ theirs: JSONValue?, _ place: String) {
        guard let theirs else {
            Issue.record("independent result lacks \(place)", sourceLocation: sourceLocation)
            return
        }
        #expect(theirs["n_problems"]?.intValue == metrics.problems, "\(place) n_problems", sourceLocation: sourceLocation)
        #expect(abs((theirs["pass@1"]?.doubleValue ?? -1) - metrics.passAt1.value) < 1e-9, "\(place) pass@1", sourceLocation: sourceLocation)
        for k in report.ks {
            let p = theirs["pass@k"]?[String(k)]?.doubleValue ?? -1
            let c = theirs["cons@k"]?[String(k)]?.doubleValue ?? -1
            #expect(abs(p - (metrics.passAtK[k]?.value ?? -2)) < 1e-9, "\(place) pass@\(k)", sourceLocation: sourceLocation)
            #expect(abs(c - (metrics.consAtK[k]?.value ?? -2)) < 1e-9, "\(place) cons@\(k)", sourceLocation: sourceLocation)
        }
    }
    check(report.overall, independent, "overall")
    for breakdown in report.breakdowns {
        for group in breakdown.groups where group.value != "(none)" {
            check(group.metrics, independent["breakdown"]?[breakdown.field]?[group.value], "\(breakdown.field)=\(group.value)")
        }
    }
}

@Suite(
    "metrics against an independent computation", .serialized,
    .enabled(if: pythonPresent && datasetsPresent, "needs /usr/bin/python3 and ../shared/datasets"))
struct IndependentCheckTests {
    static let script = packageRoot + "/Tests/AssayBenchTests/Support/independent_metrics.py"

    @Test("the reference script checks itself against brute-force enumeration")
    func referenceSelfTest() throws {
        _ = try runPython(Self.script, ["--self-test"])
    }

    @Test("problemsets/math-sample: pass@k and cons@k for k = 1, 2, 4, 8 (n = k included) match")
    func mathSample() async throws {
        let set = try ProblemSetLoader.load("math-sample", in: searchPaths)
        let file = try CompletionsFile.read(packageRoot + "/problemsets/math-sample.completions.jsonl", set: set)
        let (report, log, samples) = try await benchmark(set, file, ks: [1, 2, 4, 8])
        let path = try temporaryFile(log)
        let theirs = try JSONDecoder().decode(JSONValue.self, from: Data(try runPython(Self.script, [path, "--k", "1,2,4,8"]).utf8))
        expectSameMetrics(report, theirs)
        // The sample set has a problem where a wrong answer wins some votes: cons@4 < pass@4.
        #expect(report.overall.consAtK[4]!.value < report.overall.passAtK[4]!.value)
        // Equivalent spellings vote together: \frac{1}{2}, 0.5, 1/2, \frac{2}{4} are one class on cp-1.
        let cp1 = samples.filter { $0.problem == "cp-1" }
        #expect(Set([0, 1, 2, 4].map { cp1[$0].vote }).count == 1)
    }

    @Test("MATH-500 × 16 synthesised completions: end to end, metrics match, edge problems c = 0 and c = n occur")
    func math500() async throws {
        let completions = try temporaryFile("", name: "math500-x16.jsonl")
        _ = try runPython(packageRoot + "/scripts/synth-completions.py", [
            datasetsDirectory + "/math/math500.jsonl", "-k", "16", "--seed", "7", "-o", completions,
        ])
        let set = try ProblemSetLoader.load("math500", in: searchPaths)
        let file = try CompletionsFile.read(completions, set: set)
        let (report, log, samples) = try await benchmark(set, file, ks: nil)
        #expect(report.overall.samples == 8000 && report.problems == 500)
        #expect(report.ks == [1, 2, 4, 8, 16])
        let path = try temporaryFile(log)
        let theirs = try JSONDecoder().decode(JSONValue.self, from: Data(try runPython(Self.script, [path, "--k", "1,2,4,8,16"]).utf8))
        expectSameMetrics(report, theirs)

        let byProblem = Dictionary(grouping: samples, by: \.problem).mapValues { $0.count(where: \.correct) }
        #expect(byProblem.values.contains(0) && byProblem.values.contains(16))
        // The synthesiser's labels say which samples it meant to be right; the verifier should agree almost always.
        let labels = try #require(report.labels)
        #expect(labels.labelled == 8000)
        #expect(labels.disagreementRate < 0.01, "verifier disagrees with \(labels.engineStricter) + \(labels.engineLaxer) intended labels")
        // pass@k rises with k; majority vote cannot beat pass@k.
        let values = report.ks.map { report.overall.passAtK[$0]!.value }
        #expect(values == values.sorted())
        for k in report.ks { #expect(report.overall.consAtK[k]!.value <= report.overall.passAtK[k]!.value + 1e-12) }
    }
}

@Suite(
    "code sets", .enabled(if: getuid() == 0 && pythonPresent && SandboxRunner.locateHelper() != nil, "needs root, /usr/bin/python3 and assay-sandbox"))
struct CodeSetBenchTests {
    @Test("problemsets/code-sample: each sample runs in the sandbox; pass@k from the tests' verdicts, no cons@k, labels agree")
    func codeSample() async throws {
        let pool = WorkerPool(configuration: WorkerConfiguration(baseDirectory: "/tmp/assay-sandbox-bench-tests", firstUID: 62_000), size: 2)
        defer { pool.shutdown() }
        let rules = try RulesLocator.load(packageRoot + "/rules", codeWorkers: pool)
        let engine = RewardEngine(rules: rules, limits: EngineLimits(concurrency: 2), cache: nil)
        let set = try ProblemSetLoader.load("code-sample", in: searchPaths)
        let file = try CompletionsFile.read(packageRoot + "/problemsets/code-sample.completions.jsonl", set: set)
        let samples = try await SetBenchmark(rule: "code").score(set.problems, completions: file, engine: engine)
        let report = try BenchAnalysis(problems: set.problems, samples: samples, votes: false)
            .report(set: set.name, rule: "code", requestedKs: nil, missingProblems: 0, seconds: 1)
        #expect(report.ks == [1, 2, 4])
        #expect(report.overall.consAtK.isEmpty)
        #expect(report.notes.contains { $0.contains("cons@k is not reported") })
        #expect(report.labels?.disagreementRate == 0, "\(samples.filter { $0.label != $0.correct })")
        #expect(report.overall.passAt1.value == 0.5)
        // The endless loop is bounded by the problem's time_limit_s and reported, not fatal.
        #expect(report.statuses["timeout"] == 1)
        #expect(report.overall.passAtK[4]?.value == 1)
    }
}
