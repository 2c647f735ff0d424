import Foundation
import Testing

@testable import AssayBench

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A `BenchReport` for rendering: monotone pass@k, cons@k, two breakdowns (`level` with a group value that
/// needs XML escaping, `subject` with a pipe and a long name), labels, notes and a timeout status.
private func sampleReport(
    ks: [Int] = [1, 2, 4, 8], cons: Bool = true, breakdowns: Bool = true, set: String = "math500",
    overallBase: Double = 0.45
) -> BenchReport {
    func metrics(_ problems: Int, _ base: Double, se: Double? = 0.02) -> BenchMetrics {
        let value = { (k: Int) in 1 - pow(1 - base, Double(k)) }
        let estimates = Dictionary(uniqueKeysWithValues: ks.map { ($0, Estimate(value: value($0), standardError: se)) })
        let consEstimates = cons ? Dictionary(uniqueKeysWithValues: ks.filter { $0 > 1 }.map {
            ($0, Estimate(value: base + 0.01 * Double($0), standardError: se))
        }) : [:]
        return BenchMetrics(
            problems: problems, samples: problems * 8, passAt1: Estimate(value: base, standardError: se),
            passAtK: estimates, consAtK: consEstimates)
    }
    let level = BenchBreakdown(field: "level", groups: [
        .init(value: "1", metrics: metrics(10, 0.8)),
        .init(value: "2", metrics: metrics(20, 0.5)),
        .init(value: "A & <B>", metrics: metrics(30, 0.2)),
    ])
    let subject = BenchBreakdown(field: "subject", groups: [
        .init(value: "Algebra", metrics: metrics(25, 0.6)),
        .init(value: "x|y", metrics: metrics(5, 0.3)),
        .init(value: "Geometry, Probability and Some Very Long Subject Name", metrics: metrics(20, 0.4)),
        .init(value: "Number Theory", metrics: metrics(10, 0.35)),
    ])
    return BenchReport(
        set: set, rule: "math", problems: 60, samplesPerProblem: SampleCountRange(min: 6, max: 8), ks: ks,
        overall: metrics(60, overallBase), breakdowns: breakdowns ? [level, subject] : [],
        statuses: ["ok": 464, "timeout": 12, "error": 4],
        labels: LabelAgreement(
            labelled: 480, labelAccuracy: 0.5, engineAccuracy: 0.48, disagreementRate: 0.03, engineStricter: 11, engineLaxer: 3),
        missingProblems: 0, seconds: 1.6, notes: ["cons@1 omitted: one vote is pass@1", "k=16 skipped: too few samples"])
}

/// Every element of a parsed SVG with its attributes, and the text of each `<text>` element.
private final class SVGDocument: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [(text: String, attributes: [String: String])] = []
    private var current: (text: String, attributes: [String: String])?

    static func parse(_ svg: String) -> SVGDocument? {
        let document = SVGDocument()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = document
        return parser.parse() ? document : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append((elementName, attributeDict))
        if elementName == "text" { current = ("", attributeDict) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current?.text += string }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if elementName == "text", let current { texts.append(current) }
        if elementName == "text" { current = nil }
    }

    func all(_ name: String) -> [[String: String]] { elements.filter { $0.name == name }.map(\.attributes) }
    func markers(_ series: String) -> [[String: String]] { elements.map(\.attributes).filter { $0["data-k"] != nil && $0["data-series"] == series } }
    var legend: [String] { texts.filter { $0.attributes["class"] == "legend" }.map(\.text) }
}

private func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

@Suite("Report rendering")
struct ReportRenderingTests {
    @Test func svgParsesWithOneLinePerSeriesAndLegendPerGroup() throws {
        let report = sampleReport()
        let svg = PassAtKChart.svg(report)
        let doc = try #require(SVGDocument.parse(svg))
        // level has the fewest groups: overall + cons + 3 groups.
        #expect(doc.all("polyline").count == 5)
        #expect(occurrences(of: "<polyline", in: svg) == 5)
        #expect(occurrences(of: "<path", in: svg) == 0)
        #expect(doc.all("polyline").filter { $0["data-series"] == "group" }.compactMap { $0["data-group"] } == ["1", "2", "A & <B>"])
        for group in report.breakdowns[0].groups {
            #expect(doc.legend.contains("\(group.value) (n=\(group.metrics.problems))"))
        }
        #expect(doc.legend.contains("all problems (n=60)"))
        #expect(doc.texts.contains { $0.text == "math500 — rule math: pass@k, n=60 problems × 6–8 samples" })
        #expect(doc.texts.contains { $0.text == "Error bars: ±1 standard error over problems." })
        #expect(svg == PassAtKChart.svg(report))
    }

