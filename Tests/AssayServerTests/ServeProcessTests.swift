import AssayCore
import AssayServer
import Foundation
import Testing

/// Runs the real `assay serve` binary: a SIGKILL mid-load must leave a valid cache that still serves what was
/// committed, and SIGTERM must drain and exit 0.
@Suite("assay serve process", .serialized)
struct ServeProcessTests {
    static var binary: String? {
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("assay").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    final class ServeProcess: @unchecked Sendable {
        let process = Process()
        let port: UInt16
        let output = Pipe()

        init(binary: String, rules: String, cache: String) throws {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["serve", "--port", "0", "--rules", rules, "--cache", cache]
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The first line says where it listens: "assay X listening on http://127.0.0.1:PORT".
            var line = Data()
            let handle = output.fileHandleForReading
            while !line.contains(UInt8(ascii: "\n")) {
                let byte = handle.readData(ofLength: 1)
                if byte.isEmpty { break }
                line.append(byte)
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let portText = text.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines),
                let port = UInt16(portText)
            else { throw LoopbackHTTPClient.ClientError(description: "no port in \(text)") }
            self.port = port
        }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }
        func wait() -> Int32 {
            process.waitUntilExit()
            return process.terminationStatus
        }
        func remainingOutput() -> String { String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
    }

    func rulesDirectory() throws -> String {
        let directory = NSTemporaryDirectory() + "assay-serve-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/rules", withIntermediateDirectories: true)
        try TestServer.testRules["cached.yaml"]!.write(toFile: directory + "/rules/cached.yaml", atomically: true, encoding: .utf8)
        return directory
    }

    @Test func sigkillMidLoadLeavesAValidCacheThatStillServes() async throws {
        guard let binary = Self.binary else {
            Issue.record("the assay binary was not built next to the tests")
            return
        }
        let directory = try rulesDirectory()
        let cachePath = directory + "/cache.sqlite"
        let first = try ServeProcess(binary: binary, rules: directory + "/rules", cache: cachePath)
        let client = LoopbackHTTPClient(port: first.port)
        let batches = (0..<3).map { b in
            scoreBody(rule: "cached", items: (0..<300).map { ScoreItem(id: .int($0), completion: wellFormed + " b\(b) i\($0)") })
        }
        for body in batches {
            #expect(try await client.post("/v1/score", json: body).status == 200)
        }
        try await Task.sleep(for: .seconds(1))  // the writer commits in the background
        // Kill while another batch is being scored and written.
        let loader = LoopbackHTTPClient(port: first.port)
        let inFlight = Task {
            _ = try? await loader.post(
                "/v1/score",
                json: scoreBody(rule: "cached", items: (0..<5000).map { ScoreItem(id: .int($0), completion: wellFormed + " late \($0)") }))
        }
        try await Task.sleep(for: .milliseconds(150))
        first.signal(SIGKILL)
        #expect(first.wait() == 9 || first.process.terminationReason == .uncaughtSignal)
        _ = await inFlight.result
        client.close()

        let connection = try SQLiteConnection(path: cachePath, mode: .readOnly)
        #expect(try connection.scalarText("PRAGMA integrity_check") == "ok")
        connection.close()

        let second = try ServeProcess(binary: binary, rules: directory + "/rules", cache: cachePath)
        let again = LoopbackHTTPClient(port: second.port)
        for body in batches {
            let results = try await again.post("/v1/score", json: body).json().results
            #expect(results.count == 300)
            #expect(results.allSatisfy { $0["cached"] == true }, "batches committed before the kill are served from the cache")
        }
        second.signal(SIGTERM)
        #expect(second.wait() == 0)
        #expect(second.remainingOutput().contains("shutting down"))
        try? FileManager.default.removeItem(atPath: directory)
    }
}
