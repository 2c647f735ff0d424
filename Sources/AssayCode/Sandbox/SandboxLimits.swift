/// Resource limits applied to one sandboxed run.
///
/// Limits are enforced by the `assay-sandbox` helper (rlimits) and, when the host
/// offers a writable cgroup layout, by a per-run cgroup (memory and process count).
public struct SandboxLimits: Sendable, Equatable {
    /// Wall-clock budget in seconds. When it expires the whole process tree is killed
    /// and the result status is ``SandboxResult/Status/timeout``.
    public var wallTimeout: Double
    /// CPU-time budget in seconds (`RLIMIT_CPU`; `nil` for none). A process killed by it
    /// is reported as ``SandboxResult/Status/timeout``.
    public var cpuSeconds: Int?
    /// Virtual address-space cap in bytes (`RLIMIT_AS`; `nil` for none).
    public var addressSpaceBytes: Int?
    /// Resident memory cap in bytes enforced by the memory cgroup when available
    /// (`nil` for none). An OOM kill is reported as ``SandboxResult/Status/memoryLimit``.
    public var memoryBytes: Int?
    /// Largest file the program may write, in bytes (`RLIMIT_FSIZE`; `nil` for none).
    public var fileSizeBytes: Int?
    /// Maximum bytes kept per output stream. Excess is dropped, the stream is flagged
    /// as truncated, the tree is killed and the status is ``SandboxResult/Status/outputLimit``.
    public var maxOutputBytes: Int
    /// Maximum number of processes (pids cgroup when available, else `RLIMIT_NPROC`
    /// on the sandbox uid, which is shared by all concurrent runs).
    public var maxProcesses: Int?
    /// Maximum number of open file descriptors (`RLIMIT_NOFILE`).
    public var maxOpenFiles: Int?

    /// Creates limits; every parameter has a conservative default.
    public init(
        wallTimeout: Double = 10,
        cpuSeconds: Int? = nil,
        addressSpaceBytes: Int? = 1 << 30,
        memoryBytes: Int? = 512 << 20,
        fileSizeBytes: Int? = 16 << 20,
        maxOutputBytes: Int = 64 << 10,
        maxProcesses: Int? = 32,
        maxOpenFiles: Int? = 256
    ) {
        self.wallTimeout = wallTimeout
        self.cpuSeconds = cpuSeconds
        self.addressSpaceBytes = addressSpaceBytes
        self.memoryBytes = memoryBytes
        self.fileSizeBytes = fileSizeBytes
        self.maxOutputBytes = maxOutputBytes
        self.maxProcesses = maxProcesses
        self.maxOpenFiles = maxOpenFiles
    }

    /// The CPU limit actually passed to the helper: the explicit value, else the wall
    /// timeout rounded up plus one second (a backstop that never fires before the wall clock).
    var effectiveCPUSeconds: Int {
        cpuSeconds ?? (Int(wallTimeout.rounded(.up)) + 1)
    }
}
