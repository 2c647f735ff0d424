import AssayCore
import AssayMath
import AssayServer
import Foundation

/// `assay bench-math`: accuracy against labels and per-item speed of the `math` rule on (gold, completion) pairs,
/// in-process and over HTTP, next to math-verify run on the same pairs by `scripts/mathverify-baseline.py`.
public struct MathBenchmark: Sendable {
    public struct Pair: Sendable {
        public var id: String
        public var gold: String
        public var completion: String
        public var label: Bool
        public var source: String
    }

    public struct Report: Sendable {
        public var items: Int
        public var accuracy: Double
        public var labelledAccuracy: Double?
        public var medianMicroseconds: Double
        public var p99Microseconds: Double
        public var totalSeconds: Double
        public var statuses: [String: Int]
        public var verdicts: [String: String]
    }

    public var rule = "math"

    public init() {}

    public static func loadPairs(_ path: String) throws -> [Pair] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchmarkError(description: "cannot read \(path) (make it with scripts/make-math-pairs.py)")
        }
        var pairs: [Pair] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let row = try JSONDecoder().decode(JSONValue.self, from: Data(line))
            guard let id = row["id"]?.stringValue ?? row["id"].map({ $0.canonicalText }),
                let gold = row["gold"]?.stringValue, let completion = row["completion"]?.stringValue,
                let label = row["label"]?.boolValue
            else { throw BenchmarkError(description: "\(path): each line needs id, gold, completion, label") }
            pairs.append(Pair(id: id, gold: gold, completion: completion, label: label, source: row["source"]?.stringValue ?? ""))
        }
        guard !pairs.isEmpty else { throw BenchmarkError(description: "\(path) has no pairs") }
        return pairs
    }

    static func items(_ pairs: [Pair]) -> [ScoreItem] {
        pairs.map { ScoreItem(id: .string($0.id), completion: $0.completion, reference: ["answer": .string($0.gold)], task: "math") }
    }

    /// Scores every pair as one batch on one worker (so times compare with one Python interpreter); per-item
    /// times are the engine's own measurement around each item's components.
    public func runInProcess(_ pairs: [Pair], engine: RewardEngine) async throws -> Report {
        let start = ContinuousClock.now
        let batch = try await engine.score(ScoreRequest(rule: rule, items: Self.items(pairs)))
        let total = start.duration(to: .now).milliseconds / 1000
        var micros: [Double] = []
        var verdicts: [String: String] = [:]
        var statuses: [String: Int] = [:]
        var correct = 0
        var labelledCorrect = 0
        var labelled = 0
        for (pair, result) in zip(pairs, batch.results) {
            micros.append(result.milliseconds * 1000)
            let verdict = result.components.first?.result.verdict.rawValue ?? "none"
            verdicts[pair.id] = verdict
            statuses[result.status.rawValue, default: 0] += 1
            let right = (verdict == "correct") == pair.label
            if right { correct += 1 }
            if !pair.source.hasPrefix("synth") {
                labelled += 1
                if right { labelledCorrect += 1 }
            }
        }
        micros.sort()
        return Report(
            items: pairs.count, accuracy: Double(correct) / Double(pairs.count),
            labelledAccuracy: labelled > 0 ? Double(labelledCorrect) / Double(labelled) : nil,
            medianMicroseconds: micros[micros.count / 2], p99Microseconds: micros[min(micros.count - 1, micros.count * 99 / 100)],
            totalSeconds: total, statuses: statuses, verdicts: verdicts)
    }

    /// Median and p99 µs of extraction + comparison alone (no engine, no rule), to show the engine's share.
    public func timeVerifierCore(_ pairs: [Pair]) -> (extraction: (median: Double, p99: Double), compare: (median: Double, p99: Double)) {
        var extraction: [Double] = []
        var comparison: [Double] = []
        for pair in pairs {
            let t0 = ContinuousClock.now
            let outcome = AnswerExtractor.extract(from: pair.completion)
            let t1 = ContinuousClock.now
            extraction.append(t0.duration(to: t1).milliseconds * 1000)
            if case .answer(let answer, _) = outcome {
                _ = MathEquivalence.compare(answer: answer, gold: pair.gold)
                comparison.append(t1.duration(to: .now).milliseconds * 1000)
            }
        }
        func stats(_ values: [Double]) -> (median: Double, p99: Double) {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return (0, 0) }
            return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 99 / 100)])
        }
        return (stats(extraction), stats(comparison))
    }

    /// Seconds for one batch of `count` items through the real server on loopback.
    public func timeOverHTTP(_ pairs: [Pair], count: Int, engine: RewardEngine) async throws -> Double {
        var configuration = ServerConfiguration()
        configuration.port = 0
        let server = MicroHTTPServer(configuration: configuration, handler: AssayHTTPHandler(engine: engine))
        try server.start()
        let chosen = (0..<count).map { pairs[$0 % pairs.count] }
        var body = "{\"rule\":\"\(rule)\",\"items\":["
        for (i, item) in Self.items(chosen).enumerated() {
            if i > 0 { body += "," }
            body += "{\"id\":\(i),\"task\":\"math\",\"completion\":"
            JSONText.appendQuoted(item.completion, to: &body)
            body += ",\"reference\":"
            JSONText.appendValue(item.reference ?? .null, to: &body)
            body += "}"
        }
        body += "]}"
        let client = LoopbackHTTPClient(port: server.port)
        let start = ContinuousClock.now
        let response: LoopbackHTTPClient.Response
        do {
            response = try await client.request("POST", "/v1/score", body: Array(body.utf8))
        } catch {
            client.close()
            await server.shutdown()
            throw error
        }
        let seconds = start.duration(to: .now).milliseconds / 1000
        client.close()
        await server.shutdown()
        guard response.status == 200 else { throw BenchmarkError(description: "HTTP answered \(response.status): \(response.text.prefix(200))") }
        return seconds
    }
}
