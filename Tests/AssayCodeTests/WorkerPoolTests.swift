@testable import AssayCode
import Foundation
import Testing

/// Warm jailed workers: the jail as seen from inside, the run protocol, function tests in two
/// processes, and recovery after a worker is killed. Needs root and /usr/bin/python3.
let workerJailAvailable = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
    && SandboxRunner.locateHelper() != nil

@Suite("worker pool", .serialized, .enabled(if: workerJailAvailable, "needs root, /usr/bin/python3 and assay-sandbox"))
struct WorkerPoolTests {
    /// Own uids and directory, apart from the other suites' runners.
    static let pool = WorkerPool(
        configuration: WorkerConfiguration(baseDirectory: "/tmp/assay-sandbox-pool-tests", firstUID: 61_500), size: 2)

    func python(_ code: String, stdin: String = "", wall: Double = 10) async -> WorkerRunOutcome {
        await Self.pool.withWorker { worker in
            worker.run(WorkerRun(program: .python(code), stdin: Data(stdin.utf8), limits: SandboxLimits(wallTimeout: wall)))
        }
    }

    @Test func embeddedSourceMatchesThePythonFiles() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/AssayCode/Worker")
        func read(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        let common = try read("common.py")
        #expect(ForkServerSource.forkserver == common + "\n" + (try read("forkserver.py")) + "\nmain()", "run scripts/embed-forkserver")
        #expect(ForkServerSource.tester == common + "\n" + (try read("tester.py")) + "\nmain()", "run scripts/embed-forkserver")
    }

    @Test func runsAProgramWithStdinAsAnUnprivilegedInitInItsOwnNamespace() async {
        let r = await python("""
            import os, sys
            data = sys.stdin.read().split()
            print(sum(map(int, data)), os.getuid(), os.getppid())
            """, stdin: "1 2 3\n")
        #expect(r.status == .ok, "\(r.status) \(String(decoding: r.stderr, as: UTF8.self))")
        let fields = String(decoding: r.stdout, as: UTF8.self).split(separator: " ").map(String.init)
        #expect(fields.first == "6")
        // The worker (the run's parent) is PID 1 of the namespace; the uid is the pool's, not root.
        #expect(fields.last?.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(fields.count == 3 && fields[1].hasPrefix("615"))
    }

    @Test func theFilesystemIsMinimalReadOnlyAndPrivate() async {
        let r = await python("""
            import os
            print(sorted(os.listdir("/")))
            for path in ["/work", "/root", "/sys", "/var", "/etc/shadow", "/tmp/assay-sandbox-pool-tests"]:
                print(path, os.path.exists(path))
            try:
                open("/usr/evil", "w")
                print("usr writable")
            except OSError as e:
                print("usr", e.errno)
            open("/tmp/scratch", "w").write("ok")
            print("procs", sorted(int(p) for p in os.listdir("/proc") if p.isdigit())[:1])
            """)
        let out = String(decoding: r.stdout, as: UTF8.self)
        #expect(r.status == .ok, "\(out) \(String(decoding: r.stderr, as: UTF8.self))")
        for path in ["/work", "/root", "/sys", "/var", "/etc/shadow", "/tmp/assay-sandbox-pool-tests"] {
            #expect(out.contains("\(path) False"), "\(path) is visible: \(out)")
        }
        #expect(out.contains("usr 30"), "writing /usr must fail with EROFS: \(out)")
        #expect(out.contains("procs [1]"), "only the namespace's processes are in /proc: \(out)")
    }