    @Test func svgEscapesText() throws {
        let svg = PassAtKChart.svg(sampleReport(set: "q \"set\" & 'co' <x>"), title: nil)
        let doc = try #require(SVGDocument.parse(svg))
        #expect(svg.contains("A &amp; &lt;B&gt; (n=30)"))
        #expect(!svg.contains("A & <B>"))
        #expect(doc.texts.contains { $0.text.hasPrefix("q \"set\" & 'co' <x> — rule math") })
        #expect(SVGMarkup.escape("a\u{0}b\u{1B}c\td") == "abc d")
    }

    @Test func svgMarkersMatchTheReportAndRiseWithPassAtK() throws {
        let report = sampleReport(ks: [1, 2, 4, 8, 16])
        let doc = try #require(SVGDocument.parse(PassAtKChart.svg(report)))
        let markers = doc.markers("overall")
        #expect(markers.map { $0["data-k"] } == ["1", "2", "4", "8", "16"])
        for marker in markers {
            let k = try #require(marker["data-k"].flatMap { Int($0) })
            #expect(marker["data-value"] == String(format: "%.4f", report.overall.passAtK[k]!.value))
        }
        let xs = markers.compactMap { $0["cx"].flatMap(Double.init) }
        let ys = markers.compactMap { $0["cy"].flatMap(Double.init) }
        #expect(xs.count == 5 && ys.count == 5)
        #expect(zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 })
        #expect(zip(ys, ys.dropFirst()).allSatisfy { $0 > $1 }, "higher pass@k is higher on the page")
        // log₂ spacing: equal steps between doublings.
        let steps = zip(xs, xs.dropFirst()).map { $1 - $0 }
        #expect(steps.allSatisfy { abs($0 - steps[0]) < 0.02 })
        #expect(doc.markers("cons").map { $0["data-k"] } == ["2", "4", "8", "16"])
    }

    @Test func svgSingleKAndNoBreakdown() throws {
        let single = try #require(SVGDocument.parse(PassAtKChart.svg(sampleReport(ks: [4]))))
        #expect(single.all("polyline").isEmpty)
        #expect(single.markers("overall").map { $0["data-k"] } == ["4"])
        #expect(single.markers("group").count == 3)
        #expect(single.texts.filter { $0.text == "4" }.count == 1)

        let plain = PassAtKChart.svg(sampleReport(cons: false, breakdowns: false), title: "Custom")
        let doc = try #require(SVGDocument.parse(plain))
        #expect(doc.all("polyline").count == 1)
        #expect(doc.markers("cons").isEmpty && doc.markers("group").isEmpty)
        #expect(doc.legend == ["all problems (n=60)"])
        #expect(doc.texts.contains { $0.text == "Custom" })

        let none = try #require(SVGDocument.parse(PassAtKChart.svg(sampleReport(ks: []))))
        #expect(none.all("polyline").isEmpty)
    }

    @Test func svgClampsZeroAndOne() throws {
        var report = sampleReport(breakdowns: false)
        report.overall.passAtK = [1: Estimate(value: 0, standardError: 0.1), 2: Estimate(value: 1, standardError: 0.1)]
        report.ks = [1, 2]
        let doc = try #require(SVGDocument.parse(PassAtKChart.svg(report)))
        let frame = PassAtKChart.Frame(ks: [1, 2])
        let ys = doc.markers("overall").compactMap { $0["cy"].flatMap(Double.init) }
        #expect(ys == [frame.bottom, frame.top])
        let verticals = doc.all("line").filter { $0["x1"] == $0["x2"] }.flatMap { [$0["y1"], $0["y2"]] }.compactMap { $0.flatMap(Double.init) }
        #expect(verticals.allSatisfy { $0 >= frame.top && $0 <= frame.bottom + 5 })
    }

