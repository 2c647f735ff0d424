import Foundation

/// Which isolation mechanisms were applied to a run.
public struct SandboxIsolation: Sendable, Equatable, CustomStringConvertible {
    /// The cgroup layout that was used.
    public enum CgroupMode: String, Sendable, Equatable {
        /// Hybrid host: v1 `memory` and `pids` hierarchies plus a controller-less v2
        /// hierarchy at `unified/` providing `cgroup.kill`.
        case hybridV1
        /// Pure cgroup v2 with the `memory` and `pids` controllers.
        case v2
        /// No writable cgroups: rlimits and process-group kill only.
        case none
    }

    /// The cgroup layout used.
    public var cgroupMode: CgroupMode
    /// A memory cgroup limit was applied.
    public var memoryCgroup: Bool
    /// A pids cgroup limit was applied.
    public var pidsCgroup: Bool
    /// The tree was killable through `cgroup.kill`.
    public var cgroupKill: Bool
    /// Net/IPC/UTS/mount namespaces were unshared.
    public var namespaces: Bool
    /// The uid the program ran as.
    public var uid: UInt32

    /// Creates an isolation description.
    public init(cgroupMode: CgroupMode, memoryCgroup: Bool, pidsCgroup: Bool, cgroupKill: Bool, namespaces: Bool, uid: UInt32) {
        self.cgroupMode = cgroupMode
        self.memoryCgroup = memoryCgroup
        self.pidsCgroup = pidsCgroup
        self.cgroupKill = cgroupKill
        self.namespaces = namespaces
        self.uid = uid
    }

    /// A compact human-readable summary.
    public var description: String {
        "cgroups=\(cgroupMode.rawValue) memory=\(memoryCgroup) pids=\(pidsCgroup) kill=\(cgroupKill) namespaces=\(namespaces) uid=\(uid)"
    }
}

/// The outcome of one sandboxed run.
public struct SandboxResult: Sendable {
    /// How the run ended.
    public enum Status: Sendable, Equatable {
        /// Exited with status 0.
        case ok
        /// Exited with a non-zero status.
        case exited(Int32)
        /// Killed by a signal not attributed to a limit.
        case signaled(Int32)
        /// Wall-clock or CPU-time limit exceeded.
        case timeout
        /// Memory limit hit (cgroup OOM kill, or a `MemoryError` exit under `RLIMIT_AS`).
        case memoryLimit
        /// An output stream exceeded ``SandboxLimits/maxOutputBytes``.
        case outputLimit
        /// The sandbox could not be set up or the program could not be executed.
        case spawnError(String)
    }

    /// How the run ended.
    public var status: Status
    /// Captured standard output (at most ``SandboxLimits/maxOutputBytes``).
    public var stdout: Data
    /// Captured standard error (at most ``SandboxLimits/maxOutputBytes``).
    public var stderr: Data
    /// Standard output was truncated.
    public var stdoutTruncated: Bool
    /// Standard error was truncated.
    public var stderrTruncated: Bool
    /// Wall-clock time from spawn to reap, in milliseconds.
    public var wallMilliseconds: Double
    /// The isolation that was applied.
    public var isolation: SandboxIsolation

    /// Standard output decoded as UTF-8 (invalid bytes repaired).
    public var stdoutString: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error decoded as UTF-8 (invalid bytes repaired).
    public var stderrString: String { String(decoding: stderr, as: UTF8.self) }

    /// Creates a result.
    public init(
        status: Status, stdout: Data, stderr: Data, stdoutTruncated: Bool, stderrTruncated: Bool,
        wallMilliseconds: Double, isolation: SandboxIsolation
    ) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutTruncated = stdoutTruncated
        self.stderrTruncated = stderrTruncated
        self.wallMilliseconds = wallMilliseconds
        self.isolation = isolation
    }
}
