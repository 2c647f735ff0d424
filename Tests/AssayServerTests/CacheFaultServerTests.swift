import AssayCore
import AssayServer
import Foundation
import Testing

/// The server keeps scoring when its cache cannot be written: every item of every batch gets a reward, the
/// failures show in `/metrics` as `assay_cache_errors_total{op="write"}`, and `assay serve` started on an
/// unusable cache path warns and runs uncached instead of refusing to start.
@Suite("server with a failing cache", .serialized)
struct CacheFaultServerTests {
    static let isRoot = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount")

    static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func metric(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test("disk full under a running server: 200 with a reward for every item, write errors in /metrics",
          .enabled(if: isRoot, "needs root to mount a tmpfs"))
    func diskFullScoresUncached() async throws {
        let mountPoint = NSTemporaryDirectory() + "assay-server-full-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        try #require(Self.run(["/bin/mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mountPoint]) == 0)
        defer {
            _ = Self.run(["/bin/umount", mountPoint])
            try? FileManager.default.removeItem(atPath: mountPoint)
        }
        let server = try TestServer(cachePath: mountPoint + "/cache.sqlite")
        let client = server.client()
        // Fill what is left of the disk.
        _ = FileManager.default.createFile(atPath: mountPoint + "/filler", contents: nil)
        if let handle = FileHandle(forWritingAtPath: mountPoint + "/filler") {
            while (try? handle.write(contentsOf: Data(count: 4096))) != nil {}
            try? handle.close()
        }
        var scored = 0
        for batch in 0..<8 {
            let items = (0..<200).map { i in
                ScoreItem(
                    id: .int(i),
                    completion: "<think>\nWe add the numbers of batch \(batch) and item \(i), then check the sum carefully once more "
                        + "because a careless slip would cost the whole reward.\n</think>\n<answer>\n42\n</answer>")
            }
            let response = try await client.post("/v1/score", json: scoreBody(rule: "cached", items: items))
            #expect(response.status == 200)
            let results = try response.json().results
            #expect(results.count == items.count)
            #expect(results.allSatisfy { $0["reward"]?.doubleValue != nil && $0["status"] == "ok" && $0["cached"] == false })
            scored += results.count
            server.engine.cache?.flush()
        }
        #expect(scored == 1600)
        let metrics = String(decoding: try await client.request("GET", "/metrics").body, as: UTF8.self)
        let writeErrors = Self.metric(metrics, "assay_cache_errors_total{op=\"write\"}") ?? 0
        #expect(writeErrors >= 1, "\(metrics.split(separator: "\n").filter { $0.hasPrefix("assay_cache") })")
        #expect(Self.metric(metrics, "assay_cache_enabled") == 1)
        #expect(server.engine.cache?.statistics.writeErrors == Int(writeErrors))
        #expect(try await client.request("GET", "/healthz").status == 200)
        await server.stop()
    }

    @Test("assay serve on a cache path that cannot be created warns and serves uncached")
    func unusableCachePathAtStartUp() async throws {
        guard let binary = ServeProcessTests.binary else {
            Issue.record("the assay binary was not built next to the tests")
            return
        }
        let directory = NSTemporaryDirectory() + "assay-serve-nocache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("a file, not a directory".utf8).write(to: URL(fileURLWithPath: directory + "/file"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "serve", "--port", "0", "--rules", TestServer.repositoryRoot.appendingPathComponent("rules").path,
            "--cache", directory + "/file/cache.sqlite",
        ]
        let output = Pipe()
        let errorPath = directory + "/stderr.txt"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
        var text = ""
        // Two lines: "assay … listening on http://127.0.0.1:PORT", then "rules: …  cache: …  concurrency: …".
        while text.filter({ $0 == "\n" }).count < 2 {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty { break }
            text += String(decoding: byte, as: UTF8.self)
        }
        let portText = text.split(separator: "\n").first?.split(separator: ":").last ?? ""
        let port = try #require(UInt16(portText.trimmingCharacters(in: .whitespaces)), "\(text)")
        #expect(text.contains("cache: off"), "\(text)")
        let client = LoopbackHTTPClient(port: port)
        let health = try await client.request("GET", "/healthz").json()
        #expect(health["cache"] == false)
        let items = (0..<3).map { ScoreItem(id: .int($0), completion: wellFormed) }
        let results = try await client.post("/v1/score", json: scoreBody(rule: "r1", items: items)).json().results
        #expect(results.count == 3 && results.allSatisfy { $0["reward"]?.doubleValue == 1.5 })
        let metrics = String(decoding: try await client.request("GET", "/metrics").body, as: UTF8.self)
        #expect(Self.metric(metrics, "assay_cache_enabled") == 0)
        client.close()
        process.terminate()
        process.waitUntilExit()
        let stderr = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        #expect(stderr.contains("warning") && stderr.contains("running without the result cache"), "\(stderr)")
        #expect(stderr.components(separatedBy: "warning").count == 2, "one warning: \(stderr)")
    }
}
