import AssayCore
import Foundation

/// `code`: extracts the program from a completion and runs it against the item's tests in a warm, jailed worker.
///
/// References use the public sets' field names (see ``CodeReference``). Function tests (HumanEval, MBPP) run
/// with the tests and the candidate in two processes that exchange plain values only; stdin/stdout tests run
/// each input in a fresh child and are judged outside it (``StdioJudge``). Verdicts: `correct` (every test
/// passes), `partial`, `wrong`, `no_answer` (no code block). A run that hits the wall clock makes the item's
/// status `timeout`; memory or output caps make it `limit`; a sandbox that cannot run makes it `error` (never
/// a silent 0); a broken reference makes it `invalid`. The score is the rule's either way: all-pass 1/0 by
/// default, or the pass fraction with `reward: fraction`.
public struct CodeVerifier: Verifier {
    public let name = "code"
    public let version = "2"
    public let cost = VerifierCost.expensive
    public let canonicalParams: JSONValue
    /// Every run has its own wall timeout, bounded by the item's deadline.
    public let honoursDeadline = true

    /// How the tests' results become a score.
    public enum Reward: String, CaseIterable, Sendable { case allPass = "all_pass", fraction }

    let language: CodeLanguage
    let extraction: CodeExtractionOptions
    let reward: Reward
    let timeout: Double
    let memoryMB: Int
    let outputMode: OutputMode
    let promptPolicy: CandidateSource.PromptPolicy
    let pool: WorkerPool
    let builds: BuildCache

    /// Reads `language`, `selection`, `reward`, `timeout_seconds` (per test for stdin/stdout, per item for
    /// function tests), `memory_mb`, `output_mode` and `prompt` (HumanEval prompt policy).
    public init(params: inout VerifierParams, pool: WorkerPool, builds: BuildCache) throws {
        let languageName = try params.string("language", default: "python")
        guard let language = CodeLanguage.named(languageName) else {
            throw VerifierParams.Failure(
                key: "language", message: "unknown language \"\(languageName)\"; one of \(CodeLanguage.builtIn.keys.sorted().joined(separator: ", "))")
        }
        self.language = language
        var extraction = CodeExtractionOptions(language: language.name)
        extraction.selection = try params.choice("selection", default: .last)
        self.extraction = extraction
        reward = try params.choice("reward", default: .allPass)
        outputMode = try params.choice("output_mode", default: .lines)
        promptPolicy = try params.choice("prompt", default: .ifMissing)
        timeout = try params.double("timeout_seconds", default: 10, in: 0.1...600)
        memoryMB = try params.int("memory_mb", default: 512, in: 16...16_384)
        self.pool = pool
        self.builds = builds
        canonicalParams = .object(params.values)
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        let reference: CodeReference
        do {
            reference = try CodeReference(input.reference)
        } catch {
            return VerifierResult(score: 0, verdict: .error, detail: ["error": .string(error.description)], status: .invalid)
        }
        let language = reference.language ?? self.language
        var extraction = self.extraction
        extraction.language = language.name
        guard let code = CodeExtractor.extract(from: input.completion, options: extraction) else {
            return VerifierResult(score: 0, verdict: .noAnswer, detail: ["reason": .string("no \(language.name) code block")])
        }
        var limits = SandboxLimits()
        let memory = min(reference.memoryMB ?? memoryMB, memoryMB)
        // Per item the address space is the memory limit; the memory cgroup caps each worker as a whole.
        limits.addressSpaceBytes = language.launch == .warmPython ? max(memory << 20, 256 << 20) : max(memory << 20, 64 << 20)
        limits.wallTimeout = min(reference.timeLimit ?? timeout, timeout)
        let deadline = input.deadline

        // An infrastructure failure (a worker that died under us) is retried once on a fresh worker.
        var report = await runTests(reference, language: language, code: code.code, limits: limits, deadline: deadline)
        if report.worst?.isInfrastructure == true, ContinuousClock.now.duration(to: deadline) > .milliseconds(500) {
            report = await runTests(reference, language: language, code: code.code, limits: limits, deadline: deadline)
        }
        return result(report, language: language)
    }

