import Foundation
import Glibc
import Synchronization

/// Where and how warm workers are jailed.
public struct WorkerConfiguration: Sendable {
    /// The `assay-sandbox` helper (default: located like ``SandboxRunner/locateHelper()``).
    public var sandboxExecutable: String?
    /// The interpreter, by absolute path (a PATH shim costs ~200 ms per start).
    public var python: String
    /// Host directory for the workers' (empty) new-root mount points.
    public var baseDirectory: String
    /// Worker `i` runs as uid and gid `firstUID + i`, so no two workers share a uid.
    public var firstUID: UInt32
    /// Size of each worker's private `/tmp` (tmpfs; also charged to its memory cgroup).
    public var tmpfsBytes: Int
    /// Memory cgroup limit of each worker: the largest run it may host plus the worker itself.
    public var memoryBytes: Int
    /// Process limit of each worker's pids cgroup (runs fork from the worker).
    public var maxProcesses: Int
    /// cgroup mount root, or `nil` to run without cgroups.
    public var cgroupRoot: String?
    /// Seconds a worker may take to start.
    public var startTimeout: Double

    /// The defaults: `/usr/bin/python3`, uids from 61000, 128 MiB tmpfs, 1.5 GiB and 64 processes per worker.
    public init(
        sandboxExecutable: String? = nil, python: String = "/usr/bin/python3", baseDirectory: String = "/tmp/assay-sandbox",
        firstUID: UInt32 = 61_000, tmpfsBytes: Int = 128 << 20, memoryBytes: Int = 1_536 << 20, maxProcesses: Int = 64,
        cgroupRoot: String? = "/sys/fs/cgroup", startTimeout: Double = 15
    ) {
        self.sandboxExecutable = sandboxExecutable
        self.python = python
        self.baseDirectory = baseDirectory
        self.firstUID = firstUID
        self.tmpfsBytes = tmpfsBytes
        self.memoryBytes = memoryBytes
        self.maxProcesses = maxProcesses
        self.cgroupRoot = cgroupRoot
        self.startTimeout = startTimeout
    }
}

/// Why a worker request produced no response.
public enum WorkerFailure: Error, Equatable, CustomStringConvertible {
    /// The jail could not be set up (missing helper, no permission…): an infrastructure error.
    case unavailable(String)
    /// The worker died or broke the protocol mid-request; it is restarted on next use.
    case crashed(String)
    /// The worker did not answer within the request's wall time plus grace; it was killed.
    case timeout

    public var description: String {
        switch self {
        case .unavailable(let m): "sandbox unavailable: \(m)"
        case .crashed(let m): "sandbox worker crashed: \(m)"
        case .timeout: "sandbox worker did not answer in time"
        }
    }
}

/// A response from the forkserver, with the memory-cgroup OOM kills that happened during it.
public struct WorkerResponse: @unchecked Sendable {
    /// The decoded JSON object (plain Foundation values).
    public var object: [String: Any]
    /// Processes the kernel OOM-killed in the worker's cgroup during this request.
    public var oomKills: Int
}

/// One warm Python forkserver in its own jail: PID 1 of a new pid namespace, a private mount
/// namespace with a read-only minimal root and a size-capped tmpfs `/tmp`, no network, its own
/// unprivileged uid, `no_new_privs`, a seccomp deny-list, and a memory + pids cgroup.
///
/// Not thread-safe: a ``WorkerPool`` hands each worker to one caller at a time.
final class ForkServerWorker: @unchecked Sendable {
    let index: Int
    let configuration: WorkerConfiguration
    let cgroups: CgroupSupport
    private var pid: pid_t = 0
    private var requestFD: Int32 = -1
    private var responseFD: Int32 = -1
    private var testsFD: Int32 = -1
    private var stderrFD: Int32 = -1
    private var slot: CgroupSlot?
    private var stderrTail = Data()
    private let startCount = Atomic<Int>(0)

    init(index: Int, configuration: WorkerConfiguration, cgroups: CgroupSupport) {
        self.index = index
        self.configuration = configuration
        self.cgroups = cgroups
    }

    deinit { stop() }

    var isRunning: Bool { pid > 0 }
    /// How many times this worker has been started (readable from any thread).
    var starts: Int { startCount.load(ordering: .relaxed) }
    var uid: UInt32 { configuration.firstUID + UInt32(index) }
    private static let serial = Atomic<Int>(0)
    /// Unique per start and across pools in this process (a cgroup torn down asynchronously may still hold an old name).
    private var name = ""
    private var rootDirectory: String { "\(configuration.baseDirectory)/root-\(name)" }

