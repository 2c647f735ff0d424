import AssayBench
import Foundation

/// The training curves as one standalone SVG: a grid of small panels (reward, accuracy with the held-out
/// points, format rate, KL, entropy, length, clip fraction, and where each step's time went), each with its own
/// y range, sharing the step axis.
public enum TrainingChart {
    struct Panel {
        var title: String
        var series: [(label: String, color: String, points: [(Double, Double)], dots: Bool)]
        var unitRange: Bool
        /// The y axis starts at 0 (quantities that cannot be negative).
        var fromZero = false
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
            Panel(title: "KL to reference (k3)", series: [("kl", "#E69F00", curve(\.kl), false)], unitRange: false, fromZero: true),
            Panel(title: "entropy per token", series: [("entropy", "#56B4E9", curve(\.entropy), false)], unitRange: false, fromZero: true),
            Panel(title: "completion length (tokens)", series: [("length", "#000000", curve(\.meanLength), false)], unitRange: false),
            Panel(title: "clip fraction", series: [("clip", "#999999", curve(\.clipFraction), false)], unitRange: false, fromZero: true),
            Panel(
                title: "seconds per step",
                series: [
                    ("update", "#0072B2", curve(\.updateSeconds), false), ("sampling", "#009E73", curve(\.sampleSeconds), false),
                    ("rewards", "#D55E00", curve(\.rewardSeconds), false),
                ], unitRange: false, fromZero: true),
        ]
        let columns = 4
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
        var low = panel.unitRange || panel.fromZero ? 0 : (values.min() ?? 0)
        var high = panel.unitRange ? 1 : (values.max() ?? 1)
        if high - low < 1e-9 {
            if panel.fromZero { high = low + 1 } else { low -= 0.5; high += 0.5 }
        }
        // Enough decimals that neighbouring labels (a quarter of the range apart) never print the same.
        let tick = (high - low) / 4
        var decimals = Int((-log10(tick)).rounded(.up))
        if tick < 2 * pow(10, -Double(decimals)) { decimals += 1 }
        decimals = min(max(decimals, 0), 4)
        let (s0, s1) = (stepRange.0, max(stepRange.1, stepRange.0 + 1))
        func px(_ s: Double) -> Double { left + (s - s0) / (s1 - s0) * (right - left) }
        func py(_ v: Double) -> Double { bottom - (min(max(v, low), high) - low) / (high - low) * (bottom - plotTop) }
        var out = SVGMarkup.text(panel.title, x: left, y: y + 14, size: 12, weight: "bold") + "\n"
        for t in 0...4 {
            let v = low + (high - low) * Double(t) / 4
            out += SVGMarkup.line(left, py(v), right, py(v), stroke: "#e5e5e5") + "\n"
            out += SVGMarkup.text(String(format: "%.\(decimals)f", v), x: left - 4, y: py(v) + 4, size: 9, anchor: "end", fill: "#555") + "\n"
        }
        out += SVGMarkup.line(left, bottom, right, bottom, stroke: "#444") + "\n"
        out += SVGMarkup.text("step \(Int(s0))", x: left, y: bottom + 14, size: 9, fill: "#555") + "\n"
        out += SVGMarkup.text("\(Int(s1))", x: right, y: bottom + 14, size: 9, anchor: "end", fill: "#555") + "\n"
        // The legend goes in the corner the curves end farther from.
        let ends = panel.series.compactMap { $0.points.last?.1 }.filter(\.isFinite)
        let legendAtBottom = !ends.isEmpty && ends.reduce(0, +) / Double(ends.count) > (low + high) / 2
        for (i, series) in panel.series.enumerated() where !series.points.isEmpty {
            let coordinates = series.points.filter { $0.1.isFinite }.map { "\(SVGMarkup.number(px($0.0))),\(SVGMarkup.number(py($0.1)))" }
            out += "<polyline fill=\"none\" stroke=\"\(series.color)\" stroke-width=\"1.6\" points=\"\(coordinates.joined(separator: " "))\"/>\n"
            if series.dots {
                for (s, v) in series.points where v.isFinite {
                    out += "<circle cx=\"\(SVGMarkup.number(px(s)))\" cy=\"\(SVGMarkup.number(py(v)))\" r=\"3\" fill=\"\(series.color)\"/>\n"
                }
            }
            if panel.series.count > 1 {
                let row = Double(legendAtBottom ? i - panel.series.count : i)
                let y = legendAtBottom ? bottom - 6 + (row + 1) * 12 : plotTop + 12 + row * 12
                out += SVGMarkup.text(series.label, x: right - 4, y: y, size: 9, anchor: "end", fill: series.color) + "\n"
            }
        }
        return out
    }
}