    @Test func networkSocketsAndKernelEscapesAreDenied() async {
        let r = await python("""
            import socket, ctypes, os
            try:
                socket.socket(socket.AF_INET, socket.SOCK_STREAM); print("inet allowed")
            except OSError as e:
                print("inet", e.errno)
            a, b = socket.socketpair(); a.send(b"x"); print("unix", b.recv(1))
            libc = ctypes.CDLL(None, use_errno=True)
            print("ptrace", libc.ptrace(16, 1, 0, 0), ctypes.get_errno())
            print("unshare", libc.unshare(0x10000000), ctypes.get_errno())
            try:
                open("/proc/1/mem", "rb"); print("mem readable")
            except OSError as e:
                print("mem", e.errno)
            """)
        let out = String(decoding: r.stdout, as: UTF8.self)
        #expect(out.contains("inet 13"), "\(out)")
        #expect(out.contains("unix b'x'"), "\(out)")
        #expect(out.contains("ptrace -1 1"), "\(out)")
        #expect(out.contains("unshare -1 1"), "\(out)")
        #expect(out.contains("mem 13"), "the worker is not dumpable: \(out)")
    }

    @Test func limitsAreReportedAndTheWorkerSurvives() async {
        let loop = await python("while True: pass", wall: 0.5)
        #expect(loop.status == .timeout)
        let output = await Self.pool.withWorker { w in
            w.run(WorkerRun(program: .python("print('x' * 1000000)"), limits: SandboxLimits(wallTimeout: 5, maxOutputBytes: 1000)))
        }
        #expect(output.status == .outputLimit)
        #expect(output.stdout.count == 1000)
        let memory = await python("x = bytearray(4 << 30)")
        #expect(memory.status == .memoryLimit, "\(memory.status) \(String(decoding: memory.stderr, as: UTF8.self))")
        let bomb = await python("""
            import os
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
            """, wall: 1)
        #expect(bomb.status == .timeout || bomb.status != .ok)
        let after = await python("print('alive')")
        #expect(after.status == .ok && String(decoding: after.stdout, as: UTF8.self) == "alive\n")
    }

    @Test func functionTestsRunInTwoProcessesAndCountUnits() async {
        let spec = PythonTestSpec.mbpp(MBPPSpec(testList: ["assert add(1, 2) == 3", "assert add(2, 2) == 4", "assert add('a', 'b') == 'ab'"]))
        let good = await Self.pool.withWorker { w in w.functionTests(code: "def add(a, b):\n    return a + b\n", spec: spec, limits: SandboxLimits(wallTimeout: 5)) }
        #expect(good.outcomes.map(\.isPass) == [true, true, true], "\(good)")
        let partial = await Self.pool.withWorker { w in w.functionTests(code: "def add(a, b):\n    return 3\n", spec: spec, limits: SandboxLimits(wallTimeout: 5)) }
        #expect(partial.outcomes.map(\.isPass) == [true, false, false])
        let lying = await Self.pool.withWorker { w in
            w.functionTests(code: """
                class Yes:
                    def __eq__(self, other): return True
                def add(a, b):
                    return Yes()
                """, spec: spec, limits: SandboxLimits(wallTimeout: 5))
        }
        #expect(lying.outcomes.allSatisfy { !$0.isPass }, "an object whose __eq__ lies must not pass: \(lying)")
    }

    @Test func staleGroupsOfExitedServersAreRemoved() throws {
        let support = CgroupSupport.detect()
        guard support.mode != .none else { return }
        let parent = support.mode == .v2 ? "\(support.root)/assay" : "\(support.root)/pids/assay"
        let stale = "\(parent)/w99999999-1-1"  // beyond pid_max: that process cannot exist
        let mine = "\(parent)/w\(getpid())-1-999999"
        #expect(mkdir(stale, 0o755) == 0 && mkdir(mine, 0o755) == 0)
        WorkerPool.removeStaleGroups(support)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: mine), "a live process's group must stay")
        rmdir(mine)
    }

    @Test func aKilledWorkerIsRestarted() async {
        let before = Self.pool.restarts
        let crashed = await Self.pool.withWorker { w -> Bool in
            _ = w.run(WorkerRun(program: .python("pass"), limits: SandboxLimits(wallTimeout: 5)))
            w.stop()  // as if the OOM killer or an operator took it down
            return !w.isRunning
        }
        #expect(crashed)
        for _ in 0..<4 {
            let r = await python("print(1)")
            #expect(r.status == .ok)
        }
        #expect(Self.pool.restarts > before)
    }
}