    /// Starts the worker if it is not running and waits for its greeting.
    func ensureStarted() throws(WorkerFailure) {
        if isRunning { return }
        guard let helper = configuration.sandboxExecutable ?? SandboxRunner.locateHelper() else {
            throw .unavailable("assay-sandbox helper not found (set ASSAY_SANDBOX)")
        }
        guard configuration.python.hasPrefix("/") else { throw .unavailable("python must be an absolute path") }
        startCount.add(1, ordering: .relaxed)
        name = "w\(getpid())-\(uid)-\(Self.serial.wrappingAdd(1, ordering: .relaxed).newValue)"
        mkdir(configuration.baseDirectory, 0o711)
        mkdir(rootDirectory, 0o755)
        slot = CgroupSlot(support: cgroups, name: name, memoryBytes: configuration.memoryBytes, maxProcesses: configuration.maxProcesses)
        var argv = [helper, "--pidns", "--rootfs", rootDirectory, "--tmpfs-size", String(configuration.tmpfsBytes), "--seccomp",
                    "--uid", String(uid), "--gid", String(uid), "--nofile", "1024"]
        if slot?.pidsDir == nil { argv += ["--nproc", String(configuration.maxProcesses)] }
        for file in slot?.procsFiles ?? [] { argv += ["--cgroup-procs", file] }
        argv += ["--", configuration.python, "-I", "-c", ForkServerSource.python, "/tmp"]
        try spawn(argv)
        do {
            let hello = try FramedPipe.readObject(responseFD, deadline: deadline(configuration.startTimeout))
            guard hello["pong"] as? Bool == true else { throw FramedPipe.Failure.malformed("no greeting") }
        } catch {
            let why = "worker did not start (\(error)): \(drainStderr())"
            stop()
            throw .unavailable(why)
        }
    }

    /// Sends one request (and, for function tests, the tests on their own channel) and waits
    /// for the response for at most `timeout` seconds. On failure the worker is stopped.
    func request(_ object: [String: Any], tests: [String: Any]? = nil, timeout: Double) throws(WorkerFailure) -> WorkerResponse {
        try ensureStarted()
        let before = slot?.oomKillCount ?? 0
        let end = deadline(timeout)
        do {
            try FramedPipe.writeAll(requestFD, try FramedPipe.frame(object), deadline: end)
            if let tests { try FramedPipe.writeAll(testsFD, try FramedPipe.frame(tests), deadline: end) }
            let response = try FramedPipe.readObject(responseFD, deadline: end)
            let kills = (slot?.oomKillCount ?? 0) - before
            if let error = response["error"] as? String, response["status"] == nil {
                stop()
                throw FramedPipe.Failure.malformed(error)
            }
            if response["acknowledged"] as? Bool == false { stop() }  // the tests frame may be unread: resynchronise
            return WorkerResponse(object: response, oomKills: kills)
        } catch let failure as FramedPipe.Failure {
            let oom = (slot?.oomKillCount ?? 0) > before
            let why = drainStderr()
            stop()
            if failure == .timeout { throw .timeout }
            throw .crashed(oom ? "worker killed by the memory cgroup" : "\(failure) \(why)")
        } catch {
            stop()
            throw .crashed("\(error)")
        }
    }

    /// Kills the jail (the supervisor takes the namespace down with it) and closes every channel.
    func stop() {
        if pid > 0 {
            slot?.killAll()
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            pid = 0
        }
        for fd in [requestFD, responseFD, testsFD, stderrFD] where fd >= 0 { close(fd) }
        requestFD = -1; responseFD = -1; testsFD = -1; stderrFD = -1
        slot?.destroy()
        slot = nil
        rmdir(rootDirectory)
    }

    private func deadline(_ seconds: Double) -> UInt64 {
        DispatchTime.now().uptimeNanoseconds &+ UInt64(max(0, seconds) * 1e9)
    }

    private func drainStderr() -> String {
        guard stderrFD >= 0 else { return "" }
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(stderrFD, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            stderrTail.append(contentsOf: buffer[0..<n])
            if stderrTail.count > 8192 { stderrTail = stderrTail.suffix(4096) }
        }
        return String(decoding: stderrTail.suffix(600), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func spawn(_ argv: [String]) throws(WorkerFailure) {
        spawnLock.lock()
        defer { spawnLock.unlock() }
        var req: [Int32] = [-1, -1], resp: [Int32] = [-1, -1], err: [Int32] = [-1, -1], tests: [Int32] = [-1, -1]
        guard makePipe(&req), makePipe(&resp), makePipe(&err), makePipe(&tests) else {
            closeAll(req + resp + err + tests)
            throw .unavailable("pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, req[0], 0)
        posix_spawn_file_actions_adddup2(&actions, resp[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        posix_spawn_file_actions_adddup2(&actions, tests[0], 3)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attr, &mask)
        posix_spawnattr_setflags(&attr, Int16(Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | 0x80))
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cargs.append(nil)
        defer { for p in cargs { free(p) } }
        var envp: [UnsafeMutablePointer<CChar>?] = [nil]
        var child: pid_t = 0
        let rc = posix_spawn(&child, argv[0], &actions, &attr, &cargs, &envp)
        close(req[0]); close(resp[1]); close(err[1]); close(tests[0])
        guard rc == 0 else {
            closeAll([req[1], resp[0], err[0], tests[1]])
            throw .unavailable("posix_spawn \(argv[0]): \(String(cString: strerror(rc)))")
        }
        pid = child
        requestFD = req[1]; responseFD = resp[0]; stderrFD = err[0]; testsFD = tests[1]
        for fd in [requestFD, responseFD, stderrFD, testsFD] { _ = fcntl(fd, F_SETFL, O_NONBLOCK) }
        stderrTail = Data()
    }
}