    func runTests(_ reference: CodeReference, language: CodeLanguage, code: String, limits: SandboxLimits, deadline: ContinuousClock.Instant) async -> CodeRunReport {
        switch reference.tests {
        case .function(let spec):
            guard language.supportsFunctionTests else {
                return CodeRunReport(referenceError: "function tests (test_list, test + entry_point) need language python")
            }
            var source = code
            if case .humanEval(let he) = spec { source = CandidateSource.humanEval(code: source, spec: he, promptPolicy: promptPolicy) }
            let candidate = source
            return await pool.withWorker { worker in
                // The budget is what is left once a worker is free, not when the item was queued.
                var runLimits = limits
                let remaining = ContinuousClock.now.duration(to: deadline).milliseconds / 1000
                guard remaining > 0.01 else { return CodeRunReport(worst: .timeout) }
                runLimits.wallTimeout = min(runLimits.wallTimeout, remaining)
                return Self.functionReport(worker.functionTests(code: candidate, spec: spec, limits: runLimits))
            }
        case .stdio(let cases):
            let judge = StdioJudge(
                language: language, source: code, cases: cases, checker: reference.checker,
                mode: reference.outputMode ?? outputMode, limits: limits, stopOnFailure: reward == .allPass,
                deadline: deadline, builds: builds)
            return await pool.withWorker { worker in judge.run(on: worker) }
        }
    }

    static func functionReport(_ outcome: FunctionTestsOutcome) -> CodeRunReport {
        var report = CodeRunReport(outcomes: outcome.outcomes, milliseconds: outcome.milliseconds)
        report.referenceError = outcome.referenceError
        if let infra = outcome.infrastructureError { report.worst = .spawnError(infra) }
        else if outcome.timedOut { report.worst = .timeout }
        else if outcome.memoryLimit { report.worst = .memoryLimit }
        return report
    }

    func result(_ report: CodeRunReport, language: CodeLanguage) -> VerifierResult {
        if let reference = report.referenceError {
            return VerifierResult(score: 0, verdict: .error, detail: ["error": .string("reference: \(reference)")], status: .invalid)
        }
        let total = report.outcomes.count
        let passed = report.outcomes.count(where: \.isPass)
        let fraction = total > 0 ? Double(passed) / Double(total) : 0
        let score = reward == .fraction ? fraction : (passed == total && total > 0 ? 1 : 0)
        let verdict: Verdict = passed == total && total > 0 ? .correct : (passed > 0 ? .partial : .wrong)
        var status = ItemStatus.ok
        var detail: [String: JSONValue] = ["passed": .int(passed), "total": .int(total), "language": .string(language.name)]
        switch report.worst {
        case .timeout?: status = .timeout
        case .memoryLimit?, .outputLimit?: status = .limit
        case .spawnError(let message)?:
            status = .error
            detail["error"] = .string(message)
        default: break
        }
        if let worst = report.worst { detail["run"] = .string(worst.summary) }
        if let compile = report.compileError { detail["compile_error"] = .string(compile) }
        if let cached = report.buildCached { detail["build_cached"] = .bool(cached) }
        if let failure = report.outcomes.first(where: { !$0.isPass })?.message { detail["first_failure"] = .string(String(failure.prefix(300))) }
        detail["tests"] = .array(report.outcomes.prefix(256).map { .bool($0.isPass) })
        detail["ms"] = .double((report.milliseconds * 10).rounded() / 10)
        let finalVerdict: Verdict = status == .error ? .error : verdict
        return VerifierResult(score: status == .error ? 0 : score, verdict: finalVerdict, detail: .object(detail), status: status)
    }
}

/// Registers `code` with one shared worker pool and build cache.
public enum CodeVerifiers {
    /// Registers `code` into `registry`, running on `pool` (created on first use when `nil`).
    public static func register(into registry: inout VerifierRegistry, pool: WorkerPool, builds: BuildCache = BuildCache()) {
        registry.register("code", summary: "runs the completion's code against the item's tests in a jailed worker") {
            try CodeVerifier(params: &$0, pool: pool, builds: builds)
        }
    }
}
