import ArgumentParser
import AssayBench
import AssayCore
import Foundation

struct FilterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Rejection sampling: keep the completions a keep expression accepts (DeepSeek-R1 stage 3).",
        discussion: """
            assay filter --rule r1-math --input samples.jsonl --keep 'accuracy=correct,language>=0.95' --output kept.jsonl
            Terms (all must hold): subject[.detail.path] [op value], op one of = != >= <= > <; a bare subject means
            subject=correct; a|b is either verdict. Subjects are the rule's components, else registered verifiers run
            with default params. Components run lazily, cheapest first, each at most once per item, and stop at the
            first failing term. Input lines are API items, or labelled rows (problem, answer/gold_answer); kept lines
            are copied byte for byte, dropped ones get "_filter": {"term", "reason"}.
            """)

    @Option(help: "Rule name.")
    var rule: String

    @Option(help: "JSONL of items (the API item shape, or rows with problem and answer/gold_answer).")
    var input: String

    @Option(help: "Keep expression: comma-separated terms that must all hold, e.g. 'accuracy=correct,language>=0.95'.")
    var keep: String

    @Option(help: "Where to write the kept lines, verbatim (default: standard output).")
    var output: String?

    @Option(help: "Where to write the dropped lines, each with \"_filter\": {\"term\", \"reason\"} added.")
    var dropped: String?

    @Option(help: "Write the summary (per-term counts, per-component runs and time, items/s) as JSON to this file.")
    var summaryJson: String?

    @Flag(help: "No progress bar and no summary table on standard error.")
    var quiet = false

    @OptionGroup var engine: EngineOptions

    func run() async throws {
        let rewardEngine = try engine.makeEngine()
        defer { rewardEngine.cache?.close() }
        guard let named = rewardEngine.rules[rule] else {
            throw CLIError(RewardEngine.UnknownRule(name: rule, known: rewardEngine.rules.names).description)
        }
        let filter: ItemFilter
        do {
            filter = try ItemFilter(keep: keep, rule: named, engine: rewardEngine)
        } catch {
            throw CLIError(error.description)
        }
        guard let data = FileManager.default.contents(atPath: input) else { throw CLIError("cannot read \(input)") }
        let start = ContinuousClock.now
        let bytes = [UInt8](data)
        let ranges = FilterLines.ranges(bytes)
        let keptOut = try Self.open(output) ?? FileHandle.standardOutput
        let droppedOut = try Self.open(dropped)
        defer {
            if output != nil { try? keptOut.close() }
            try? droppedOut?.close()
        }

        let progress = quiet ? nil : ProgressBar(total: ranges.count, label: "filtering")
        let chunkSize = max(1024, 2 * rewardEngine.limits.remoteConcurrency)
        var summary: FilterSummary?
        var chunkStart = 0
        while chunkStart < ranges.count {
            let chunk = ranges[chunkStart..<min(chunkStart + chunkSize, ranges.count)]
            let lines = chunk.map { FilterLines.line(bytes[$0.range], number: $0.number) }
            let batch = await filter.filter(lines.map(\.slot))
            var kept: [UInt8] = []
            var rejected: [UInt8] = []
            for (line, decision) in zip(lines, batch.decisions) {
                if decision.kept {
                    kept += line.bytes
                    kept.append(UInt8(ascii: "\n"))
                } else if droppedOut != nil {
                    rejected += FilterLines.annotated(line, decision)
                    rejected.append(UInt8(ascii: "\n"))
                }
            }
            try keptOut.write(contentsOf: kept)
            try droppedOut?.write(contentsOf: rejected)
            if summary == nil { summary = batch.summary } else { summary!.merge(batch.summary) }
            chunkStart = chunk.endIndex
            progress?.update(chunkStart)
        }
        progress?.finish()
        var total = summary ?? FilterSummary(terms: filter.evaluationOrder, components: [])
        let seconds = start.duration(to: .now).milliseconds / 1000
        total.elapsedMilliseconds = seconds * 1000
        let rate = Double(total.items) / max(seconds, 1e-9)
        if let summaryJson {
            try Self.writeSummary(total, filter: filter, itemsPerSecond: rate, to: summaryJson)
        }
        if !quiet { printError(Self.table(total, filter: filter, seconds: seconds, rate: rate)) }
    }

    /// A file opened for writing (created or truncated), or nil when no path is given.
    static func open(_ path: String?) throws -> FileHandle? {
        guard let path else { return nil }
        do {
            return try OutputFile.open(path)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// `{"rule", "rule_hash", "keep": [terms in evaluation order], "summary": {…}, "items_per_s"}`.
    static func writeSummary(_ summary: FilterSummary, filter: ItemFilter, itemsPerSecond: Double, to path: String) throws {
        var out = "{\"rule\":"
        JSONText.appendQuoted(filter.rule.name, to: &out)
        out += ",\"rule_hash\":"
        JSONText.appendQuoted(filter.rule.hash, to: &out)
        out += ",\"keep\":[" + filter.evaluationOrder.map { term in
            var quoted = ""
            JSONText.appendQuoted(term, to: &quoted)
            return quoted
        }.joined(separator: ",")
        out += "],\"summary\":" + summary.json + ",\"items_per_s\":"
        JSONText.appendNumber(itemsPerSecond.rounded(), to: &out)
        out += "}\n"
        guard let handle = try open(path) else { return }
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(out.utf8))
    }

    /// The per-term and per-component table printed on standard error.
    static func table(_ summary: FilterSummary, filter: ItemFilter, seconds: Double, rate: Double) -> String {
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let space = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + space : space + text
        }
        let termWidth = max(4, summary.terms.map(\.term.count).max() ?? 0)
        var lines = [pad("term", termWidth, left: true) + "  evaluated    passed   dropped"]
        for term in summary.terms {
            lines.append(
                pad(term.term, termWidth, left: true) + pad("\(term.evaluated)", 11) + pad("\(term.passed)", 10)
                    + pad("\(term.dropped)", 10))
        }
        if !summary.components.isEmpty {
            let width = max(9, summary.components.map(\.name.count).max() ?? 0)
            lines.append("")
            lines.append(pad("component", width, left: true) + "       runs    total ms")
            for component in summary.components {
                lines.append(
                    pad(component.name, width, left: true) + pad("\(component.runs)", 11)
                        + pad(String(format: "%.1f", component.milliseconds), 12))
            }
        }
        let percent = summary.items == 0 ? 0 : 100 * Double(summary.kept) / Double(summary.items)
        var tail = "kept \(summary.kept)/\(summary.items) (\(String(format: "%.1f", percent)) %)"
        if !summary.unscored.isEmpty {
            tail += ", not evaluated: " + summary.unscored.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        tail += String(format: ", %.2f s, %.0f items/s, rule ", seconds, rate) + "\(filter.rule.name) (\(filter.rule.hash.prefix(12)))"
        lines.append("")
        lines.append(tail)
        return lines.joined(separator: "\n")
    }
}
