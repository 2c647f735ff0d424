import Foundation

/// Building blocks of deterministic SVG text: escaping, fixed-precision numbers, elements.
public enum SVGMarkup {
    /// The text safe in XML content and attribute values; control characters XML 1.0 forbids are dropped,
    /// tabs and line breaks become spaces.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += " "
            default:
                guard scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF else { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate or length with two decimals.
    public static func number(_ value: Double) -> String {
        let text = String(format: "%.2f", value)
        return text == "-0.00" ? "0.00" : text
    }

    /// A `<text>` element whose content is escaped.
    public static func text(_ content: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
                     weight: String = "normal", fill: String = "#222", extra: String = "") -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(number(size))\" text-anchor=\"\(anchor)\""
            + " font-weight=\"\(weight)\" fill=\"\(fill)\"\(extra)>\(escape(content))</text>"
    }

    /// A horizontal or vertical rule.
    public static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
                     dash: String? = nil) -> String {
        "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\""
            + " stroke=\"\(stroke)\" stroke-width=\"\(number(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
    }
}
