import Glibc
import Foundation
import Synchronization

/// Runs untrusted programs inside the `assay-sandbox` helper.
///
/// Each run gets a fresh working directory (owned by the sandbox uid), a per-run cgroup
/// when the host allows it, no network, rlimits, and a wall-clock deadline after which the
/// whole process tree is killed. The blocking work happens on a dedicated thread, so the
/// Swift cooperative pool is never blocked for the duration of a run.
///
/// The helper binary is located, in order: the `sandboxExecutable` init argument, the
/// `ASSAY_SANDBOX` environment variable, then `assay-sandbox` next to the running
/// executable (which is where SwiftPM puts it for both `swift run` and `swift test`).
public final class SandboxRunner: Sendable {
    /// Path of the `assay-sandbox` helper, or `nil` if it was not found.
    public let sandboxExecutable: String?
    /// Directory under which per-run working directories are created.
    public let baseDirectory: String
    /// The uid/gid the program runs as.
    public let uid: UInt32
    /// The uid/gid the program runs as.
    public let gid: UInt32
    /// The cgroup layout detected at initialisation.
    public let cgroups: CgroupSupport
    private static let slotCounter = Atomic<Int>(0)

    /// Creates a runner.
    /// - Parameters:
    ///   - sandboxExecutable: explicit helper path (else `ASSAY_SANDBOX`, else next to the executable).
    ///   - baseDirectory: parent of per-run working directories (created with mode 0711).
    ///   - uid: uid to run as (must not be 0).
    ///   - gid: gid to run as (must not be 0).
    ///   - cgroupRoot: cgroup mount root to probe, or `nil` to disable cgroups.
    public init(
        sandboxExecutable: String? = nil, baseDirectory: String = "/tmp/assay-sandbox",
        uid: UInt32 = 65534, gid: UInt32 = 65534, cgroupRoot: String? = "/sys/fs/cgroup"
    ) {
        signal(SIGPIPE, SIG_IGN)
        self.sandboxExecutable = sandboxExecutable ?? SandboxRunner.locateHelper()
        self.baseDirectory = baseDirectory
        self.uid = uid
        self.gid = gid
        self.cgroups = cgroupRoot.map { CgroupSupport.detect(root: $0) } ?? CgroupSupport(mode: .none, root: "")
        mkdir(baseDirectory, 0o711)
        chmod(baseDirectory, 0o711)
    }

