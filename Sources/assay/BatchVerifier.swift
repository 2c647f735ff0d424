import AssayBench
import AssayCore
import AssayServer
import Foundation

/// `assay verify --input`: reads items as JSONL, scores them in chunks with a progress bar, writes results as JSONL.
struct BatchVerifier {
    let engine: RewardEngine
    let rule: String
    let advantages: AdvantageMode
    var chunkSize = 512

    func run(input: String, output: String?) async throws {
        guard let data = FileManager.default.contents(atPath: input) else {
            throw CLIError("cannot read \(input)")
        }
        var slots: [ScoreItemSlot] = []
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            do {
                let slot = try decoder.decode(ScoreItemSlot.self, from: Data(line))
                if case .invalid(let id, let field, let message) = slot {
                    slots.append(.invalid(id: id, field: "line \(lineNumber): \(field)", message: message))
                } else {
                    slots.append(slot)
                }
            } catch let error as DecodingError {
                let d = DecodingErrorDescription(error)
                slots.append(.invalid(id: .int(lineNumber), field: "line \(lineNumber): \(d.field)", message: d.message))
            }
        }
        guard !slots.isEmpty else { throw CLIError("\(input) has no items") }

        let progress = ProgressBar(total: slots.count, label: "scoring")
        var results: [ItemResult] = []
        results.reserveCapacity(slots.count)
        var start = 0
        var ruleHash = ""
        while start < slots.count {
            let end = min(start + chunkSize, slots.count)
            let batch = try await engine.score(ScoreRequest(rule: rule, items: Array(slots[start..<end])))
            ruleHash = batch.ruleHash
            results.append(contentsOf: batch.results)
            progress.update(end)
            start = end
        }
        progress.finish()
        _ = GroupAdvantages.apply(advantages, to: &results)

        var out = ""
        for result in results {
            ScoreResponseWriter.writeResult(result, to: &out)
            out += "\n"
        }
        if let output {
            let url = URL(fileURLWithPath: output)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(out.utf8).write(to: url)
        } else {
            FileHandle.standardOutput.write(Data(out.utf8))
        }
        let byStatus = Dictionary(grouping: results, by: \.status).mapValues(\.count)
        let rewards = results.compactMap(\.reward)
        let mean = rewards.isEmpty ? 0 : rewards.reduce(0, +) / Double(rewards.count)
        let statusText = byStatus.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        printError(
            "\(results.count) items, rule \(rule) (\(ruleHash.prefix(12))), mean reward \(String(format: "%.4f", mean)), \(statusText), cached \(results.count(where: \.cached))"
                + (output.map { " → \($0)" } ?? ""))
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
