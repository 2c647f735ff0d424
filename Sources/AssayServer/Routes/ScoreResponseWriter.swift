import AssayCore

/// Writes a ``BatchResult`` as the `POST /v1/score` response body. The field names are the public contract.
public enum ScoreResponseWriter {
    public static func write(_ batch: BatchResult) -> String {
        var out = ""
        out.reserveCapacity(256 + batch.results.count * 320)
        out += "{\"rule\":{\"name\":"
        JSONText.appendQuoted(batch.ruleName, to: &out)
        out += ",\"hash\":"
        JSONText.appendQuoted(batch.ruleHash, to: &out)
        out += "},\"advantages\":\"\(batch.advantages.rawValue)\",\"elapsed_ms\":"
        JSONText.appendNumber((batch.elapsedMilliseconds * 1000).rounded() / 1000, to: &out)
        out += ",\"results\":["
        for (index, result) in batch.results.enumerated() {
            if index > 0 { out += "," }
            writeResult(result, to: &out)
        }
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
