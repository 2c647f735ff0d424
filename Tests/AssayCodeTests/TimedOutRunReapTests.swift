@testable import AssayCode
import Foundation
import Synchronization
import Testing

/// A run that escapes its time limit (5 s: long enough for the grandchild to start on a loaded CI machine) leaves
/// no process behind: the program ignores SIGTERM and sleeps past
/// its wall limit after starting a daemonised grandchild (double fork, own session, SIGTERM ignored, sleeping
/// for ten minutes). When the run comes back `timeout`, no process whose command line carries the run's marker
/// may be alive anywhere on the host. Checked for the warm workers the code verifier uses and for the
/// one-shot sandbox runner. Needs root, /usr/bin/python3 and assay-sandbox.
@Suite("timed-out runs are reaped", .serialized, .enabled(if: workerJailAvailable, "needs root, /usr/bin/python3 and assay-sandbox"))
struct TimedOutRunReapTests {
    static let pool = WorkerPool(
        configuration: WorkerConfiguration(baseDirectory: "/tmp/assay-sandbox-reap-tests", firstUID: 62_100), size: 1)

    /// The program of the run: `marker` appears in the grandchild's command line.
    static func escapingProgram(marker: String) -> String {
        """
        import os, signal, sys, time
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                python = sys.executable or '/usr/bin/python3'
                os.execv(python, [python, '-c', 'import signal, time\\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\\ntime.sleep(600)  # \(marker)'])
            os._exit(0)
        print('spawned', flush=True)
        time.sleep(600)
        """
    }

    /// Live processes whose command line contains `marker` (zombies have an empty command line).
    static func processes(marker: String) -> [Int] {
        let needle = Array(marker.utf8)
        return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { name -> Int? in
            guard let pid = Int(name), let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline") else { return nil }
            let bytes = Array(data)
            guard bytes.count >= needle.count else { return nil }
            for start in 0...(bytes.count - needle.count) where bytes[start..<start + needle.count].elementsEqual(needle) {
                return pid
            }
            return nil
        }
    }

    /// Runs `body` while watching /proc for `marker`; returns the body's result and whether the marker was seen.
    /// Watches until the marker shows up or the run is over (under a loaded CI machine the worker may take a while
    /// to start, so there is no fixed deadline).
    static func watching<T: Sendable>(marker: String, _ body: @escaping @Sendable () async -> T) async -> (T, Bool) {
        let finished = Atomic<Bool>(false)
        let run = Task {
            let value = await body()
            finished.store(true, ordering: .sequentiallyConsistent)
            return value
        }
        var seen = false
        while !seen && !finished.load(ordering: .sequentiallyConsistent) {
            seen = !processes(marker: marker).isEmpty
            if !seen { try? await Task.sleep(for: .milliseconds(20)) }
        }
        return (await run.value, seen)
    }

    /// Waits up to `seconds` for every process with `marker` to disappear, and returns the ones still alive.
    static func survivors(marker: String, within seconds: Int = 3) async -> [Int] {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var left = processes(marker: marker)
        while !left.isEmpty && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
            left = processes(marker: marker)
        }
        return left
    }

    @Test func workerRunPastItsLimitLeavesNoProcess() async {
        let marker = "assay-reap-worker-\(UUID().uuidString)"
        let code = Self.escapingProgram(marker: marker)
        let (outcome, seen) = await Self.watching(marker: marker) {
            await Self.pool.withWorker { worker in
                worker.run(WorkerRun(program: .python(code), limits: SandboxLimits(wallTimeout: 5)))
            }
        }
        #expect(outcome.status == .timeout, "\(outcome.status) \(String(decoding: outcome.stderr, as: UTF8.self))")
        #expect(seen, "the daemonised grandchild never started, so the test proves nothing")
        #expect(await Self.survivors(marker: marker).isEmpty, "a process of the timed-out run survived")
        // The worker itself is fine and serves the next run.
        let next = await Self.pool.withWorker { worker in
            worker.run(WorkerRun(program: .python("print('next')"), limits: SandboxLimits(wallTimeout: 5)))
        }
        #expect(next.status == .ok && String(decoding: next.stdout, as: UTF8.self) == "next\n")
    }

    @Test func sandboxRunPastItsLimitLeavesNoProcess() async {
        let marker = "assay-reap-sandbox-\(UUID().uuidString)"
        let code = Self.escapingProgram(marker: marker)
        // Its own uid and directory: SandboxRunnerTests counts uid 65534's processes and its own work dirs.
        let runner = SandboxRunner(baseDirectory: "/tmp/assay-sandbox-reap-runner", uid: 62_150, gid: 62_150)
        let (result, seen) = await Self.watching(marker: marker) {
            await runner.run(program: "/usr/bin/python3", arguments: ["-I", "-S", "-c", code], limits: SandboxLimits(wallTimeout: 5))
        }
        #expect(result.status == .timeout, "\(result.status) \(result.stderrString)")
        #expect(seen, "the daemonised grandchild never started, so the test proves nothing")
        #expect(await Self.survivors(marker: marker).isEmpty, "a process of the timed-out run survived")
    }
}
