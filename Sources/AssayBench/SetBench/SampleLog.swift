import AssayCore

/// The `--samples` log: one JSON line per scored completion (`problem`, `sample`, `correct`, `status`,
/// `verdict`, `answer`, `vote`, `label`, `meta`), enough to recompute every metric elsewhere.
public enum SampleLog {
    public static func render(_ samples: [ScoredSample], problems: [BenchProblem]) -> String {
        let metadata = Dictionary(problems.map { ($0.id, $0.metadata) }, uniquingKeysWith: { a, _ in a })
        var out = ""
        for sample in samples {
            out += "{\"problem\":"
            JSONText.appendQuoted(sample.problem, to: &out)
            out += ",\"sample\":\(sample.index),\"correct\":\(sample.correct),\"status\":\"\(sample.status.rawValue)\",\"verdict\":"
            JSONText.appendQuoted(sample.verdict, to: &out)
            out += ",\"answer\":"
            if let answer = sample.answer { JSONText.appendQuoted(answer, to: &out) } else { out += "null" }
            out += ",\"vote\":" + (sample.vote.map { "\"\($0)\"" } ?? "null")
            out += ",\"label\":" + (sample.label.map { "\($0)" } ?? "null")
            out += ",\"meta\":{"
            for (i, (key, value)) in (metadata[sample.problem] ?? [:]).sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out += "," }
                JSONText.appendQuoted(key, to: &out)
                out += ":"
                JSONText.appendQuoted(value, to: &out)
            }
            out += "}}\n"
        }
        return out
    }
}
