import ArgumentParser
import AssayBench
import AssayCore
import AssayServer
import Foundation

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Grade one completion, or a JSONL file of items, with a rule (in-process, same engine as the server).",
        discussion: """
            One-off:  assay verify --rule r1 --completion-file out.txt [--answer 42]
            Batch:    assay verify --rule r1 --input items.jsonl --output results.jsonl
            Items use the API's item shape: {"id", "group", "prompt", "completion", "reference", "task", "completion_tokens"}.
            """)

    @Option(help: "Rule name.")
    var rule: String = "r1"

    @Option(help: "A file holding one completion.")
    var completionFile: String?

    @Option(help: "One completion as text.")
    var completion: String?

    @Option(help: "Gold answer (sets reference.answer).")
    var answer: String?

    @Option(help: "Reference as a JSON object.")
    var reference: String?

    @Option(help: "Item task (for rules that route by task).")
    var task: String?

    @Option(help: "JSONL of items to score.")
    var input: String?

    @Option(help: "Where to write one result per line (default: standard output).")
    var output: String?

    @Option(help: "GRPO advantages within groups for batch mode: grpo, dr_grpo, none.")
    var advantages: String = "none"

    @Flag(help: "Print the one-off result as JSON.")
    var json = false

    @Flag(help: "Print every component's evidence (extracted answer, parse, failed checks, shares) line by line.")
    var explain = false

    @OptionGroup var engine: EngineOptions

    func validate() throws {
        let sources = [completionFile != nil, completion != nil, input != nil].filter { $0 }.count
        guard sources == 1 else {
            throw ValidationError("give exactly one of --completion-file, --completion or --input")
        }
        guard AdvantageMode(rawValue: advantages) != nil else {
            throw ValidationError("--advantages must be grpo, dr_grpo or none")
        }
        if input == nil && output != nil { throw ValidationError("--output goes with --input") }
    }

    func run() async throws {
        let rewardEngine = try engine.makeEngine()
        defer { rewardEngine.cache?.close() }
        guard rewardEngine.rules[rule] != nil else {
            throw ValidationError("unknown rule \"\(rule)\" (known: \(rewardEngine.rules.names.joined(separator: ", ")))")
        }
        if let input {
            try await BatchVerifier(
                engine: rewardEngine, rule: rule, advantages: AdvantageMode(rawValue: advantages)!
            ).run(input: input, output: output)
            return
        }
        let text: String
        if let completionFile {
            do {
                text = try String(contentsOfFile: completionFile, encoding: .utf8)
            } catch {
                throw ValidationError("cannot read \(completionFile): \(error.localizedDescription)")
            }
        } else {
            text = completion!
        }
        var referenceValue: JSONValue?
        if let reference {
            do {
                referenceValue = try JSONDecoder().decode(JSONValue.self, from: Data(reference.utf8))
            } catch {
                throw ValidationError("--reference is not valid JSON: \(error)")
            }
        }
        if let answer {
            var object = referenceValue?.objectValue ?? [:]
            object["answer"] = .string(answer)
            referenceValue = .object(object)
        }
        let item = ScoreItem(id: "1", completion: text, reference: referenceValue, task: task)
        let batch = try await rewardEngine.score(ScoreRequest(rule: rule, items: [item]))
        if json {
            var out = ""
            ScoreResponseWriter.writeResult(batch.results[0], to: &out)
            print(out)
        } else {
            print(ResultFormatter.describe(batch.results[0], rule: rule, hash: batch.ruleHash, explain: explain))
        }
    }
}

/// Human-readable rendering of one result.
enum ResultFormatter {
    static func describe(_ result: ItemResult, rule: String, hash: String, explain: Bool = false) -> String {
        var lines: [String] = []
        let reward = result.reward.map { String(format: "%.4f", $0) } ?? "—"
        lines.append("rule \(rule) (\(hash.prefix(12)))   reward \(reward)   status \(result.status.rawValue)\(result.cached ? "   (cached)" : "")")
        let width = max(10, result.components.map(\.name.count).max() ?? 0)
        for c in result.components {
            let name = c.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let verdict = c.result.verdict.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            var line = "  \(name)  \(verdict)  \(String(format: "%.3f", c.score)) × \(String(format: "%g", c.weight))"
            if let detail = c.result.detail, !explain { line += "   \(detail.canonicalText)" }
            lines.append(line)
            if explain, let detail = c.result.detail {
                lines.append(contentsOf: explainLines(detail, indent: "      "))
            }
        }
        if let error = result.error { lines.append("  error: \(error)") }
        return lines.joined(separator: "\n")
    }

    /// One `key: value` line per detail field, nested objects indented.
    static func explainLines(_ value: JSONValue, indent: String) -> [String] {
        guard case .object(let object) = value else { return [indent + value.canonicalText] }
        var lines: [String] = []
        for key in object.keys.sorted() {
            let field = object[key]!
            switch field {
            case .object(let nested) where !nested.isEmpty:
                lines.append("\(indent)\(key):")
                lines.append(contentsOf: explainLines(field, indent: indent + "  "))
            case .string(let text):
                lines.append("\(indent)\(key): \(text)")
            default:
                lines.append("\(indent)\(key): \(field.canonicalText)")
            }
        }
        return lines
    }
}
