import Foundation

/// pass@k against k as a standalone SVG: the whole set in bold with ±1 standard error bars, cons@k dashed,
/// and one line per group of one breakdown.
public enum PassAtKChart {
    /// Most group lines drawn; the groups with the most problems are kept.
    static let maxGroups = 8
    /// Breakdown fields in order of preference when several have equally few groups.
    static let preferredFields = ["level", "subject", "year", "dataset"]
    /// Okabe–Ito, without the black that marks the whole set; grey as an eighth colour.
    static let palette = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#999999"]
    static let width = 800.0
    static let height = 500.0

    /// A drawn series: its points, style and legend entry.
    struct Series {
        var id: String
        var group: String?
        var legend: String
        var color: String
        var strokeWidth: Double
        var dash: String?
        var points: [(k: Int, estimate: Estimate)]
    }

    /// The plot area and its scales: x is log₂ k over the reported k, y is 0–100 %.
    struct Frame {
        let ks: [Int]
        let left = 72.0, top = 64.0, right = 540.0, bottom = 400.0
        let padLeft = 20.0, padRight = 52.0

        func x(_ k: Int) -> Double {
            guard let low = ks.first, let high = ks.last, high > low else { return (left + padLeft + right - padRight) / 2 }
            let span = log2(Double(high)) - log2(Double(low))
            return left + padLeft + (log2(Double(k)) - log2(Double(low))) / span * (right - padRight - left - padLeft)
        }

        func y(_ share: Double) -> Double { bottom - min(max(share, 0), 1) * (bottom - top) }
    }

