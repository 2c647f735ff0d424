import Foundation

/// One program run inside a warm worker: a Python program run as `__main__` in a forked
/// interpreter, or an executable (a compiler, a compiled binary) exec'd from a forked child.
public struct WorkerRun: Sendable {
    /// What to run.
    public enum Program: Sendable {
        /// Python source run as `__main__` in a forked warm interpreter.
        case python(String)
        /// An argv exec'd in a forked child (absolute path, or `./name` in the run's directory).
        case exec([String])
    }

    public var program: Program
    public var stdin: Data
    /// Files written into the run's directory first (`[name: content]`), kept for later runs of the item.
    public var files: [String: Data] = [:]
    /// Files among `files` that must be executable.
    public var executables: Set<String> = []
    /// Files read back after the run (e.g. a compiled binary).
    public var collect: [String] = []
    public var limits: SandboxLimits

    /// A run of `program` with `stdin` under `limits`.
    public init(program: Program, stdin: Data = Data(), limits: SandboxLimits) {
        self.program = program
        self.stdin = stdin
        self.limits = limits
    }

    init(program: Program, files: [String: Data], collect: [String], limits: SandboxLimits) {
        self.init(program: program, limits: limits)
        self.files = files
        self.collect = collect
    }
}

/// What came back from a ``WorkerRun``.
public struct WorkerRunOutcome: Sendable {
    public var status: SandboxResult.Status
    public var stdout = Data()
    public var stderr = Data()
    public var milliseconds: Double = 0
    public var cpuMilliseconds: Double = 0
    public var files: [String: Data] = [:]
}

/// What came back from a function-test request: one outcome per test unit.
struct FunctionTestsOutcome: Sendable {
    var outcomes: [TestOutcome]
    var timedOut = false
    var memoryLimit = false
    var referenceError: String?
    var infrastructureError: String?
    var milliseconds: Double = 0
}

extension SandboxLimits {
    /// The forkserver's `limits` object.
    var workerJSON: [String: Any] {
        var out: [String: Any] = ["wall": wallTimeout, "cpu": effectiveCPUSeconds, "output": maxOutputBytes]
        if let v = addressSpaceBytes { out["as"] = v }
        if let v = fileSizeBytes { out["fsize"] = v }
        if let v = maxOpenFiles { out["nofile"] = v }
        return out
    }
}

extension ForkServerWorker {
    /// Grace beyond a run's wall time before the worker itself is presumed stuck.
    static let grace = 5.0

    /// Wipes the worker's `/tmp` (start of an item).
    func reset() throws(WorkerFailure) {
        _ = try request(["op": "reset"], timeout: 10)
    }

    /// Runs one program; infrastructure failures become ``SandboxResult/Status/spawnError(_:)``.
    func run(_ run: WorkerRun) -> WorkerRunOutcome {
        var req: [String: Any] = ["op": "run", "limits": run.limits.workerJSON, "stdin": run.stdin.base64EncodedString()]
        switch run.program {
        case .python(let code): req["mode"] = "python"; req["code"] = code
        case .exec(let argv): req["mode"] = "exec"; req["argv"] = argv
        }
        if !run.files.isEmpty {
            req["files"] = run.files.mapValues { $0.base64EncodedString() }
            req["modes"] = Dictionary(uniqueKeysWithValues: run.executables.map { ($0, 0o755) })
        }
        if !run.collect.isEmpty { req["collect"] = run.collect }
        let response: WorkerResponse
        do {
            response = try request(req, timeout: run.limits.wallTimeout + Self.grace)
        } catch {
            return WorkerRunOutcome(status: error == .timeout ? .timeout : .spawnError(error.description))
        }
        let o = response.object
        var outcome = WorkerRunOutcome(status: .ok)
        outcome.stdout = Data(base64Encoded: o["stdout"] as? String ?? "") ?? Data()
        outcome.stderr = Data(base64Encoded: o["stderr"] as? String ?? "") ?? Data()
        outcome.milliseconds = o["ms"] as? Double ?? 0
        outcome.cpuMilliseconds = o["cpu_ms"] as? Double ?? 0
        for (name, value) in o["files"] as? [String: String] ?? [:] {
            outcome.files[name] = Data(base64Encoded: value)
        }
        let signal = Int32(o["signal"] as? Int ?? 0)
        switch o["status"] as? String {
        case "ok": outcome.status = .ok
        case "exited":
            let code = Int32(o["code"] as? Int ?? 1)
            let tail = String(decoding: outcome.stderr.suffix(2048), as: UTF8.self)
            outcome.status = tail.contains("MemoryError") || tail.contains("std::bad_alloc") ? .memoryLimit : .exited(code)
        case "signaled": outcome.status = response.oomKills > 0 ? .memoryLimit : .signaled(signal)
        case "timeout": outcome.status = .timeout
        case "output_limit": outcome.status = .outputLimit
        default: outcome.status = .spawnError(o["error"] as? String ?? "unexpected worker response")
        }
        if response.oomKills > 0, outcome.status != .ok { outcome.status = .memoryLimit }
        return outcome
    }

