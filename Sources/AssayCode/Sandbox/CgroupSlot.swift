#if canImport(Glibc)
import Glibc


#endif
import Foundation

/// The writable cgroup layout found on this host.
///
/// Assay only ever creates and removes directories inside an `assay` sub-tree of each
/// hierarchy; it never writes to other groups (on pure v2 it may enable the `memory` and
/// `pids` controllers in the root's `cgroup.subtree_control` if they are not already on).
public struct CgroupSupport: Sendable, Equatable {
    /// The detected layout.
    public var mode: SandboxIsolation.CgroupMode
    /// The cgroup mount root (normally `/sys/fs/cgroup`).
    public var root: String

    /// Detects the layout under `root`. Returns mode ``SandboxIsolation/CgroupMode/none``
    /// when nothing usable (and writable) is found.
    public static func detect(root: String = "/sys/fs/cgroup") -> CgroupSupport {
        let none = CgroupSupport(mode: .none, root: root)
        guard geteuid() == 0 else { return none }
        // Pure v2: the root itself is a cgroup2 mount with memory and pids.
        if let controllers = CgroupIO.read("\(root)/cgroup.controllers") {
            let set = Set(controllers.split(whereSeparator: \.isWhitespace).map(String.init))
            guard set.contains("memory"), set.contains("pids") else { return none }
            let subtree = Set((CgroupIO.read("\(root)/cgroup.subtree_control") ?? "").split(whereSeparator: \.isWhitespace).map(String.init))
            if !(subtree.contains("memory") && subtree.contains("pids")) {
                guard CgroupIO.write("\(root)/cgroup.subtree_control", "+memory +pids") else { return none }
            }
            guard CgroupIO.ensureDir("\(root)/assay"),
                  CgroupIO.write("\(root)/assay/cgroup.subtree_control", "+memory +pids") || subtreeHas("\(root)/assay")
            else { return none }
            return CgroupSupport(mode: .v2, root: root)
        }
        // Hybrid: v1 memory + pids, optional controller-less v2 at unified/.
        let fm = FileManager.default
        guard fm.fileExists(atPath: "\(root)/memory/cgroup.procs"), fm.fileExists(atPath: "\(root)/pids/cgroup.procs"),
              CgroupIO.ensureDir("\(root)/memory/assay"), CgroupIO.ensureDir("\(root)/pids/assay")
        else { return none }
        if fm.fileExists(atPath: "\(root)/unified/cgroup.controllers") { _ = CgroupIO.ensureDir("\(root)/unified/assay") }
        return CgroupSupport(mode: .hybridV1, root: root)
    }

    private static func subtreeHas(_ dir: String) -> Bool {
        let s = CgroupIO.read("\(dir)/cgroup.subtree_control") ?? ""
        return s.contains("memory") && s.contains("pids")
    }
}

/// One per-run cgroup (a directory per hierarchy) inside the `assay` sub-tree.
///
/// Create it before spawning, pass ``procsFiles`` to `assay-sandbox --cgroup-procs`,
/// call ``killAll()`` when the run is over, then ``destroy()``.
public final class CgroupSlot: Sendable {
    /// Directory of the memory-limit group, if any.
    public let memoryDir: String?
    /// Directory of the pids-limit group, if any.
    public let pidsDir: String?
    /// Directory providing `cgroup.kill` / `cgroup.events`, if any.
    public let killDir: String?
    private let mode: SandboxIsolation.CgroupMode

    /// The `cgroup.procs` files the sandboxed process must join.
    public var procsFiles: [String] {
        var seen: [String] = []
        for d in [memoryDir, pidsDir, killDir].compactMap({ $0 }) where !seen.contains("\(d)/cgroup.procs") {
            seen.append("\(d)/cgroup.procs")
        }
        return seen
    }

