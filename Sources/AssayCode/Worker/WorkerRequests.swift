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

    /// Runs HumanEval/MBPP tests with the tests and the candidate in separate processes.
    func functionTests(code: String, spec: PythonTestSpec, limits: SandboxLimits) -> FunctionTestsOutcome {
        let tests: [String: Any]
        switch spec {
        case .humanEval(let he):
            tests = ["kind": "humaneval", "trusted": he.prompt, "tests": [he.tests], "entry_point": he.entryPoint]
        case .mbpp(let mbpp):
            tests = ["kind": "mbpp", "trusted": mbpp.setupCode, "tests": mbpp.testList]
        }
        let req: [String: Any] = ["op": "pytests", "code": code, "limits": limits.workerJSON, "fresh": true]
        let response: WorkerResponse
        do {
            response = try request(req, tests: tests, timeout: limits.wallTimeout + Self.grace)
        } catch {
            var out = FunctionTestsOutcome(outcomes: [])
            if error == .timeout { out.timedOut = true } else { out.infrastructureError = error.description }
            return out
        }
        let o = response.object
        let results = o["results"] as? [[Any]] ?? []
        var outcomes: [TestOutcome] = results.map { pair in
            (pair.first as? Bool ?? false) ? .passed : .failed(pair.count > 1 ? "\(pair[1])" : "failed")
        }
        let total = max(o["total"] as? Int ?? spec.testCount, outcomes.count)
        let timedOut = o["timeout"] as? Bool ?? false
        let memory = response.oomKills > 0 || outcomes.contains { $0.message?.hasPrefix("MemoryError") == true }
        while outcomes.count < total {
            outcomes.append(.notRun(timedOut ? "timed out before this test ran" : memory ? "memory limit" : "the candidate ended before this test ran"))
        }
        var out = FunctionTestsOutcome(outcomes: outcomes, timedOut: timedOut, memoryLimit: memory)
        out.referenceError = o["reference_error"] as? String
        out.milliseconds = o["ms"] as? Double ?? 0
        if o["acknowledged"] as? Bool == false, !timedOut { out.infrastructureError = "test harness failed to start" }
        return out
    }
}
