import Foundation

/// A built product of this package next to the running test bundle (e.g. `assay`), or nil when it is not built.
public func builtExecutable(_ name: String) -> String? {
    guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
    let path = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent(name).path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}

/// Runs `executable` with `arguments` in `directory`, the test's environment plus `environment`; returns the exit
/// status, standard output and standard error (a file, so neither pipe can fill and block).
///
/// Blocks its thread until the child exits: call it off the cooperative pool when the test also serves requests.
public func runChildProcess(
    _ executable: String, _ arguments: [String], in directory: String, environment: [String: String] = [:]
) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("child-stderr-\(UUID().uuidString).txt")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let errorHandle = try FileHandle(forWritingTo: errorFile)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = errorHandle
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errorHandle.close()
    let stderr = try Data(contentsOf: errorFile)
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

/// ``runChildProcess(_:_:in:environment:)`` on a GCD thread, so the awaiting test holds no cooperative-pool
/// thread (which in-process servers of other tests need) while the child runs.
public func runChildProcessOffPool(
    _ executable: String, _ arguments: [String], in directory: String, environment: [String: String] = [:]
) async throws -> (status: Int32, stdout: String, stderr: String) {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try runChildProcess(executable, arguments, in: directory, environment: environment) })
        }
    }
}
