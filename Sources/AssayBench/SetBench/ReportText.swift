import Foundation

/// The cells and lines `MarkdownReport` and `BenchTable` share, so both show the same content.
enum ReportText {
    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

    /// "45.3% ± 1.2" (standard error in percentage points), "45.3%" without one, "—" when absent.
    static func estimate(_ estimate: Estimate?) -> String {
        guard let estimate else { return "—" }
        guard let se = estimate.standardError else { return percent(estimate.value) }
        return percent(estimate.value) + String(format: " ± %.1f", se * 100)
    }

    /// The k of the pass@k columns; k = 1 is the pass@1 column.
    static func passKs(_ report: BenchReport) -> [Int] {
        Array(Set(report.ks)).filter { $0 > 1 }.sorted()
    }

    /// The k of the cons@k columns: every k any metrics report a cons@k for.
    static func consKs(_ report: BenchReport) -> [Int] {
        var ks = Set(report.overall.consAtK.keys)
        for breakdown in report.breakdowns {
            for group in breakdown.groups { ks.formUnion(group.metrics.consAtK.keys) }
        }
        return ks.sorted()
    }

    static func metricHeaders(_ report: BenchReport) -> [String] {
        ["problems", "pass@1 ± se"] + passKs(report).map { "pass@\($0)" } + consKs(report).map { "cons@\($0)" }
    }

    static func metricCells(_ metrics: BenchMetrics, in report: BenchReport) -> [String] {
        ["\(metrics.problems)", estimate(metrics.passAt1)]
            + passKs(report).map { estimate(metrics.passAtK[$0]) }
            + consKs(report).map { estimate(metrics.consAtK[$0]) }
    }

    /// "16", or "12–16" when problems have different numbers of samples.
    static func samplesPerProblem(_ report: BenchReport) -> String {
        let (low, high) = (report.samplesPerProblem.min, report.samplesPerProblem.max)
        return low == high ? "\(low)" : "\(low)–\(high)"
    }

    static func wallTime(_ seconds: Double) -> String {
        guard seconds >= 10 else { return String(format: "%.2f s", seconds) }
        guard seconds >= 60 else { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return whole >= 3600
            ? String(format: "%d h %02d min", whole / 3600, whole / 60 % 60)
            : String(format: "%d min %02d s", whole / 60, whole % 60)
    }

    static func rate(_ perSecond: Double) -> String {
        String(format: perSecond < 10 ? "%.1f" : "%.0f", perSecond)
    }

    /// "500 problems × 16 samples per problem · rule math · 8000 samples in 12.3 s (650 samples/s)".
    static func summary(_ report: BenchReport) -> String {
        var parts = [
            "\(report.problems) problems × \(samplesPerProblem(report)) samples per problem",
            "rule \(report.rule)",
            "\(report.overall.samples) samples in \(wallTime(report.seconds)) (\(rate(report.samplesPerSecond)) samples/s)",
        ]
        if report.missingProblems > 0 { parts.append("\(report.missingProblems) problems without completions") }
        return parts.joined(separator: " · ")
    }

    static func labelRows(_ labels: LabelAgreement) -> [(name: String, value: String)] {
        [
            ("labelled samples", "\(labels.labelled)"),
            ("label accuracy", percent(labels.labelAccuracy)),
            ("engine accuracy", percent(labels.engineAccuracy)),
            ("disagreement rate", percent(labels.disagreementRate)),
            ("engine stricter (label true, engine wrong)", "\(labels.engineStricter)"),
            ("engine laxer (label false, engine correct)", "\(labels.engineLaxer)"),
        ]
    }

    /// Each status with its count and share of samples, `ok` first; empty when every sample is `ok`.
    static func statusRows(_ report: BenchReport) -> [(name: String, value: String)] {
        guard report.statuses.contains(where: { $0.key != "ok" && $0.value > 0 }) else { return [] }
        let order = ["ok", "timeout", "limit", "error", "invalid"]
        let names = report.statuses.keys.sorted { a, b in
            let (ia, ib) = (order.firstIndex(of: a) ?? order.count, order.firstIndex(of: b) ?? order.count)
            return ia != ib ? ia < ib : a < b
        }
        let total = max(report.statuses.values.reduce(0, +), 1)
        return names.map { name in
            let count = report.statuses[name] ?? 0
            return (name, "\(count) (\(percent(Double(count) / Double(total))))")
        }
    }
}
