import Foundation
import Testing

@testable import AssayTrain

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("training chart")
struct TrainingChartTests {
    static func records(_ n: Int) -> [StepRecord] {
        (0..<n).map { i in
            let t = Double(i) / Double(max(n - 1, 1))
            return StepRecord(
                step: i, rewardMean: -0.5 + 1.5 * t, rewardStd: 0.4, accuracy: t, formatRate: 0.9, kl: 0.01 * t, entropy: 1 - t / 2,
                clipFraction: 0.02, meanLength: 12, gradientNorm: 1, sampleSeconds: 0.2, rewardSeconds: 0.01, updateSeconds: 0.3,
                heldOutAccuracy: i % 10 == 0 ? t : nil)
        }
    }

    final class Collector: NSObject, XMLParserDelegate {
        var polylines = 0
        var circles = 0
        var texts: [String] = []
        var inText = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "polyline" { polylines += 1 }
            if name == "circle" { circles += 1 }
            inText = name == "text"
            if inText { texts.append("") }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { texts[texts.count - 1] += string } }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { inText = false }
    }

    @Test("eight panels, one polyline per series, a dot per held-out evaluation, escaped title")
    func panels() throws {
        let svg = TrainingChart.svg(Self.records(31), title: "add2 & <GRU>")
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse())
        #expect(collector.polylines == 11)
        #expect(collector.circles == 4)
        for title in ["reward (mean)", "accuracy", "format rate", "KL to reference (k3)", "entropy per token", "completion length (tokens)",
                      "clip fraction", "seconds per step", "sampling", "rewards", "update"] {
            #expect(collector.texts.contains(title))
        }
        #expect(collector.texts.contains("add2 & <GRU>"))
    }

    @Test("a curve that barely moves still gets five distinct axis labels")
    func narrowRange() {
        var records = Self.records(20)
        for i in records.indices { records[i].meanLength = 6 + (i == 7 ? 0.02 : 0) }
        let svg = TrainingChart.svg(records, title: "t")
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse())
        let title = collector.texts.firstIndex(of: "completion length (tokens)")!
        let labels = Array(collector.texts[(title + 1)...].prefix(5))
        #expect(Set(labels).count == 5, "\(labels)")
        #expect(labels.first == "6.000" && labels.last == "6.020", "\(labels)")
    }

    @Test("a single step and constant curves still render")
    func degenerate() {
        let svg = TrainingChart.svg(Self.records(1), title: "one")
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }
}