    /// The chart as SVG text. Deterministic: the same report gives the same bytes.
    /// - Parameter title: Replaces "<set> — rule <rule>: pass@k, n=<problems> problems × <samples> samples".
    public static func svg(_ report: BenchReport, title: String? = nil) -> String {
        let frame = Frame(ks: Array(Set(report.ks.filter { $0 > 0 })).sorted())
        let (field, groups, total) = groupSeries(report, ks: frame.ks)
        let overall = Series(
            id: "overall", legend: "all problems (n=\(report.overall.problems))", color: "#000000", strokeWidth: 3,
            points: passPoints(report.overall, ks: frame.ks))
        let consPoints = frame.ks.compactMap { k in report.overall.consAtK[k].map { (k: k, estimate: $0) } }
        let cons = consPoints.isEmpty
            ? nil
            : Series(id: "cons", legend: "cons@k (majority vote), all", color: "#000000", strokeWidth: 2, dash: "7 5", points: consPoints)

        var footnotes: [String] = []
        if let field, total > groups.count {
            footnotes.append("Showing the \(groups.count) largest of \(total) \(field) groups by problem count.")
        }
        if overall.points.contains(where: { $0.estimate.standardError != nil }) {
            footnotes.append("Error bars: ±1 standard error over problems.")
        }
        let defaultTitle = "\(report.set) — rule \(report.rule): pass@k, n=\(report.problems) problems × "
            + "\(ReportText.samplesPerProblem(report)) samples"
        let heading = title ?? defaultTitle

        var out = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\""
                + " viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\""
                + " font-family=\"system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif\">",
            "<title>\(SVGMarkup.escape(heading))</title>",
            "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>",
            titleText(heading),
        ]
        out += axes(frame)
        if frame.ks.isEmpty {
            out.append(SVGMarkup.text("no k values reported", x: (frame.left + frame.right) / 2, y: (frame.top + frame.bottom) / 2,
                                      size: 14, anchor: "middle", fill: "#666"))
        }
        for series in groups { out += draw(series, frame) }
        if let cons { out += draw(cons, frame, square: true) }
        out += errorBars(overall, frame)
        out += draw(overall, frame)
        if let last = overall.points.last {
            out.append(SVGMarkup.text(ReportText.percent(last.estimate.value), x: frame.x(last.k) + 10,
                                      y: frame.y(last.estimate.value) + 4, weight: "bold", fill: "#000"))
        }
        out += legend(overall: overall, cons: cons, field: field, groups: groups, frame: frame)
        for (i, note) in footnotes.enumerated() {
            out.append(SVGMarkup.text(note, x: 24, y: height - 36 + Double(i) * 16, size: 11, fill: "#555"))
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// The points of pass@k at each k; at k = 1, pass@1 stands in when pass@k lacks it.
    static func passPoints(_ metrics: BenchMetrics, ks: [Int]) -> [(k: Int, estimate: Estimate)] {
        ks.compactMap { k in (metrics.passAtK[k] ?? (k == 1 ? metrics.passAt1 : nil)).map { (k: k, estimate: $0) } }
    }

    /// The first breakdown of `preferredFields` with at least two groups (others: the fewest groups).
    static func chosenBreakdown(_ report: BenchReport) -> BenchBreakdown? {
        let rank = { (b: BenchBreakdown) in preferredFields.firstIndex(of: b.field) ?? preferredFields.count }
        return report.breakdowns.filter { $0.groups.count >= 2 }.min { a, b in
            rank(a) != rank(b) ? rank(a) < rank(b) : a.groups.count != b.groups.count ? a.groups.count < b.groups.count : a.field < b.field
        }
    }

    /// The chosen breakdown's field, the series of at most `maxGroups` of its largest groups (in breakdown
    /// order) and how many groups had points.
    static func groupSeries(_ report: BenchReport, ks: [Int]) -> (field: String?, series: [Series], total: Int) {
        guard let breakdown = chosenBreakdown(report) else { return (nil, [], 0) }
        let drawable = breakdown.groups.enumerated().filter { !passPoints($0.element.metrics, ks: ks).isEmpty }
        let kept = drawable.sorted { a, b in
            a.element.metrics.problems != b.element.metrics.problems
                ? a.element.metrics.problems > b.element.metrics.problems : a.offset < b.offset
        }.prefix(maxGroups).sorted { $0.offset < $1.offset }
        let series = kept.enumerated().map { i, entry in
            Series(
                id: "group", group: entry.element.value,
                legend: "\(clipped(entry.element.value, 18)) (n=\(entry.element.metrics.problems))",
                color: palette[i % palette.count], strokeWidth: 1.75, points: passPoints(entry.element.metrics, ks: ks))
        }
        return (breakdown.field, series, drawable.count)
    }

    static func clipped(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// The title, in a smaller font when a rough estimate of its width says it would not fit, cut with "…"
    /// when even 11 px would not.
    static func titleText(_ heading: String) -> String {
        let available = width - 48, emWidth = 0.6
        let size = min(17, max(11, available / (Double(max(heading.count, 1)) * emWidth)))
        let fitting = clipped(heading, Int(available / (size * emWidth)))
        return SVGMarkup.text(fitting, x: 24, y: 34, size: size, weight: "600", fill: "#111")
    }

    /// Gridlines every 10 % (labelled every 20 %), a tick per k, the axes and their titles.
    static func axes(_ frame: Frame) -> [String] {
        var out: [String] = []
        for step in 0...10 {
            let share = Double(step) / 10, y = frame.y(share), major = step.isMultiple(of: 2)
            out.append(SVGMarkup.line(frame.left, y, frame.right, y, stroke: major ? "#d4d4d4" : "#ededed"))
            if major {
                out.append(SVGMarkup.text("\(step * 10)%", x: frame.left - 8, y: y + 4, size: 11, anchor: "end", fill: "#444"))
            }
        }
        for k in frame.ks {
            let x = frame.x(k)
            out.append(SVGMarkup.line(x, frame.top, x, frame.bottom, stroke: "#ededed"))
            out.append(SVGMarkup.line(x, frame.bottom, x, frame.bottom + 5, stroke: "#333"))
            out.append(SVGMarkup.text("\(k)", x: x, y: frame.bottom + 19, size: 11, anchor: "middle", fill: "#444"))
        }
        out.append(SVGMarkup.line(frame.left, frame.top, frame.left, frame.bottom, stroke: "#333"))
        out.append(SVGMarkup.line(frame.left, frame.bottom, frame.right, frame.bottom, stroke: "#333"))
        out.append(SVGMarkup.text("k (samples drawn per problem, log₂ scale)", x: (frame.left + frame.right) / 2,
                                  y: frame.bottom + 42, size: 12, anchor: "middle", fill: "#333"))
        let middle = (frame.top + frame.bottom) / 2
        out.append(SVGMarkup.text("pass@k", x: 22, y: middle, size: 12, anchor: "middle", fill: "#333",
                                  extra: " transform=\"rotate(-90 22 \(SVGMarkup.number(middle)))\""))
        return out
    }

    /// The series' line (when it has two or more points) and a marker per point carrying `data-k` and
    /// `data-value`, with a tooltip.
    static func draw(_ series: Series, _ frame: Frame, square: Bool = false) -> [String] {
        var out: [String] = []
        let attributes = " data-series=\"\(series.id)\""
            + (series.group.map { " data-group=\"\(SVGMarkup.escape($0))\"" } ?? "")
        if series.points.count >= 2 {
            let coordinates = series.points.map {
                SVGMarkup.number(frame.x($0.k)) + "," + SVGMarkup.number(frame.y($0.estimate.value))
            }.joined(separator: " ")
            out.append("<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(series.color)\""
                + " stroke-width=\"\(SVGMarkup.number(series.strokeWidth))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
                + (series.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + attributes + "/>")
        }
        let name = series.group ?? (series.id == "cons" ? "cons@k" : "all problems")
        for point in series.points {
            let (x, y) = (frame.x(point.k), frame.y(point.estimate.value))
            let data = attributes + " data-k=\"\(point.k)\" data-value=\"\(String(format: "%.4f", point.estimate.value))\""
            let tip = "<title>\(SVGMarkup.escape("\(name), k=\(point.k): \(ReportText.estimate(point.estimate))"))</title>"
            if square {
                out.append("<rect x=\"\(SVGMarkup.number(x - 4))\" y=\"\(SVGMarkup.number(y - 4))\" width=\"8\" height=\"8\""
                    + " fill=\"#ffffff\" stroke=\"\(series.color)\" stroke-width=\"1.5\"\(data)>\(tip)</rect>")
            } else {
                let radius = series.strokeWidth >= 3 ? 5.0 : 3.5
                out.append("<circle cx=\"\(SVGMarkup.number(x))\" cy=\"\(SVGMarkup.number(y))\" r=\"\(SVGMarkup.number(radius))\""
                    + " fill=\"\(series.color)\" stroke=\"#ffffff\" stroke-width=\"1.25\"\(data)>\(tip)</circle>")
            }
        }
        return out
    }

    /// ±1 standard error whiskers, clipped to 0–100 %.
    static func errorBars(_ series: Series, _ frame: Frame) -> [String] {
        series.points.flatMap { point -> [String] in
            guard let se = point.estimate.standardError, se > 0 else { return [] }
            let x = frame.x(point.k)
            let (low, high) = (frame.y(point.estimate.value - se), frame.y(point.estimate.value + se))
            return [
                SVGMarkup.line(x, low, x, high, stroke: series.color, width: 1.5),
                SVGMarkup.line(x - 5, low, x + 5, low, stroke: series.color, width: 1.5),
                SVGMarkup.line(x - 5, high, x + 5, high, stroke: series.color, width: 1.5),
            ]
        }
    }

    /// A swatch and label per series, right of the plot: the whole set, cons@k, then the groups under their field.
    static func legend(overall: Series, cons: Series?, field: String?, groups: [Series], frame: Frame) -> [String] {
        let x = frame.right + 28
        var y = frame.top + 6
        var out: [String] = []
        func entry(_ series: Series, bold: Bool = false) {
            out.append(SVGMarkup.line(x, y, x + 26, y, stroke: series.color, width: max(series.strokeWidth, 2.5), dash: series.dash))
            out.append(series.id == "cons"
                ? "<rect x=\"\(SVGMarkup.number(x + 9))\" y=\"\(SVGMarkup.number(y - 4))\" width=\"8\" height=\"8\" fill=\"#ffffff\""
                    + " stroke=\"\(series.color)\" stroke-width=\"1.5\"/>"
                : "<circle cx=\"\(SVGMarkup.number(x + 13))\" cy=\"\(SVGMarkup.number(y))\" r=\"\(bold ? "4.5" : "3.5")\""
                    + " fill=\"\(series.color)\" stroke=\"#ffffff\" stroke-width=\"1.25\"/>")
            out.append(SVGMarkup.text(series.legend, x: x + 34, y: y + 4, weight: bold ? "bold" : "normal",
                                      extra: " class=\"legend\""))
            y += 20
        }
        entry(overall, bold: true)
        if let cons { entry(cons) }
        if let field, !groups.isEmpty {
            y += 8
            out.append(SVGMarkup.text("by \(clipped(field, 24))", x: x, y: y + 4, weight: "600", fill: "#555"))
            y += 20
            groups.forEach { entry($0) }
        }
        return out
    }
}
