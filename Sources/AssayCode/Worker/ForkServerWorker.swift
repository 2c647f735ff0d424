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

/// One warm Python forkserver in its own jail — PID 1 of a new pid namespace, a private mount namespace
/// with a read-only minimal root and a size-capped tmpfs `/tmp`, no network, its own unprivileged uid,
/// `no_new_privs`, a seccomp deny-list, and a memory + pids cgroup — plus, for function tests, a tester
/// in a second jail of the same kind under another uid, which runs the tests and calls the candidate
/// (forked by the forkserver) over two pipes whose ends are passed to each side per item.
///
/// Not thread-safe: a ``WorkerPool`` hands each worker to one caller at a time.
final class ForkServerWorker: @unchecked Sendable {
    let index: Int
    let configuration: WorkerConfiguration
    let cgroups: CgroupSupport
    let forkserver = JailedProcess(label: "forkserver")
    let tester = JailedProcess(label: "tester")
    private var slot: CgroupSlot?
    private var testerSlot: CgroupSlot?
    private var name = ""
    private var testerName = ""
    private let startCount = Atomic<Int>(0)
    private let testerStartCount = Atomic<Int>(0)
    private static let serial = Atomic<Int>(0)

    init(index: Int, configuration: WorkerConfiguration, cgroups: CgroupSupport) {
        self.index = index
        self.configuration = configuration
        self.cgroups = cgroups
    }

    deinit { stop() }

    var isRunning: Bool { forkserver.isRunning }
    /// How many times the forkserver has been started (readable from any thread).
    var starts: Int { startCount.load(ordering: .relaxed) }
    /// Starts of either jail beyond the first of each: crashes, kills and timeouts.
    var restarts: Int { max(0, starts - 1) + max(0, testerStartCount.load(ordering: .relaxed) - 1) }
    var uid: UInt32 { configuration.firstUID + UInt32(index) }
    /// The tester's uid: never the candidate's, so the candidate cannot even signal it.
    var testerUID: UInt32 { configuration.firstUID + 1_000 + UInt32(index) }

    private func uniqueName(_ uid: UInt32) -> String {
        // Unique per start and across pools (a cgroup torn down asynchronously may still hold an old name).
        "w\(getpid())-\(uid)-\(Self.serial.wrappingAdd(1, ordering: .relaxed).newValue)"
    }

    private func root(_ name: String) -> String { "\(configuration.baseDirectory)/root-\(name)" }

    private func jailArguments(uid: UInt32, name: String, slot: CgroupSlot?, program: String) throws(WorkerFailure) -> [String] {
        guard let helper = configuration.sandboxExecutable ?? SandboxRunner.locateHelper() else {
            throw .unavailable("assay-sandbox helper not found (set ASSAY_SANDBOX)")
        }
        guard configuration.python.hasPrefix("/") else { throw .unavailable("python must be an absolute path") }
        mkdir(configuration.baseDirectory, 0o711)
        mkdir(root(name), 0o755)
        var argv = [helper, "--pidns", "--rootfs", root(name), "--tmpfs-size", String(configuration.tmpfsBytes), "--seccomp",
                    "--uid", String(uid), "--gid", String(uid), "--nofile", "1024",
                    // Only 0, 1, 2 and 5 cross into the jail: a descriptor another thread just created without
                    // CLOEXEC (Foundation's Process pipes, say) would otherwise stay open for the jail's life.
                    "--close-fds", "--keep-fd", "5"]
        if slot?.pidsDir == nil { argv += ["--nproc", String(configuration.maxProcesses)] }
        for file in slot?.procsFiles ?? [] { argv += ["--cgroup-procs", file] }
        return argv + ["--", configuration.python, "-I", "-c", program, "/tmp"]
    }

    /// Starts the forkserver if it is not running.
    func ensureStarted() throws(WorkerFailure) {
        if forkserver.isRunning { return }
        startCount.add(1, ordering: .relaxed)
        releaseSlot(&slot, name)
        name = uniqueName(uid)
        slot = CgroupSlot(support: cgroups, name: name, memoryBytes: configuration.memoryBytes, maxProcesses: configuration.maxProcesses)
        try forkserver.start(try jailArguments(uid: uid, name: name, slot: slot, program: ForkServerSource.forkserver),
                             timeout: configuration.startTimeout)
    }

    /// Starts the tester if it is not running.
    func ensureTesterStarted() throws(WorkerFailure) {
        if tester.isRunning { return }
        testerStartCount.add(1, ordering: .relaxed)
        releaseSlot(&testerSlot, testerName)
        testerName = uniqueName(testerUID)
        testerSlot = CgroupSlot(support: cgroups, name: testerName, memoryBytes: 1 << 30, maxProcesses: 8)
        try tester.start(try jailArguments(uid: testerUID, name: testerName, slot: testerSlot, program: ForkServerSource.tester),
                         timeout: configuration.startTimeout)
    }

    private func releaseSlot(_ slot: inout CgroupSlot?, _ name: String) {
        slot?.destroy()
        slot = nil
        if !name.isEmpty { rmdir(root(name)) }
    }

    /// Processes the kernel OOM-killed in the forkserver's cgroup so far.
    var oomKills: Int { slot?.oomKillCount ?? 0 }

    /// Sends one request to the forkserver and waits for the response for at most `timeout` seconds.
    /// On failure the forkserver is stopped (and restarted on next use).
    func request(_ object: [String: Any], timeout: Double) throws(WorkerFailure) -> WorkerResponse {
        try ensureStarted()
        let before = oomKills
        let end = JailedProcess.deadline(timeout)
        do {
            try forkserver.send(object, deadline: end)
            let response = try forkserver.receive(deadline: end)
            if let error = response["error"] as? String, response["status"] == nil {
                stopForkserver()
                throw WorkerFailure.crashed(error)
            }
            return WorkerResponse(object: response, oomKills: oomKills - before)
        } catch let failure as FramedPipe.Failure {
            throw fail(failure, oomBefore: before)
        } catch let failure as WorkerFailure {
            throw failure
        } catch {
            stopForkserver()
            throw .crashed("\(error)")
        }
    }

    func fail(_ failure: FramedPipe.Failure, oomBefore: Int) -> WorkerFailure {
        let oom = oomKills > oomBefore
        let why = forkserver.drainStderr()
        stopForkserver()
        if failure == .timeout { return .timeout }
        return .crashed(oom ? "worker killed by the memory cgroup" : "\(failure) \(why)")
    }

    func stopForkserver() {
        slot?.killAll()
        forkserver.stop()
        releaseSlot(&slot, name)
        name = ""
    }

    func stopTester() {
        testerSlot?.killAll()
        tester.stop()
        releaseSlot(&testerSlot, testerName)
        testerName = ""
    }

    /// Stops both jails.
    func stop() {
        stopForkserver()
        stopTester()
    }
}
