/// A `BenchReport` as a fixed-width table for a terminal.
public enum BenchTable {
    /// Longest label shown in the first column; longer group values end in "…".
    static let labelLimit = 28
    static let indent = "  "

    /// The report as aligned text: title, summary, the metrics of the whole set with each breakdown's groups
    /// indented under its field, then label agreement, statuses (when any sample is not `ok`) and notes.
    /// - Parameter color: Set headers in ANSI bold; nothing else is styled.
    public static func render(_ report: BenchReport, color: Bool) -> String {
        let bold = { (text: String) in color ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }
        var lines = [bold("\(report.set) — rule \(report.rule)"), ReportText.summary(report), ""]

        enum Row { case field(String), metrics(label: String, cells: [String]) }
        var rows: [Row] = [.metrics(label: "all problems", cells: ReportText.metricCells(report.overall, in: report))]
        for breakdown in report.breakdowns {
            rows.append(.field(truncated(breakdown.field)))
            rows += breakdown.groups.map {
                .metrics(label: indent + truncated($0.value), cells: ReportText.metricCells($0.metrics, in: report))
            }
        }
        let headers = ReportText.metricHeaders(report)
        var widths = headers.map(\.count)
        var labelWidth = 0
        for case .metrics(let label, let cells) in rows {
            labelWidth = max(labelWidth, label.count)
            for (i, cell) in cells.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        let line = { (label: String, cells: [String]) in
            ([pad(label, labelWidth)] + zip(cells, widths).map { pad($0, $1, right: true) }).joined(separator: "  ")
        }
        lines.append(bold(line("", headers)))
        for row in rows {
            switch row {
            case .field(let name): lines.append(bold(name))
            case .metrics(let label, let cells): lines.append(line(label, cells))
            }
        }
        if let labels = report.labels {
            lines += ["", bold("Label agreement")] + keyValues(ReportText.labelRows(labels))
        }
        let statuses = ReportText.statusRows(report)
        if !statuses.isEmpty { lines += ["", bold("Statuses")] + keyValues(statuses) }
        if !report.notes.isEmpty {
            lines += ["", bold("Notes")] + report.notes.map { indent + "• " + oneLine($0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func keyValues(_ rows: [(name: String, value: String)]) -> [String] {
        let nameWidth = rows.map(\.name.count).max() ?? 0
        let valueWidth = rows.map(\.value.count).max() ?? 0
        return rows.map { indent + pad($0.name, nameWidth) + "  " + pad($0.value, valueWidth, right: true) }
    }

    /// The text cut to `labelLimit` characters, ending in "…" when cut, on one line.
    static func truncated(_ text: String) -> String {
        let flat = oneLine(text)
        return flat.count <= labelLimit ? flat : String(flat.prefix(labelLimit - 1)) + "…"
    }

    /// The text with tabs and line breaks as spaces, which would break the columns.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}
