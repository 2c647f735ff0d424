import AssayCore
import AssayServer
import Foundation

/// `assay bench-engine`: scores one synthetic batch of R1-style completions in-process, over HTTP through the
/// real server on loopback, and with the Python baseline, in one run, and reports items/s and the ratios.
public struct EngineBenchmark: Sendable {
    public var items: Int = 10_000
    public var completionBytes: Int = 2048
    public var repeats: Int = 3
    public var rule: String = "r1"
    public var python: String? = "/usr/bin/python3"
    public var includeHTTP = true

    public init() {}

    public struct Measurement: Sendable {
        public var name: String
        public var seconds: Double
        public var items: Int
        public var itemsPerSecond: Double { Double(items) / seconds }
        public var microsecondsPerItem: Double { seconds * 1e6 / Double(items) }
    }

    public func run(engine: RewardEngine, log: @Sendable (String) -> Void) async throws -> [Measurement] {
        let corpus = SyntheticR1Corpus.make(count: items, targetBytes: completionBytes)
        let meanBytes = corpus.reduce(0) { $0 + $1.completion.utf8.count } / max(1, corpus.count)
        log("corpus: \(corpus.count) items, mean \(meanBytes) bytes, rule \(rule), \(engine.limits.concurrency) workers, best of \(repeats)")
        var results: [Measurement] = []

        // Warm-up (lazy tables, JIT).
        _ = try await engine.score(ScoreRequest(rule: rule, items: Array(corpus.prefix(200))))

        var best = Double.infinity
        var rewardSum = 0.0
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            let batch = try await engine.score(ScoreRequest(rule: rule, items: corpus))
            best = min(best, start.duration(to: .now).milliseconds / 1000)
            rewardSum = batch.results.reduce(0) { $0 + ($1.reward ?? 0) }
        }
        results.append(Measurement(name: "assay in-process", seconds: best, items: corpus.count))
        log(String(format: "assay in-process: reward sum %.3f", rewardSum))

        if includeHTTP {
            var configuration = ServerConfiguration()
            configuration.port = 0
            let server = MicroHTTPServer(configuration: configuration, handler: AssayHTTPHandler(engine: engine))
            try server.start()
            let client = LoopbackHTTPClient(port: server.port)
            var body = "{\"rule\":\"\(rule)\",\"advantages\":\"grpo\",\"items\":["
            body += SyntheticR1Corpus.jsonl(corpus).split(separator: "\n").joined(separator: ",")
            body += "]}"
            let bytes = Array(body.utf8)
            // Where the HTTP path's time goes, measured in-process on the same body.
            let t0 = ContinuousClock.now
            let decoded = try ScoreRequestParser.parse(bytes)
            let t1 = ContinuousClock.now
            let scoredBatch = try await engine.score(decoded)
            let t2 = ContinuousClock.now
            let encoded = await ScoreResponseWriter.write(scoredBatch, parallelism: engine.limits.concurrency)
            let t3 = ContinuousClock.now
            log(
                String(
                    format: "HTTP path phases: decode %.0f ms, score %.0f ms, encode %.0f ms (%.1f MB out)",
                    t0.duration(to: t1).milliseconds, t1.duration(to: t2).milliseconds, t2.duration(to: t3).milliseconds,
                    Double(encoded.utf8.count) / 1e6))
            var bestHTTP = Double.infinity
            var status = 0
            for _ in 0..<repeats {
                let start = ContinuousClock.now
                let response = try await client.request("POST", "/v1/score", body: bytes)
                bestHTTP = min(bestHTTP, start.duration(to: .now).milliseconds / 1000)
                status = response.status
            }
            client.close()
            await server.shutdown()
            guard status == 200 else { throw BenchmarkError(description: "HTTP scoring answered \(status)") }
            results.append(Measurement(name: "assay over HTTP", seconds: bestHTTP, items: corpus.count))
            log(String(format: "HTTP request body %.1f MB", Double(bytes.count) / 1e6))
        }

        if let python {
            if FileManager.default.isExecutableFile(atPath: python) {
                results.append(try runPython(python, corpus: corpus, log: log))
            } else {
                log("python baseline skipped: \(python) is not an executable (use --python PATH)")
            }
        }
        return results
    }

    func runPython(_ python: String, corpus: [ScoreItem], log: @Sendable (String) -> Void) throws -> Measurement {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("items.jsonl")
        let script = directory.appendingPathComponent("baseline.py")
        try Data(SyntheticR1Corpus.jsonl(corpus).utf8).write(to: data)
        try Data(PythonR1Baseline.source.utf8).write(to: script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, data.path, String(repeats)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let json = try? JSONDecoder().decode(JSONValue.self, from: output),
            let seconds = json["best_seconds"]?.doubleValue
        else {
            throw BenchmarkError(description: "python baseline failed (exit \(process.terminationStatus)): \(String(decoding: output, as: UTF8.self))")
        }
        log(String(format: "python (open-r1 format regex + script ratio): reward sum %.3f", json["reward_sum"]?.doubleValue ?? 0))
        return Measurement(name: "python in-process (open-r1 regex)", seconds: seconds, items: corpus.count)
    }

    /// A table with items/s, µs/item, and each row's speed relative to the Python baseline.
    public static func table(_ measurements: [Measurement]) -> String {
        let baseline = measurements.first { $0.name.hasPrefix("python") }
        var lines = ["engine                               items/s      µs/item   vs python"]
        for m in measurements {
            let ratio = baseline.map { String(format: "%8.1f×", m.itemsPerSecond / $0.itemsPerSecond) } ?? "       —"
            lines.append(
                m.name.padding(toLength: 34, withPad: " ", startingAt: 0)
                    + String(format: "%10.0f   %10.2f   ", m.itemsPerSecond, m.microsecondsPerItem) + ratio)
        }
        return lines.joined(separator: "\n")
    }
}

public struct BenchmarkError: Error, CustomStringConvertible {
    public var description: String
}
