import AssayCore
import AssayMath
import AssayText
import Foundation
import Testing

/// `assay filter` through the built binary on the 2,000 labelled completions: the kept lines must be exactly the
/// rows whose full scoring (every component, no short-circuit) satisfies the keep expression.
@Suite("assay filter CLI", .serialized)
struct FilterCLITests {
    static let dataset: String? = {
        let path = TestServer.repositoryRoot.appendingPathComponent("../shared/datasets/completions/math_completions.jsonl")
            .standardized.path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    /// One row's full scoring: r1-math's components plus the `language` verifier with default params.
    typealias Scored = [String: ComponentOutcome]

    static func fullScoring(_ rows: [JSONValue]) async throws -> [String: Scored] {
        var registry = VerifierRegistry()
        TextVerifiers.register(into: &registry)
        MathVerifiers.register(into: &registry)
        let loader = RuleLoader(registry: registry)
        let r1Math = try String(contentsOf: TestServer.repositoryRoot.appendingPathComponent("rules/r1-math.yaml"), encoding: .utf8)
        let rules = try RuleSet([
            try loader.load(yaml: r1Math, file: "r1-math.yaml"),
            try loader.load(yaml: "components:\n  language: {verifier: language}\n", file: "language-default.yaml"),
        ])
        let engine = RewardEngine(rules: rules)
        let items = rows.map { row in
            ScoreItem(
                id: row["id"]!, prompt: row["problem"]?.stringValue, completion: row["completion"]!.stringValue!,
                reference: ["answer": row["gold_answer"]!])
        }
        var scored: [String: Scored] = [:]
        for rule in ["r1-math", "language-default"] {
            for result in try await engine.score(ScoreRequest(rule: rule, items: items)).results {
                for component in result.components { scored[result.id.stringValue!, default: [:]][component.name] = component }
            }
        }
        return scored
    }

    struct Case {
        var keep: String
        var order: [String]
        var predicate: @Sendable (Scored) -> Bool
    }

    static let cases: [Case] = [
        Case(keep: "accuracy=correct,format", order: ["format=correct", "accuracy=correct"]) {
            $0["accuracy"]!.result.verdict == .correct && $0["format"]!.result.verdict == .correct
        },
        Case(keep: "accuracy=correct,language>=0.95", order: ["language>=0.95", "accuracy=correct"]) {
            $0["accuracy"]!.result.verdict == .correct && $0["language"]!.score >= 0.95
        },
        Case(
            keep: "accuracy!=wrong|unparsable, format!=correct, language.units>=150",
            order: ["format!=correct", "language.units>=150", "accuracy!=wrong|unparsable"]
        ) {
            ![Verdict.wrong, .unparsable].contains($0["accuracy"]!.result.verdict) && $0["format"]!.result.verdict != .correct
                && ($0["language"]!.result.detail?["units"]?.doubleValue ?? 0) >= 150
        },
    ]

    @Test(.enabled(if: dataset != nil)) func keptLinesAreExactlyTheRowsWhoseFullScoringSatisfiesTheExpression() async throws {
        let input = Self.dataset!
        let lines = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n").map(String.init)
        let rows = try lines.map { try JSONValue.parse(Array($0.utf8)) }
        #expect(rows.count == 2000)
        let scored = try await Self.fullScoring(rows)
        let directory = NSTemporaryDirectory() + "assay-filter-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var keptCounts: [Int] = []
        for (n, c) in Self.cases.enumerated() {
            let (kept, dropped, summary) = ("\(directory)/kept\(n).jsonl", "\(directory)/dropped\(n).jsonl", "\(directory)/s\(n).json")
            let arguments = [
                "filter", "--rule", "r1-math", "--input", input, "--keep", c.keep, "--output", kept, "--dropped", dropped,
                "--summary-json", summary, "--no-cache",
            ]
            guard let run = try CLITests().assay(arguments + (n == 0 ? [] : ["--quiet"])) else {
                Issue.record("the assay binary was not built next to the tests")
                return
            }
            #expect(run.status == 0, "\(run.stderr)")
            let expected = lines.filter { line in c.predicate(scored[rowID(line)]!) }
            let keptLines = try String(contentsOfFile: kept, encoding: .utf8).split(separator: "\n").map(String.init)
            // Byte for byte, in input order.
            #expect(keptLines == expected, "\(c.keep): kept \(keptLines.count), full scoring says \(expected.count)")
            keptCounts.append(expected.count)

            let droppedRows = try String(contentsOfFile: dropped, encoding: .utf8).split(separator: "\n").map {
                try JSONValue.parse(Array($0.utf8))
            }
            #expect(droppedRows.count + keptLines.count == 2000)
            let droppedIDs = Set(droppedRows.compactMap { $0["id"]?.stringValue })
            #expect(droppedIDs.isDisjoint(with: keptLines.map(rowID)))
            #expect(droppedRows.allSatisfy { c.order.contains($0["_filter"]?["term"]?.stringValue ?? "") })
            #expect(droppedRows.allSatisfy { $0["_filter"]?["reason"]?.stringValue?.isEmpty == false && $0["completion"] != nil })

            let report = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: summary))))
            #expect(report["keep"]?.arrayValue?.compactMap(\.stringValue) == c.order)
            #expect(report["summary"]?["items"] == 2000)
            #expect(report["summary"]?["kept"]?.intValue == expected.count)
            let terms = report["summary"]?["terms"]?.arrayValue ?? []
            #expect(terms.first?["evaluated"] == 2000)
            // The expensive `math` ran only on rows that passed the cheap terms before it.
            let runs = report["summary"]?["components"]?.arrayValue?.first { $0["name"] == "accuracy" }?["runs"]?.intValue
            #expect(runs != nil && runs == terms.last?["evaluated"]?.intValue)
            #expect(n == 0 ? run.stderr.contains("kept \(expected.count)/2000") : run.stderr.isEmpty, "\(run.stderr)")
        }
        // The expressions are not all trivially empty or full on this data.
        #expect(keptCounts.contains { $0 > 100 && $0 < 1900 })
    }

    @Test func badExpressionsUnknownRulesAndMissingInputFailClearly() throws {
        let items = "examples/r1-items.jsonl"
        guard let bad = try CLITests().assay(["filter", "--rule", "r1", "--input", items, "--keep", "format,language>=", "--no-cache"])
        else {
            Issue.record("the assay binary was not built next to the tests")
            return
        }
        #expect(bad.status != 0)
        #expect(bad.stderr.contains(#"keep: column 18: expected a value after ">=""#), "\(bad.stderr)")
        #expect(bad.stdout.isEmpty)
        let subject = try CLITests().assay(["filter", "--rule", "r1", "--input", items, "--keep", "lang", "--no-cache"])
        #expect(subject?.status != 0)
        #expect(subject?.stderr.contains(#"unknown subject "lang""#) == true)
        let rule = try CLITests().assay(["filter", "--rule", "nope", "--input", items, "--keep", "format", "--no-cache"])
        #expect(rule?.status != 0)
        #expect(rule?.stderr.contains(#"unknown rule "nope""#) == true)
        let missing = try CLITests().assay(["filter", "--rule", "r1", "--input", "/nonexistent.jsonl", "--keep", "format", "--no-cache"])
        #expect(missing?.status != 0)
        #expect(missing?.stderr.contains("cannot read /nonexistent.jsonl") == true)
        // Nothing kept is still a success.
        let none = try CLITests().assay(["filter", "--rule", "r1", "--input", items, "--keep", "format=nothing", "--no-cache", "--quiet"])
        #expect(none?.status == 0)
        #expect(none?.stdout.isEmpty == true)
    }

    @Test func keptLinesStayVerbatimAndDroppedLinesSayWhy() throws {
        let directory = NSTemporaryDirectory() + "assay-filter-lines-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = #"{"id": "a",  "completion": "<think>\nWe add.\n</think>\n<answer>\n5\n</answer>"}"# + "\r"
        let lines = [
            good, "  ", #"{"id":"b","completion":"no tags"}"#, "not json", "{}",
            #"{"id":"c","completion":"x","_filter":{"term":"old","reason":"old"}}"#,
            #"{"id":"d","completion":"<think>\nWe add them all up.\n</think>\n<answer>\n5\n</answer>"}"#,
        ]
        try lines.joined(separator: "\n").write(toFile: directory + "/in.jsonl", atomically: true, encoding: .utf8)
        guard
            let run = try CLITests().assay([
                "filter", "--rule", "r1", "--input", directory + "/in.jsonl", "--keep", "format", "--dropped", directory + "/out.jsonl",
                "--max-completion-bytes", "50", "--no-cache",
            ])
        else {
            Issue.record("the assay binary was not built next to the tests")
            return
        }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == good + "\n")
        let dropped = try String(contentsOfFile: directory + "/out.jsonl", encoding: .utf8)
        #expect(dropped.split(separator: "\n").map(String.init) == [
            #"{"id":"b","completion":"no tags","_filter":{"term":"format=correct","reason":"verdict=wrong"}}"#,
            #"{"_filter":{"term":null,"reason":"invalid: (json)"},"_line":"not json"}"#,
            #"{"_filter":{"term":null,"reason":"invalid: completion"}}"#,
            #"{"_filter":{"reason":"verdict=wrong","term":"format=correct"},"completion":"x","id":"c"}"#,
            #"{"id":"d","completion":"<think>\nWe add them all up.\n</think>\n<answer>\n5\n</answer>","_filter":{"term":null,"reason":"limit"}}"#,
        ])
        #expect(run.stderr.contains("kept 1/6 (16.7 %), not evaluated: invalid 2, limit 1"), "\(run.stderr)")
    }

    func rowID(_ line: String) -> String { (try? JSONValue.parse(Array(line.utf8)))?["id"]?.stringValue ?? "" }
}
