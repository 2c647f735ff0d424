import AssayCore
import Foundation

extension CompletionGenerator {
    /// What a completions file holds in place of a sample that got no reply.
    public enum FailedSamples: Sendable {
        /// Leave it out: the problem has fewer completions (none when every sample failed), and pass@k is computed
        /// over the ones that came back. The run's report counts what was left out.
        case skip
        /// Write `""`, which scores as a wrong answer: every problem keeps k completions, and failures count against
        /// the model.
        case emptyString
    }

    /// Writes one line per problem, in order: `{"id":"…","completions":["…",…]}`. Truncated replies are written
    /// as they came.
    public static func writeJSONL(_ problems: [GeneratedProblem], to path: String, failedSamples: FailedSamples = .skip) throws {
        let file = try OutputFile.open(path)
        defer { try? file.close() }
        var buffer = ""
        for problem in problems {
            buffer += #"{"id":"#
            JSONText.appendQuoted(problem.id, to: &buffer)
            buffer += #","completions":["#
            var first = true
            for sample in problem.samples {
                let text: String
                switch (sample, failedSamples) {
                case (.completion(let completion, _), _): text = completion
                case (.failed, .emptyString): text = ""
                case (.failed, .skip): continue
                }
                if !first { buffer += "," }
                first = false
                JSONText.appendQuoted(text, to: &buffer)
            }
            buffer += "]}\n"
            if buffer.utf8.count >= 1 << 20 {
                try file.write(contentsOf: Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try file.write(contentsOf: Data(buffer.utf8))
    }
}