    /// Finds `assay-sandbox` via `ASSAY_SANDBOX` or next to `/proc/self/exe`.
    public static func locateHelper() -> String? {
        if let env = ProcessInfo.processInfo.environment["ASSAY_SANDBOX"], !env.isEmpty {
            return env
        }
        var candidates: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append((exe as NSString).deletingLastPathComponent + "/assay-sandbox")
        }
        if let url = Bundle.main.executableURL {
            candidates.append(url.deletingLastPathComponent().appendingPathComponent("assay-sandbox").path)
        }
        return candidates.first { access($0, X_OK) == 0 }
    }

    /// Runs `program` (an absolute path) with `arguments` in a fresh sandbox.
    /// - Parameters:
    ///   - program: absolute path of the executable (e.g. `/usr/bin/python3`; never a PATH shim).
    ///   - arguments: arguments after the program name.
    ///   - stdin: bytes fed to standard input, then closed.
    ///   - files: files written into the working directory first (`[name: content]`; plain names only).
    ///   - limits: resource limits.
    /// - Returns: the result; setup failures are reported as ``SandboxResult/Status/spawnError(_:)``.
    public func run(
        program: String, arguments: [String] = [], stdin: Data = Data(), files: [String: Data] = [:],
        limits: SandboxLimits = SandboxLimits()
    ) async -> SandboxResult {
        let cancel = CancelFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (cont: CheckedContinuation<SandboxResult, Never>) in
                let thread = Thread { [self] in
                    cont.resume(returning: self.runSync(program: program, arguments: arguments, stdin: stdin, files: files, limits: limits, cancel: cancel))
                }
                thread.name = "assay-sandbox"
                thread.start()
            }
        } onCancel: {
            cancel.set()
        }
    }

    private var noIsolation: SandboxIsolation {
        SandboxIsolation(cgroupMode: .none, memoryCgroup: false, pidsCgroup: false, cgroupKill: false, namespaces: false, uid: uid)
    }

    private func failure(_ message: String, isolation: SandboxIsolation? = nil) -> SandboxResult {
        SandboxResult(status: .spawnError(message), stdout: Data(), stderr: Data(), stdoutTruncated: false, stderrTruncated: false,
                      wallMilliseconds: 0, isolation: isolation ?? noIsolation)
    }

    func runSync(program: String, arguments: [String], stdin: Data, files: [String: Data], limits: SandboxLimits, cancel: CancelFlag) -> SandboxResult {
        guard let helper = sandboxExecutable else { return failure("assay-sandbox helper not found (set ASSAY_SANDBOX)") }
        guard program.hasPrefix("/") else { return failure("program must be an absolute path: \(program)") }
        // Unique across runners in this process too (several verifiers may each own a runner).
        let slotName = "r\(getpid())-\(SandboxRunner.slotCounter.wrappingAdd(1, ordering: .relaxed).newValue)"

        // Working directory.
        let workdir = "\(baseDirectory)/\(slotName)"
        guard mkdir(workdir, 0o700) == 0 else { return failure("mkdir \(workdir): \(String(cString: strerror(errno)))") }
        defer { try? FileManager.default.removeItem(atPath: workdir) }
        for (name, content) in files {
            guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else { return failure("invalid file name: \(name)") }
            let path = "\(workdir)/\(name)"
            guard FileManager.default.createFile(atPath: path, contents: content, attributes: [.posixPermissions: 0o644]) else {
                return failure("cannot write \(name)")
            }
            chown(path, uid, gid)
        }
        guard chown(workdir, uid, gid) == 0 else { return failure("chown \(workdir): \(String(cString: strerror(errno)))") }

        // Cgroup slot.
        let slot = CgroupSlot(support: cgroups, name: slotName, memoryBytes: limits.memoryBytes, maxProcesses: limits.maxProcesses)
        defer { slot?.destroy() }
        let isolation = SandboxIsolation(
            cgroupMode: slot == nil ? .none : cgroups.mode, memoryCgroup: slot?.memoryDir != nil, pidsCgroup: slot?.pidsDir != nil,
            cgroupKill: slot?.killDir != nil, namespaces: true, uid: uid)

        var argv = [helper, "--close-fds", "--workdir", workdir, "--uid", String(uid), "--gid", String(gid), "--cpu", String(limits.effectiveCPUSeconds)]
        for f in slot?.procsFiles ?? [] { argv += ["--cgroup-procs", f] }
        if let v = limits.addressSpaceBytes { argv += ["--as", String(v)] }
        if let v = limits.fileSizeBytes { argv += ["--fsize", String(v)] }
        if let v = limits.maxOpenFiles { argv += ["--nofile", String(v)] }
        if slot?.pidsDir == nil, let v = limits.maxProcesses { argv += ["--nproc", String(v)] }
        argv += ["--", program] + arguments

        let raw = runBlocking(argv: argv, stdin: stdin, maxOutput: limits.maxOutputBytes, timeout: limits.wallTimeout, cancel: cancel) { pid in
            if slot?.killAll() != true { kill(-pid, SIGKILL) }
        }
        if raw.spawnErrno != 0 {
            return failure("posix_spawn \(helper): \(String(cString: strerror(raw.spawnErrno)))", isolation: isolation)
        }
        let status = classify(raw, slot: slot)
        return SandboxResult(status: status, stdout: raw.stdout, stderr: raw.stderr, stdoutTruncated: raw.stdoutTruncated,
                             stderrTruncated: raw.stderrTruncated, wallMilliseconds: raw.wallMilliseconds, isolation: isolation)
    }

    private func classify(_ raw: RawRun, slot: CgroupSlot?) -> SandboxResult.Status {
        if raw.timedOut { return .timeout }
        if raw.outputExceeded { return .outputLimit }
        if slot?.oomKilled == true { return .memoryLimit }
        let st = raw.waitStatus
        let sig = st & 0x7f
        if sig == 0 {
            let code = (st >> 8) & 0xff
            if code == 0 { return .ok }
            let err = String(decoding: raw.stderr.suffix(4096), as: UTF8.self)
            if code == 125, raw.stderr.starts(with: Array("assay-sandbox: ".utf8)) {
                return .spawnError(err.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if err.contains("MemoryError") { return .memoryLimit }
            return .exited(code)
        }
        if sig == SIGXCPU { return .timeout }
        return .signaled(sig)
    }
}
