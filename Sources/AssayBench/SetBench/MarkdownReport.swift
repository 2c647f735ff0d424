/// A `BenchReport` as GitHub-flavoured Markdown.
public enum MarkdownReport {
    /// The report as Markdown: heading, summary, a metrics table, one table per breakdown, label agreement,
    /// statuses (when any sample is not `ok`) and notes.
    public static func render(_ report: BenchReport) -> String {
        var lines = ["# \(report.set) — rule \(report.rule)", "", ReportText.summary(report), ""]
        let headers = ReportText.metricHeaders(report)
        let numeric = Array(repeating: true, count: headers.count)

        lines += table(headers: headers, rightAligned: numeric, rows: [ReportText.metricCells(report.overall, in: report)])
        for breakdown in report.breakdowns {
            lines += ["", "## By \(breakdown.field)", ""]
            let rows = breakdown.groups.map { [$0.value] + ReportText.metricCells($0.metrics, in: report) }
            lines += table(headers: [breakdown.field] + headers, rightAligned: [false] + numeric, rows: rows)
        }
        if let labels = report.labels {
            lines += ["", "## Label agreement", ""]
            lines += table(
                headers: ["measure", "value"], rightAligned: [false, true],
                rows: ReportText.labelRows(labels).map { [$0.name, $0.value] })
        }
        let statuses = ReportText.statusRows(report)
        if !statuses.isEmpty {
            lines += ["", "## Statuses", ""]
            lines += table(headers: ["status", "samples"], rightAligned: [false, true], rows: statuses.map { [$0.name, $0.value] })
        }
        if !report.notes.isEmpty {
            lines += ["", "## Notes", ""]
            lines += report.notes.map { "- " + $0.replacingOccurrences(of: "\n", with: " ") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func table(headers: [String], rightAligned: [Bool], rows: [[String]]) -> [String] {
        let line = { (cells: [String]) in "| " + cells.joined(separator: " | ") + " |" }
        return [line(headers.map(cell)), line(rightAligned.map { $0 ? "---:" : "---" })] + rows.map { line($0.map(cell)) }
    }

    /// Cell text with pipes escaped and line breaks flattened, so it stays in its cell.
    static func cell(_ text: String) -> String {
        return text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
