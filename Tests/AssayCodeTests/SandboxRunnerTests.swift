import AssayCode
import Foundation
import Testing

/// Integration tests for the sandbox. They need root (namespaces, chown, cgroups) and
/// `/usr/bin/python3`; they are skipped with a message otherwise.
@Suite(.serialized)
struct SandboxRunnerTests {
    static let python = "/usr/bin/python3"
    static let available: Bool = FileManager.default.isExecutableFile(atPath: python) && getuid() == 0
        && SandboxRunner.locateHelper() != nil
    static let runner = SandboxRunner()

    func py(_ code: String, stdin: String = "", limits: SandboxLimits = SandboxLimits(wallTimeout: 10)) async -> SandboxResult {
        await Self.runner.run(program: Self.python, arguments: ["-I", "-S", "-c", code], stdin: Data(stdin.utf8), limits: limits)
    }

    /// Live (non-zombie) processes. Killed orphans are re-parented to the host's pid 1,
    /// which may reap them late; zombies are already dead, so they are not counted.
    static func sandboxUidProcesses() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter { name in
            guard Int(name) != nil, let status = try? String(contentsOfFile: "/proc/\(name)/status", encoding: .utf8) else { return false }
            return status.contains("\nUid:\t65534\t") && !status.contains("\nState:\tZ")
        }.count
    }

    @Test(.enabled(if: available, "needs root, /usr/bin/python3 and the assay-sandbox helper"))
    func helloWorld() async {
        let r = await py("print('hello world')")
        #expect(r.status == .ok, "\(r.status) \(r.stderrString)")
        #expect(r.stdoutString == "hello world\n")
        print("isolation:", r.isolation, "wall ms:", r.wallMilliseconds)
    }

    @Test(.enabled(if: available))
    func stdinEchoed() async {
        let r = await py("import sys; sys.stdout.write(sys.stdin.read().upper())", stdin: "abc\ndef\n")
        #expect(r.status == .ok)
        #expect(r.stdoutString == "ABC\nDEF\n")
    }

    @Test(.enabled(if: available))
    func exitCodePropagated() async {
        let r = await py("import sys; sys.exit(7)")
        #expect(r.status == .exited(7))
    }

    @Test(.enabled(if: available), .timeLimit(.minutes(2)))  // unbounded, the loop would pass the limit
    func infiniteLoopTimesOut() async {
        let r = await py("while True: pass", limits: SandboxLimits(wallTimeout: 1))
        #expect(r.status == .timeout)
    }

    @Test(.enabled(if: available))
    func memoryHogIsStopped() async {
        let r = await py("x = bytearray(2 << 30)\nprint('allocated')", limits: SandboxLimits(wallTimeout: 10))
        #expect(r.status == .memoryLimit || (r.status != .ok && r.status != .timeout), "\(r.status)")
        #expect(!r.stdoutString.contains("allocated"))
    }

    @Test(.enabled(if: available))
    func forkBombIsBounded() async {
        #expect(Self.sandboxUidProcesses() == 0)
        let code = """
        import os, time
        n = 0
        try:
            while True:
                if os.fork() == 0:
                    time.sleep(30)
                    os._exit(0)
                n += 1
        except OSError as e:
            print('fork failed after', n)
        """
        let r = await py(code, limits: SandboxLimits(wallTimeout: 5, maxProcesses: 16))
        #expect(r.stdoutString.contains("fork failed after"), "\(r.status) \(r.stdoutString) \(r.stderrString)")
        try? await Task.sleep(for: .milliseconds(200))
        // Only the sandbox's uid is counted: other suites start processes of their own at the same time.
        #expect(Self.sandboxUidProcesses() == 0, "fork-bomb children outlived the sandbox")
    }

    @Test(.enabled(if: available))
    func noNetwork() async {
        // The net namespace has no interfaces: this must fail locally, nothing leaves the machine.
        let code = """
        import socket
        try:
            socket.create_connection(("10.0.0.1", 80), timeout=1)
            print("CONNECTED")
        except OSError as e:
            print("errno", e.errno)
        """
        let r = await py(code)
        #expect(r.status == .ok)
        #expect(r.stdoutString == "errno 101\n", "\(r.stdoutString)")
    }

    @Test(.enabled(if: available))
    func fileSizeLimit() async {
        let r = await py("open('big', 'wb').write(b'x' * (100 << 20))", limits: SandboxLimits(wallTimeout: 10, fileSizeBytes: 1 << 20))
        #expect(r.status != .ok)
        #expect(r.stderrString.contains("File too large") || r.status == .memoryLimit, "\(r.status) \(r.stderrString)")
    }

    @Test(.enabled(if: available))
    func outputFloodIsTruncated() async {
        let r = await py("import sys\nfor _ in range(10): sys.stdout.write('x' * (1 << 20))")
        #expect(r.status == .outputLimit)
        #expect(r.stdoutTruncated)
        #expect(r.stdout.count == 64 << 10)
    }

    @Test(.enabled(if: available))
    func runsAsNobody() async {
        let r = await py("import os; print(os.getuid(), os.getgid(), os.getgroups())")
        #expect(r.stdoutString == "65534 65534 []\n")
    }

    @Test(.enabled(if: available))
    func cannotWriteEtc() async {
        let r = await py("open('/etc/assay-pwned', 'w').write('x')")
        #expect(r.status == .exited(1))
        #expect(r.stderrString.contains("PermissionError"))
        #expect(!FileManager.default.fileExists(atPath: "/etc/assay-pwned"))
    }

    @Test(.enabled(if: available))
    func filesAreWrittenAndWorkdirRemoved() async throws {
        let r = await Self.runner.run(
            program: Self.python, arguments: ["-I", "-S", "main.py"],
            files: ["main.py": Data("import os; print(open('data.txt').read(), os.getcwd())".utf8), "data.txt": Data("42".utf8)])
        #expect(r.status == .ok, "\(r.status) \(r.stderrString)")
        let parts = r.stdoutString.split(separator: " ")
        #expect(parts.first == "42")
        let cwd = parts.last.map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        #expect(cwd.hasPrefix(Self.runner.baseDirectory + "/"))
        #expect(!FileManager.default.fileExists(atPath: cwd))
    }

    @Test(.enabled(if: available))
    func twentyConcurrentRuns() async {
        let results = await withTaskGroup(of: (Int, SandboxResult).self) { group in
            for i in 0..<20 {
                group.addTask { (i, await self.py("import sys; print(int(sys.stdin.read()) * 2)", stdin: "\(i)")) }
            }
            var out: [(Int, SandboxResult)] = []
            for await r in group { out.append(r) }
            return out
        }
        #expect(results.count == 20)
        for (i, r) in results {
            #expect(r.status == .ok)
            #expect(r.stdoutString == "\(i * 2)\n")
        }
        #expect(Self.sandboxUidProcesses() == 0)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: Self.runner.baseDirectory)) ?? []
        #expect(left.filter { $0.hasPrefix("r\(getpid())-") }.isEmpty)
    }

    @Test(.enabled(if: available))
    func backgroundChildrenAreKilled() async {
        let r = await py("import subprocess; subprocess.Popen(['/bin/sleep', '60'], start_new_session=True); print('started')")
        #expect(r.status == .ok)
        try? await Task.sleep(for: .milliseconds(100))
        #expect(Self.sandboxUidProcesses() == 0)
    }
}
