import Foundation

/// What running an item's tests produced.
struct CodeRunReport: Sendable {
    /// One outcome per test, in order (tests skipped after an all-pass failure are `notRun`).
    var outcomes: [TestOutcome] = []
    /// The most severe run status seen (a limit, a timeout, an infrastructure error), if any.
    var worst: SandboxResult.Status?
    /// The compiler's message when the program did not build.
    var compileError: String?
    /// The reference itself is broken (its setup or tests raise): not the candidate's fault.
    var referenceError: String?
    /// Milliseconds spent in the worker.
    var milliseconds: Double = 0
    /// Whether the build came from the cache.
    var buildCached: Bool?
}

/// Runs stdin/stdout tests in one worker: builds the program once (or takes it from the
/// ``BuildCache``), runs each input in a fresh child, and judges the output outside the
/// candidate's process: by ``OutputComparator``, or by the reference's trusted checker, which
/// runs in a separate child after the candidate's process tree is gone.
struct StdioJudge: Sendable {
    var language: CodeLanguage
    var source: String
    var cases: [StdioCase]
    var checker: String?
    var mode: OutputMode
    var limits: SandboxLimits
    var stopOnFailure: Bool
    var deadline: ContinuousClock.Instant
    var builds: BuildCache

    static let buildLimits = SandboxLimits(
        wallTimeout: 30, addressSpaceBytes: nil, fileSizeBytes: 64 << 20, maxOutputBytes: 32 << 10, maxOpenFiles: 256)

    func run(on worker: ForkServerWorker) -> CodeRunReport {
        var report = CodeRunReport()
        let started = ContinuousClock.now
        defer { report.milliseconds = (ContinuousClock.now - started).milliseconds }
        do throws(WorkerFailure) { try worker.reset() } catch {
            report.worst = error == .timeout ? .timeout : .spawnError(error.description)
            return report
        }
        var files: [String: Data] = [:]
        var executables: Set<String> = []
        var program: WorkerRun.Program
        switch language.launch {
        case .warmPython:
            program = .python(source)
        case .executable(let name):
            switch build(on: worker, report: &report) {
            case .built(let binary)?:
                files[name] = binary
                executables = [name]
            case .failed(let message)?:
                report.compileError = message
                report.outcomes = cases.map { _ in .failed("compile error") }
                return report
            case nil:
                return report
            }
            program = .exec(["./" + name])
        }
        for (index, test) in cases.enumerated() {
            var testLimits = limits
            let remaining = ContinuousClock.now.duration(to: deadline).milliseconds / 1000
            guard remaining > 0.01 else {
                report.worst = report.worst ?? .timeout
                break
            }
            testLimits.wallTimeout = min(limits.wallTimeout, remaining)
            var run = WorkerRun(program: program, stdin: Data(test.input.utf8), limits: testLimits)
            // The build lives in the worker's /tmp: send it with the first test, and again after the worker
            // was stopped (a crash or timeout), since the restarted one starts empty.
            if index == 0 || !worker.isRunning {
                run.files = files
                run.executables = executables
            }
            let outcome = worker.run(run)
            let verdict = judge(test, outcome, worker: worker)
            report.outcomes.append(verdict)
            if outcome.status.severity > (report.worst?.severity ?? 0) { report.worst = outcome.status }
            if !verdict.isPass {
                if case .failed(let m) = verdict { report.outcomes[index] = .failed("test \(index): \(m)") }
                if stopOnFailure { break }
            }
        }
        while report.outcomes.count < cases.count { report.outcomes.append(.notRun("not run")) }
        return report
    }

