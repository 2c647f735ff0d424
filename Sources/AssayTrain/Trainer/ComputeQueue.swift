import Dispatch

/// Runs the policy's CPU-bound work (sampling, updates) on a Dispatch thread and awaits it, so the Swift
/// concurrency pool keeps serving the rest of the process (the reward engine, an HTTP server, other tasks)
/// while the matrix loops occupy the cores.
enum ComputeQueue {
    static let queue = DispatchQueue(label: "assay.train.compute", qos: .userInitiated)

    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
