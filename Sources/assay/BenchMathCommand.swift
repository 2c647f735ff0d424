import ArgumentParser
import AssayBench
import AssayCore
import Foundation

struct BenchMathCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-math",
        abstract: "Accuracy and per-item speed of the math verifier next to math-verify, on the same (gold, completion) pairs.",
        discussion: "Use scripts/bench-math, which makes the pairs and the Python venv first.")

    @Option(help: "Pairs JSONL from scripts/make-math-pairs.py.") var pairs: String = ".build/bench/math-pairs.jsonl"
    @Option(help: "Python with math-verify installed ('none' to skip the baseline).") var baselinePython: String = ".build/bench-venv/bin/python"
    @Option(help: "The baseline script.") var baselineScript: String = "scripts/mathverify-baseline.py"
    @Option(help: "Where the baseline writes its per-pair verdicts.") var baselineVerdicts: String = ".build/bench/mathverify-verdicts.jsonl"
    @Option(help: "Items in the HTTP batch.") var httpItems: Int = 4096
    @Option(help: "Items math-verify's time is compared against for the HTTP batch.") var baselineItems: Int = 200
    @Option(help: "Directory of rule files.") var rules: String?
    @Option(help: "Write our per-pair verdicts here (JSONL).") var verdictsOut: String = ".build/bench/assay-verdicts.jsonl"
    @Option(help: "Reviewed label corrections (id, reviewed_label, reason).")
    var labelReview: String = "problemsets/label-reviews/math_completions.jsonl"

    func run() async throws {
        let ruleSet: RuleSet
        do { ruleSet = try RulesLocator.load(rules) } catch { throw ValidationError("rules: \(error)") }
        let list = try MathBenchmark.loadPairs(pairs)
        print("pairs: \(list.count) (\(list.count(where: { !$0.source.hasPrefix("synth") })) labelled completions)")

        var baseline: JSONValue?
        if baselinePython != "none" {
            guard FileManager.default.isExecutableFile(atPath: baselinePython) else {
                throw ValidationError("\(baselinePython) not found: run scripts/setup-bench-venv (or --baseline-python none)")
            }
            print("running math-verify on every pair (one interpreter, main thread)…")
            baseline = try runBaseline()
        }

        let serial = RewardEngine(rules: ruleSet, limits: EngineLimits(concurrency: 1), cache: nil)
        print("running assay on every pair (one worker)…")
        let bench = MathBenchmark()
        let ours = try await bench.runInProcess(list, engine: serial)
        try writeVerdicts(ours, list)

        let parallel = RewardEngine(rules: ruleSet, limits: EngineLimits(), cache: nil)
        let httpSeconds = try await bench.timeOverHTTP(list, count: httpItems, engine: parallel)

        print("")
        print("                         accuracy  labelled   median µs     p99 µs   total s")
        func row(_ name: String, _ acc: Double?, _ labelled: Double?, _ median: Double?, _ p99: Double?, _ total: Double?) {
            func f(_ v: Double?, _ format: String) -> String {
                v.map { String(format: format, $0) } ?? String(repeating: " ", count: max(0, String(format: format, 0.0).count - 1)) + "—"
            }
            print(
                name.padding(toLength: 24, withPad: " ", startingAt: 0) + f(acc.map { $0 * 100 }, "%8.2f%%")
                    + f(labelled.map { $0 * 100 }, "%9.2f%%") + f(median, "%12.1f") + f(p99, "%11.1f") + f(total, "%10.2f"))
        }
        row("assay (in-process)", ours.accuracy, ours.labelledAccuracy, ours.medianMicroseconds, ours.p99Microseconds, ours.totalSeconds)
        let core = bench.timeVerifierCore(list)
        row("  of which extraction", nil, nil, core.extraction.median, core.extraction.p99, nil)
        row("  of which comparison", nil, nil, core.compare.median, core.compare.p99, nil)
        if let b = baseline {
            row(
                "math-verify \(b["math_verify"]?.stringValue ?? "")", b["accuracy_all"]?.doubleValue,
                b["accuracy_labelled"]?.doubleValue, b["median_us"]?.doubleValue, b["p99_us"]?.doubleValue,
                b["total_timed_seconds"]?.doubleValue)
            if let theirs = b["median_us"]?.doubleValue, let total = b["total_timed_seconds"]?.doubleValue {
                print(String(format: "\nspeed: median %.0f× , total %.0f× math-verify", theirs / ours.medianMicroseconds, total / ours.totalSeconds))
                let perItem = total / Double(list.count)
                print(
                    String(
                        format: "HTTP: %d items through the server in %.3f s; math-verify takes %.3f s for %d items (%@)",
                        httpItems, httpSeconds, perItem * Double(baselineItems), baselineItems,
                        httpSeconds < perItem * Double(baselineItems) ? "target met" : "target NOT met"))
            }
            try differential(list, ours)
            try reviewed(list, ours)
        } else {
            print(String(format: "HTTP: %d items through the server in %.3f s", httpItems, httpSeconds))
        }
        print("statuses: \(ours.statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
    }

    func runBaseline() throws -> JSONValue {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: baselinePython)
        process.arguments = [baselineScript, pairs, "--out", baselineVerdicts]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw ValidationError("math-verify baseline failed (exit \(process.terminationStatus))")
        }
        return json
    }

    func writeVerdicts(_ report: MathBenchmark.Report, _ list: [MathBenchmark.Pair]) throws {
        var out = ""
        for pair in list {
            out += "{\"id\":"
            JSONText.appendQuoted(pair.id, to: &out)
            out += ",\"label\":\(pair.label),\"verdict\":"
            JSONText.appendQuoted(report.verdicts[pair.id] ?? "none", to: &out)
            out += "}\n"
        }
        let url = URL(fileURLWithPath: verdictsOut)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(out.utf8).write(to: url)
    }

    /// Accuracy of both verifiers on the labelled completions once the reviewed label corrections are applied.
    func reviewed(_ list: [MathBenchmark.Pair], _ ours: MathBenchmark.Report) throws {
        guard FileManager.default.fileExists(atPath: labelReview) else {
            print("no label review at \(labelReview)")
            return
        }
        let corrected = Self.booleans(in: labelReview, field: "reviewed_label")
        let theirs = Self.booleans(in: baselineVerdicts, field: "verdict")
        let labelled = list.filter { !$0.source.hasPrefix("synth") }
        let oursRight = labelled.count(where: { (ours.verdicts[$0.id] == "correct") == (corrected[$0.id] ?? $0.label) })
        let theirsRight = labelled.count(where: { theirs[$0.id] == (corrected[$0.id] ?? $0.label) })
        print(
            "labelled completions with \(corrected.count) reviewed labels (\(labelReview)): assay \(oursRight)/\(labelled.count), math-verify \(theirsRight)/\(labelled.count)")
    }

    /// Where assay and math-verify disagree on the labelled completions, and who the label sides with.
    func differential(_ list: [MathBenchmark.Pair], _ ours: MathBenchmark.Report) throws {
        let theirs = Self.booleans(in: baselineVerdicts, field: "verdict")
        guard !theirs.isEmpty else { return }
        var agree = 0
        var oursRight = 0
        var theirsRight = 0
        var examples: [String] = []
        for pair in list {
            guard let mv = theirs[pair.id] else { continue }
            let us = ours.verdicts[pair.id] == "correct"
            if us == mv { agree += 1; continue }
            if us == pair.label { oursRight += 1 } else { theirsRight += 1 }
            if examples.count < 15 {
                examples.append("  \(pair.id) label=\(pair.label) assay=\(ours.verdicts[pair.id] ?? "?") math-verify=\(mv) gold=\(pair.gold.prefix(40))")
            }
        }
        print("agreement with math-verify: \(agree)/\(theirs.count); of the disagreements the label sides with assay \(oursRight), with math-verify \(theirsRight)")
        examples.forEach { print($0) }
    }

    /// id → a boolean field, from a JSONL file (empty when the file is missing).
    static func booleans(in path: String, field: String) -> [String: Bool] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var values: [String: Bool] = [:]
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let row = try? JSONDecoder().decode(JSONValue.self, from: Data(line)), let id = row["id"]?.stringValue,
                let value = row[field]?.boolValue
            else { continue }
            values[id] = value
        }
        return values
    }
}