    private func judge(_ test: StdioCase, _ outcome: WorkerRunOutcome, worker: ForkServerWorker) -> TestOutcome {
        guard outcome.status == .ok else {
            let tail = String(decoding: outcome.stderr.suffix(600), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failed("\(outcome.status.summary)" + (tail.isEmpty ? "" : ": " + String(tail.suffix(240))))
        }
        let actual = String(decoding: outcome.stdout, as: UTF8.self)
        if let checker {
            return check(checker, test, actual, worker: worker)
        }
        let comparison = OutputComparator.matches(actual: actual, expected: test.output, mode: mode)
        return comparison.matches ? .passed : .failed(comparison.message ?? "output differs")
    }

    private func check(_ checker: String, _ test: StdioCase, _ actual: String, worker: ForkServerWorker) -> TestOutcome {
        let driver = """
            import json as __assay_json, sys as __assay_sys
            __assay_case = __assay_json.loads(__assay_sys.stdin.read())
            \(checker)
            __assay_ok = check(__assay_case["input"], __assay_case["output"], __assay_case["expected"])
            __assay_sys.stdout.write("ASSAY-CHECK:" + ("1" if __assay_ok is True else "0"))
            """
        let payload: [String: String] = ["input": test.input, "output": actual, "expected": test.output]
        let stdin = (try? JSONSerialization.data(withJSONObject: payload)) ?? Data()
        let run = worker.run(WorkerRun(program: .python(driver), stdin: stdin, limits: SandboxLimits(wallTimeout: 10)))
        let out = String(decoding: run.stdout, as: UTF8.self)
        if run.status == .ok, out.hasSuffix("ASSAY-CHECK:1") { return .passed }
        if run.status == .ok, out.hasSuffix("ASSAY-CHECK:0") { return .failed("rejected by the checker") }
        let tail = String(decoding: run.stderr.suffix(300), as: UTF8.self)
        return .failed("checker failed (\(run.status.summary)): \(tail)")
    }

    /// The built program, from the cache or a build in the worker; `nil` after an infrastructure failure.
    private func build(on worker: ForkServerWorker, report: inout CodeRunReport) -> BuildOutcome? {
        guard let command = language.build, let output = language.buildOutput else { return .failed("no build command") }
        let key = BuildCache.key(language: language, source: source)
        if let cached = builds.lookup(key) {
            report.buildCached = true
            return cached
        }
        report.buildCached = false
        var limits = Self.buildLimits
        limits.wallTimeout = min(limits.wallTimeout, max(0.05, ContinuousClock.now.duration(to: deadline).milliseconds / 1000))
        let run = worker.run(WorkerRun(
            program: .exec(command), files: [language.sourceFile: Data(source.utf8)], collect: [output], limits: limits))
        switch run.status {
        case .ok:
            guard let binary = run.files[output] else {
                report.worst = .spawnError("the build produced no \(output)")
                return nil
            }
            builds.store(key, .built(binary))
            return .built(binary)
        case .exited:
            let message = String(decoding: run.stderr.suffix(4096), as: UTF8.self)
            let outcome = BuildOutcome.failed(CompilerMessage.summary(message))
            builds.store(key, outcome)
            return outcome
        default:
            report.worst = run.status == .timeout ? .timeout : run.status
            report.compileError = "build \(run.status.summary)"
            report.outcomes = cases.map { _ in .failed("build \(run.status.summary)") }
            return nil
        }
    }
}

/// The first error lines of a compiler's output, without the temporary directory noise.
enum CompilerMessage {
    static func summary(_ text: String, limit: Int = 600) -> String {
        let lines = text.split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.contains("error") }
        let chosen = (errors.isEmpty ? lines : errors).prefix(4).joined(separator: "\n")
        return String(chosen.prefix(limit))
    }
}

extension SandboxResult.Status {
    /// Orders statuses for "the worst run of an item": infrastructure > limits > timeout > crashes.
    var severity: Int {
        switch self {
        case .ok: 0
        case .exited: 1
        case .signaled: 2
        case .timeout: 3
        case .outputLimit, .memoryLimit: 4
        case .spawnError: 5
        }
    }

    /// Whether the run failed for reasons outside the candidate (the jail could not run it).
    var isInfrastructure: Bool {
        if case .spawnError = self { return true }
        return false
    }

    /// A short human-readable form.
    var summary: String {
        switch self {
        case .ok: "ok"
        case .exited(let c): "exit status \(c)"
        case .signaled(let s): "killed by signal \(s)"
        case .timeout: "time limit exceeded"
        case .memoryLimit: "memory limit exceeded"
        case .outputLimit: "output limit exceeded"
        case .spawnError(let m): "sandbox error: \(m)"
        }
    }
}
