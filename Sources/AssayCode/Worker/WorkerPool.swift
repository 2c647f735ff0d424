import Foundation
import Synchronization

/// A fixed set of warm, jailed forkserver workers (one per core by default), lent to one caller
/// at a time. Workers start lazily and restart after a crash, a timeout or a protocol break.
public final class WorkerPool: Sendable {
    /// Number of workers.
    public let size: Int
    /// How workers are jailed.
    public let configuration: WorkerConfiguration
    /// The cgroup layout detected at initialisation.
    public let cgroups: CgroupSupport

    private struct State {
        var idle: [ForkServerWorker]
        var waiters: [CheckedContinuation<ForkServerWorker, Never>] = []
    }

    private let state: Mutex<State>
    private let workers: [ForkServerWorker]

    /// Creates a pool of `size` workers (default: active processor count).
    public init(configuration: WorkerConfiguration = WorkerConfiguration(), size: Int? = nil) {
        signal(SIGPIPE, SIG_IGN)
        let count = max(1, size ?? ProcessInfo.processInfo.activeProcessorCount)
        self.size = count
        self.configuration = configuration
        let cgroups = configuration.cgroupRoot.map { CgroupSupport.detect(root: $0) } ?? CgroupSupport(mode: .none, root: "")
        self.cgroups = cgroups
        Self.removeStaleGroups(cgroups)
        workers = (0..<count).map { ForkServerWorker(index: $0, configuration: configuration, cgroups: cgroups) }
        state = Mutex(State(idle: workers))
    }

    deinit { shutdown() }

    /// Worker starts beyond the first one each (a measure of crashes and kills).
    public var restarts: Int { workers.reduce(0) { $0 + $1.restarts } }

    /// Runs `body` with exclusive use of one worker, on a dedicated thread (the body blocks).
    func withWorker<R: Sendable>(_ body: @escaping @Sendable (ForkServerWorker) -> R) async -> R {
        let worker = await acquire()
        let result: R = await withCheckedContinuation { cont in
            let thread = Thread {
                cont.resume(returning: body(worker))
            }
            thread.name = "assay-worker-\(worker.index)"
            thread.start()
        }
        release(worker)
        return result
    }

    /// Removes the empty worker cgroups (`w<pid>-…`) of processes that are gone (a server that exited
    /// without shutting its pool down leaves them behind). Groups of live processes are never touched.
    static func removeStaleGroups(_ cgroups: CgroupSupport) {
        let parents: [String] = switch cgroups.mode {
        case .none: []
        case .v2: ["\(cgroups.root)/assay"]
        case .hybridV1: ["memory", "pids", "unified"].map { "\(cgroups.root)/\($0)/assay" }
        }
        for parent in parents {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix("w") {
                guard let pid = Int32(name.dropFirst().prefix { $0 != "-" }), pid != getpid(),
                      kill(pid, 0) != 0, errno == ESRCH
                else { continue }
                rmdir("\(parent)/\(name)")
            }
        }
    }

    /// Runs one program in a free worker.
    public func run(_ run: WorkerRun) async -> WorkerRunOutcome {
        await withWorker { $0.run(run) }
    }

    /// Runs `count` programs back to back in one worker, returning the outcomes (for benchmarks).
    public func runSeries(_ run: WorkerRun, count: Int) async -> [WorkerRunOutcome] {
        await withWorker { worker in (0..<count).map { _ in worker.run(run) } }
    }

    /// Starts every worker now (otherwise the first run of each pays ~50–100 ms).
    public func warmUp() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<size {
                group.addTask {
                    let failure = await self.withWorker { worker -> WorkerFailure? in
                        do throws(WorkerFailure) {
                            try worker.ensureStarted()
                            return nil
                        } catch {
                            return error
                        }
                    }
                    if let failure { throw failure }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Stops every idle worker (a busy one is stopped by its own deinit once the pool is gone).
    public func shutdown() {
        let idle = state.withLock { $0.idle }
        for worker in idle { worker.stop() }
    }

    private func acquire() async -> ForkServerWorker {
        await withCheckedContinuation { cont in
            let worker: ForkServerWorker? = state.withLock { s in
                if let w = s.idle.popLast() { return w }
                s.waiters.append(cont)
                return nil
            }
            if let worker { cont.resume(returning: worker) }
        }
    }

    private func release(_ worker: ForkServerWorker) {
        let waiter: CheckedContinuation<ForkServerWorker, Never>? = state.withLock { s in
            if s.waiters.isEmpty {
                s.idle.append(worker)
                return nil
            }
            return s.waiters.removeFirst()
        }
        waiter?.resume(returning: worker)
    }
}
