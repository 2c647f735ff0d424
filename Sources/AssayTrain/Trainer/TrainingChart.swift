import AssayBench
import Foundation

/// The training curves as one standalone SVG: a grid of small panels (reward, accuracy with the held-out
/// points, format rate, KL, entropy, length), each with its own y range, sharing the step axis.
public enum TrainingChart {
    struct Panel {
        var title: String
        var series: [(label: String, color: String, points: [(Double, Double)], dots: Bool)]
        var unitRange: Bool
    }

    public static func svg(_ records: [StepRecord], title: String) -> String {
        let steps = records.map { Double($0.step) }
        func curve(_ value: (StepRecord) -> Double) -> [(Double, Double)] { zip(steps, records.map(value)).map { ($0, $1) } }
        let heldOut = records.compactMap { r in r.heldOutAccuracy.map { (Double(r.step), $0) } }
        let panels = [
            Panel(title: "reward (mean)", series: [("reward", "#0072B2", curve(\.rewardMean), false)], unitRange: false),
            Panel(
                title: "accuracy", series: [("train", "#009E73", curve(\.accuracy), false), ("held-out", "#D55E00", heldOut, true)],
                unitRange: true),
            Panel(title: "format rate", series: [("format", "#CC79A7", curve(\.formatRate), false)], unitRange: true),
            Panel(title: "KL to reference (k3)", series: [("kl", "#E69F00", curve(\.kl), false)], unitRange: false),
            Panel(title: "entropy per token", series: [("entropy", "#56B4E9", curve(\.entropy), false)], unitRange: false),
            Panel(title: "completion length (tokens)", series: [("length", "#000000", curve(\.meanLength), false)], unitRange: false),
        ]
        let columns = 3
        let (cellWidth, cellHeight) = (300.0, 200.0)
        let top = 46.0
        let width = Double(columns) * cellWidth + 20
        let height = top + Double((panels.count + columns - 1) / columns) * cellHeight + 10
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        out += "<title>\(SVGMarkup.escape(title))</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        out += SVGMarkup.text(title, x: 16, y: 28, size: 16, weight: "bold") + "\n"
        for (i, panel) in panels.enumerated() {
            let x0 = 10 + Double(i % columns) * cellWidth
            let y0 = top + Double(i / columns) * cellHeight
            out += draw(panel, x: x0, y: y0, width: cellWidth, height: cellHeight, stepRange: (steps.first ?? 0, steps.last ?? 1))
        }
        return out + "</svg>\n"
    }

    static func draw(_ panel: Panel, x: Double, y: Double, width: Double, height: Double, stepRange: (Double, Double)) -> String {
        let left = x + 44, right = x + width - 12, plotTop = y + 24, bottom = y + height - 30
        let values = panel.series.flatMap { $0.points.map(\.1) }.filter(\.isFinite)
        var low = panel.unitRange ? 0 : (values.min() ?? 0)
        var high = panel.unitRange ? 1 : (values.max() ?? 1)
        if high - low < 1e-9 { low -= 0.5; high += 0.5 }
        let (s0, s1) = (stepRange.0, max(stepRange.1, stepRange.0 + 1))
        func px(_ s: Double) -> Double { left + (s - s0) / (s1 - s0) * (right - left) }
        func py(_ v: Double) -> Double { bottom - (min(max(v, low), high) - low) / (high - low) * (bottom - plotTop) }
        var out = SVGMarkup.text(panel.title, x: left, y: y + 14, size: 12, weight: "bold") + "\n"
        for t in 0...4 {
            let v = low + (high - low) * Double(t) / 4
            out += SVGMarkup.line(left, py(v), right, py(v), stroke: "#e5e5e5") + "\n"
            out += SVGMarkup.text(label(v), x: left - 4, y: py(v) + 4, size: 9, anchor: "end", fill: "#555") + "\n"
        }
        out += SVGMarkup.line(left, bottom, right, bottom, stroke: "#444") + "\n"
        out += SVGMarkup.text("step \(Int(s0))", x: left, y: bottom + 14, size: 9, fill: "#555") + "\n"
        out += SVGMarkup.text("\(Int(s1))", x: right, y: bottom + 14, size: 9, anchor: "end", fill: "#555") + "\n"
        for (i, series) in panel.series.enumerated() where !series.points.isEmpty {
            let coordinates = series.points.filter { $0.1.isFinite }.map { "\(SVGMarkup.number(px($0.0))),\(SVGMarkup.number(py($0.1)))" }
            out += "<polyline fill=\"none\" stroke=\"\(series.color)\" stroke-width=\"1.6\" points=\"\(coordinates.joined(separator: " "))\"/>\n"
            if series.dots {
                for (s, v) in series.points where v.isFinite {
                    out += "<circle cx=\"\(SVGMarkup.number(px(s)))\" cy=\"\(SVGMarkup.number(py(v)))\" r=\"3\" fill=\"\(series.color)\"/>\n"
                }
            }
            if panel.series.count > 1 {
                out += SVGMarkup.text(series.label, x: right - 4, y: plotTop + 12 + Double(i) * 12, size: 9, anchor: "end", fill: series.color) + "\n"
            }
        }
        return out
    }

    static func label(_ v: Double) -> String {
        abs(v) >= 100 ? String(format: "%.0f", v) : abs(v) >= 1 ? String(format: "%.1f", v) : String(format: "%.2f", v)
    }
}
