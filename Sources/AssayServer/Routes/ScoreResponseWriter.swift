import AssayCore

/// Writes a ``BatchResult`` as the `POST /v1/score` response body. The field names are the public contract.
public enum ScoreResponseWriter {
    /// Writes large batches in `parallelism` slices at once (results are independent), then joins them in order.
    public static func write(_ batch: BatchResult, parallelism: Int) async -> String {
        let count = batch.results.count
        guard parallelism > 1, count >= 2048 else { return write(batch) }
        let sliceSize = (count + parallelism - 1) / parallelism
        let slices = await withTaskGroup(of: (Int, String).self) { group in
            for start in stride(from: 0, to: count, by: sliceSize) {
                group.addTask {
                    var out = ""
                    out.reserveCapacity(sliceSize * 400)
                    for index in start..<min(start + sliceSize, count) {
                        if index > 0 { out += "," }
                        writeResult(batch.results[index], to: &out)
                    }
                    return (start, out)
                }
            }
            var parts: [(Int, String)] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return write(batch, results: slices.joined())
    }

    public static func write(_ batch: BatchResult) -> String {
        var results = ""
        results.reserveCapacity(batch.results.count * 400)
        for (index, result) in batch.results.enumerated() {
            if index > 0 { results += "," }
            writeResult(result, to: &results)
        }
        return write(batch, results: results)
    }

    static func write(_ batch: BatchResult, results: String) -> String {
        var out = ""
        out.reserveCapacity(256 + results.utf8.count + batch.groups.count * 64)
        out += "{\"rule\":{\"name\":"
        JSONText.appendQuoted(batch.ruleName, to: &out)
        out += ",\"hash\":"
        JSONText.appendQuoted(batch.ruleHash, to: &out)
        out += "},\"advantages\":\"\(batch.advantages.rawValue)\",\"elapsed_ms\":"
        JSONText.appendNumber((batch.elapsedMilliseconds * 1000).rounded() / 1000, to: &out)
        out += ",\"results\":["
        out += results
        out += "],\"groups\":{"
        for (index, key) in batch.groups.keys.sorted().enumerated() {
            let stats = batch.groups[key]!
            if index > 0 { out += "," }
            JSONText.appendQuoted(key, to: &out)
            out += ":{\"n\":\(stats.count),\"mean\":"
            JSONText.appendNumber(stats.mean, to: &out)
            out += ",\"std\":"
            JSONText.appendNumber(stats.std, to: &out)
            out += "}"
        }
        out += "}}"
        return out
    }

    public static func writeResult(_ result: ItemResult, to out: inout String) {
        out += "{\"id\":"
        JSONText.appendValue(result.id, to: &out)
        out += ",\"reward\":"
        if let reward = result.reward { JSONText.appendNumber(reward, to: &out) } else { out += "null" }
        out += ",\"status\":\"\(result.status.rawValue)\",\"components\":{"
        for (index, component) in result.components.enumerated() {
            if index > 0 { out += "," }
            JSONText.appendQuoted(component.name, to: &out)
            out += ":{\"score\":"
            JSONText.appendNumber(component.score, to: &out)
            if component.score != component.result.score {
                out += ",\"verifier_score\":"
                JSONText.appendNumber(component.result.score, to: &out)
            }
            out += ",\"weight\":"
            JSONText.appendNumber(component.weight, to: &out)
            out += ",\"verdict\":"
            JSONText.appendQuoted(component.result.verdict.rawValue, to: &out)
            out += ",\"status\":\"\(component.result.status.rawValue)\",\"detail\":"
            JSONText.appendValue(component.result.detail ?? .null, to: &out)
            out += "}"
        }
        out += "},\"advantage\":"
        if let advantage = result.advantage { JSONText.appendNumber(advantage, to: &out) } else { out += "null" }
        out += ",\"cached\":\(result.cached),\"ms\":"
        JSONText.appendNumber((result.milliseconds * 1000).rounded() / 1000, to: &out)
        if let group = result.group {
            out += ",\"group\":"
            JSONText.appendValue(group, to: &out)
        }
        if let scoredBy = result.scoredBy {
            out += ",\"scored_by\":"
            JSONText.appendQuoted(scoredBy, to: &out)
        }
        if let error = result.error {
            out += ",\"error\":"
            JSONText.appendQuoted(error, to: &out)
        }
        out += "}"
    }
}