    /// Creates the slot `name` with the given limits. Returns `nil` if the layout is `none`
    /// or the directories cannot be created.
    public init?(support: CgroupSupport, name: String, memoryBytes: Int?, maxProcesses: Int?) {
        let root = support.root
        mode = support.mode
        switch support.mode {
        case .none:
            return nil
        case .v2:
            let dir = "\(root)/assay/\(name)"
            guard CgroupIO.ensureDir(dir) else { return nil }
            if let m = memoryBytes {
                _ = CgroupIO.write("\(dir)/memory.max", String(m))
                _ = CgroupIO.write("\(dir)/memory.swap.max", "0")
            }
            if let p = maxProcesses { _ = CgroupIO.write("\(dir)/pids.max", String(p)) }
            memoryDir = memoryBytes == nil ? nil : dir
            pidsDir = maxProcesses == nil ? nil : dir
            killDir = FileManager.default.fileExists(atPath: "\(dir)/cgroup.kill") ? dir : nil
        case .hybridV1:
            var mem: String?
            var pids: String?
            var kill: String?
            if let m = memoryBytes {
                let dir = "\(root)/memory/assay/\(name)"
                if CgroupIO.ensureDir(dir), CgroupIO.write("\(dir)/memory.limit_in_bytes", String(m)) {
                    _ = CgroupIO.write("\(dir)/memory.memsw.limit_in_bytes", String(m))
                    mem = dir
                }
            }
            if let p = maxProcesses {
                let dir = "\(root)/pids/assay/\(name)"
                if CgroupIO.ensureDir(dir), CgroupIO.write("\(dir)/pids.max", String(p)) { pids = dir }
            }
            let udir = "\(root)/unified/assay/\(name)"
            if FileManager.default.fileExists(atPath: "\(root)/unified/assay"), CgroupIO.ensureDir(udir),
               FileManager.default.fileExists(atPath: "\(udir)/cgroup.kill") {
                kill = udir
            }
            memoryDir = mem
            pidsDir = pids
            killDir = kill
        }
    }

    /// Kills every process in the slot (`cgroup.kill`, or SIGKILL to each listed pid).
    /// Returns `true` if a kill was issued through the cgroup.
    @discardableResult
    public func killAll() -> Bool {
        if let k = killDir, CgroupIO.write("\(k)/cgroup.kill", "1") { return true }
        var any = false
        for file in procsFiles {
            for pid in CgroupIO.pids(file) { kill(pid, SIGKILL); any = true }
        }
        return any
    }

    /// Whether any process is still in the slot.
    public var isPopulated: Bool {
        procsFiles.contains { !CgroupIO.pids($0).isEmpty }
    }

    /// Whether the kernel OOM-killed a process in this slot.
    public var oomKilled: Bool { oomKillCount > 0 }

    /// How many processes the kernel has OOM-killed in this slot so far.
    public var oomKillCount: Int {
        guard let dir = memoryDir else { return 0 }
        let file = mode == .v2 ? "\(dir)/memory.events" : "\(dir)/memory.oom_control"
        guard let text = CgroupIO.read(file) else { return 0 }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, parts[0] == "oom_kill", let n = Int(parts[1]) { return n }
        }
        return 0
    }

    /// Kills what is left, waits (up to `timeout` seconds) for the slot to empty and removes
    /// its directories. Returns `false` if a directory could not be removed.
    @discardableResult
    public func destroy(timeout: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        killAll()
        while isPopulated, Date() < deadline {
            killAll()
            usleep(2_000)
        }
        var ok = true
        for dir in Set([memoryDir, pidsDir, killDir].compactMap({ $0 })) {
            var removed = false
            while !removed {
                if rmdir(dir) == 0 || errno == ENOENT { removed = true; break }
                if Date() >= deadline { break }
                usleep(2_000)
            }
            ok = ok && removed
        }
        return ok
    }
}

/// Small helpers for cgroup pseudo-files.
enum CgroupIO {
    static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out = [UInt8]()
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ path: String, _ value: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(value.utf8)
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        return n == bytes.count
    }

    static func ensureDir(_ path: String) -> Bool {
        mkdir(path, 0o755) == 0 || errno == EEXIST
    }

    static func pids(_ procsFile: String) -> [pid_t] {
        (read(procsFile) ?? "").split(separator: "\n").compactMap { pid_t($0) }
    }
}