    /// Runs HumanEval/MBPP tests: the tester runs them and calls the candidate, which the forkserver forks,
    /// over two fresh pipes (tester → candidate, candidate → tester) whose ends each side receives by
    /// `SCM_RIGHTS`; then the forkserver is told to stop the candidate and reap its namespace.
    func functionTests(code: String, spec: PythonTestSpec, limits: SandboxLimits) -> FunctionTestsOutcome {
        var tests: [String: Any]
        switch spec {
        case .humanEval(let he):
            tests = ["kind": "humaneval", "trusted": he.prompt, "tests": [he.tests], "entry_point": he.entryPoint]
        case .mbpp(let mbpp):
            tests = ["kind": "mbpp", "trusted": mbpp.setupCode, "tests": mbpp.testList]
        }
        tests["op"] = "tests"
        tests["wall"] = limits.wallTimeout
        var out = FunctionTestsOutcome(outcomes: [])
        do throws(WorkerFailure) {
            try ensureStarted()
            try ensureTesterStarted()
        } catch {
            out.infrastructureError = error.description
            return out
        }
        var toCandidate: [Int32] = [-1, -1], toTester: [Int32] = [-1, -1]
        spawnLock.lock()
        let piped = makePipe(&toCandidate) && makePipe(&toTester)
        spawnLock.unlock()
        defer { closeAll(toCandidate + toTester) }
        guard piped else {
            out.infrastructureError = "pipe: \(String(cString: strerror(errno)))"
            return out
        }
        let oomBefore = oomKills
        let end = JailedProcess.deadline(limits.wallTimeout + Self.grace)
        let candidate: [String: Any] = ["op": "candidate", "code": code, "limits": limits.workerJSON, "fresh": true]
        // 1. Both sides get their ends; then Swift closes its copies, so each pipe has exactly one writer.
        do throws(FramedPipe.Failure) {
            try tester.send(tests, deadline: end)
            try tester.pass([toTester[0], toCandidate[1]])
        } catch {
            stopTester()
            out.infrastructureError = "tester: \(error) \(tester.drainStderr())"
            return out
        }
        do throws(FramedPipe.Failure) {
            try forkserver.send(candidate, deadline: end)
            try forkserver.pass([toCandidate[0], toTester[1]])
        } catch {
            _ = fail(error, oomBefore: oomBefore)
            stopTester()  // it may be waiting on a candidate that never came
            out.infrastructureError = "forkserver: \(error)"
            return out
        }
        closeAll(toCandidate + toTester)
        toCandidate = [-1, -1]
        toTester = [-1, -1]
        // 2. The tester answers by its wall deadline (it stops calling a candidate that runs late).
        var report: [String: Any] = [:]
        do throws(FramedPipe.Failure) {
            report = try tester.receive(deadline: end)
        } catch {
            stopTester()
            if error == .timeout { out.timedOut = true } else { out.infrastructureError = "tester: \(error) \(tester.drainStderr())" }
        }
        // 3. The candidate is stopped and its namespace reaped.
        var candidateReport: [String: Any] = [:]
        do throws(FramedPipe.Failure) {
            try forkserver.send(["op": "stop"], deadline: JailedProcess.deadline(Self.grace))
            candidateReport = try forkserver.receive(deadline: JailedProcess.deadline(Self.grace))
        } catch {
            _ = fail(error, oomBefore: oomBefore)
        }
        let results = report["results"] as? [[Any]] ?? []
        var outcomes: [TestOutcome] = results.map { pair in
            (pair.first as? Bool ?? false) ? .passed : .failed(pair.count > 1 ? "\(pair[1])" : "failed")
        }
        let total = max(report["total"] as? Int ?? spec.testCount, outcomes.count)
        let timedOut = out.timedOut || report["timeout"] as? Bool ?? false
        let memory = oomKills > oomBefore || outcomes.contains { $0.message?.hasPrefix("MemoryError") == true }
            || (candidateReport["signal"] as? Int == Int(SIGKILL) && candidateReport["exited"] as? Bool == true)
        while outcomes.count < total {
            outcomes.append(.notRun(timedOut ? "timed out before this test ran" : memory ? "memory limit" : "not run"))
        }
        out.outcomes = outcomes
        out.timedOut = timedOut
        out.memoryLimit = memory
        out.referenceError = report["reference_error"] as? String
        if out.infrastructureError == nil, let error = report["error"] as? String { out.infrastructureError = "tester: \(error)" }
        out.milliseconds = candidateReport["ms"] as? Double ?? 0
        return out
    }
}