    @Test func svgCapsGroupsAndPicksTheSmallestBreakdown() throws {
        var report = sampleReport()
        let base = report.breakdowns[0].groups[0].metrics
        report.breakdowns = [
            BenchBreakdown(field: "dataset", groups: (1...10).map { i in
                var metrics = base
                metrics.problems = i
                return .init(value: "d\(i)", metrics: metrics)
            }),
            BenchBreakdown(field: "year", groups: [.init(value: "solo", metrics: base)]),
        ]
        let doc = try #require(SVGDocument.parse(PassAtKChart.svg(report)))
        #expect(doc.all("polyline").filter { $0["data-series"] == "group" }.count == 8)
        #expect(!doc.legend.contains { $0.hasPrefix("d1 ") || $0.hasPrefix("d2 ") })
        #expect(doc.legend.contains("d10 (n=10)"))
        #expect(doc.texts.contains { $0.text == "Showing the 8 largest of 10 dataset groups by problem count." })

        let tie = [
            BenchBreakdown(field: "subject", groups: report.breakdowns[0].groups.prefix(2).map { $0 }),
            BenchBreakdown(field: "level", groups: report.breakdowns[0].groups.suffix(2).map { $0 }),
            BenchBreakdown(field: "year", groups: report.breakdowns[0].groups.prefix(3).map { $0 }),
        ]
        report.breakdowns = tie
        #expect(PassAtKChart.chosenBreakdown(report)?.field == "level")
        report.breakdowns.remove(at: 1)
        #expect(PassAtKChart.chosenBreakdown(report)?.field == "subject")
    }

    @Test func markdownTablesAndEscaping() {
        let markdown = MarkdownReport.render(sampleReport())
        let tableLines = markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
        // main 2+1, level 2+3, subject 2+4, labels 2+6, statuses 2+3.
        #expect(tableLines.count == 3 + 5 + 6 + 8 + 5)
        #expect(markdown.contains("| x\\|y | 5 |"))
        #expect(tableLines.first == "| problems | pass@1 ± se | pass@2 | pass@4 | pass@8 | cons@2 | cons@4 | cons@8 |")
        #expect(tableLines.contains("| 60 | 45.0% ± 2.0 | 69.8% ± 2.0 | 90.8% ± 2.0 | 99.2% ± 2.0 | 47.0% ± 2.0 | 49.0% ± 2.0 | 53.0% ± 2.0 |"))
        let unescapedPipes = { (line: Substring) in line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }
        let subjectTable = tableLines[8..<14]
        #expect(subjectTable.allSatisfy { unescapedPipes($0) == 10 })
        #expect(markdown.contains("6–8 samples per problem"))
        #expect(markdown.contains("## Statuses") && markdown.contains("| timeout | 12 (2.5%) |"))
        #expect(markdown.contains("- k=16 skipped: too few samples"))
        #expect(markdown.contains("| engine stricter (label true, engine wrong) | 11 |"))

        var clean = sampleReport(breakdowns: false)
        clean.statuses = ["ok": 480]
        clean.labels = nil
        clean.notes = []
        let plain = MarkdownReport.render(clean)
        #expect(!plain.contains("## Statuses") && !plain.contains("## Label") && !plain.contains("## Notes"))
        #expect(plain.split(separator: "\n").filter { $0.hasPrefix("|") }.count == 3)
    }

    @Test func terminalTableIsAlignedAndPlainWithoutColor() throws {
        let report = sampleReport()
        let text = BenchTable.render(report, color: false)
        #expect(!text.contains("\u{1B}"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix(" ") && $0.contains("pass@1 ± se") })
        let end = try #require(lines[start...].firstIndex(of: ""))
        let fields = Set(report.breakdowns.map(\.field))
        let rows = lines[start..<end].filter { !fields.contains($0) }
        #expect(rows.count == 1 + 1 + 3 + 4)
        #expect(Set(rows.map(\.count)).count == 1, "rows: \(rows)")
        #expect(lines[start..<end].filter { fields.contains($0) }.count == 2)
        #expect(rows.contains { $0.hasPrefix("  Geometry, Probability and S…") })
        #expect(!text.contains("Some Very Long Subject Name"))
        #expect(text.contains("  A & <B>"))
        #expect(text.contains("timeout") && text.contains("Label agreement") && text.contains("• k=16 skipped: too few samples"))

        let colored = BenchTable.render(report, color: true)
        #expect(colored.contains("\u{1B}[1m"))
        let stripped = colored.replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "")
        #expect(stripped == text)
        #expect(!colored.split(separator: "\n").contains { $0.hasPrefix("all problems") && $0.contains("\u{1B}") })
    }
}
