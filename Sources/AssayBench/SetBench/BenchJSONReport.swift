import AssayCore

/// The `--json` report: `{"set", "n_problems", "samples_per_problem", "pass@1", "pass@k": {k: value},
/// "cons@k": {k: value}, "breakdown": {field: {value: {…}}}}`, then standard errors, labels, statuses and timing.
/// Keys keep this order and ks ascend numerically, so reports diff cleanly.
public enum BenchJSONReport {
    public static func render(_ report: BenchReport) -> String {
        var fields: [(String, OrderedJSON)] = [
            ("set", .string(report.set)), ("rule", .string(report.rule)), ("n_problems", .number(Double(report.problems))),
            ("samples_per_problem", .number(Double(report.samplesPerProblem.min))),
        ]
        if report.samplesPerProblem.max != report.samplesPerProblem.min {
            fields.append(("samples_per_problem_max", .number(Double(report.samplesPerProblem.max))))
        }
        fields += metricFields(report.overall, ks: report.ks)
        fields.append(("stderr", standardErrors(report.overall, ks: report.ks)))
        fields.append(
            ("breakdown", .object(report.breakdowns.map { breakdown in
                (breakdown.field, .object(breakdown.groups.map { group in
                    (group.value, .object([("n_problems", .number(Double(group.metrics.problems)))] + metricFields(group.metrics, ks: report.ks)))
                }))
            })))
        if let labels = report.labels {
            fields.append(
                ("labels", .object([
                    ("labelled", .number(Double(labels.labelled))), ("label_accuracy", .number(labels.labelAccuracy)),
                    ("engine_accuracy", .number(labels.engineAccuracy)), ("disagreement_rate", .number(labels.disagreementRate)),
                    ("engine_stricter", .number(Double(labels.engineStricter))), ("engine_laxer", .number(Double(labels.engineLaxer))),
                ])))
        }
        fields.append(("statuses", .object(report.statuses.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) })))
        fields.append(("missing_problems", .number(Double(report.missingProblems))))
        fields.append(("samples", .number(Double(report.overall.samples))))
        fields.append(("seconds", .number(report.seconds)))
        fields.append(("samples_per_second", .number(report.samplesPerSecond)))
        fields.append(("notes", .array(report.notes.map(OrderedJSON.string))))
        var out = ""
        OrderedJSON.object(fields).write(to: &out, indent: 0)
        return out + "\n"
    }

    static func metricFields(_ metrics: BenchMetrics, ks: [Int]) -> [(String, OrderedJSON)] {
        [
            ("pass@1", .number(metrics.passAt1.value)),
            ("pass@k", .object(ks.compactMap { k in metrics.passAtK[k].map { (String(k), .number($0.value)) } })),
            ("cons@k", .object(ks.compactMap { k in metrics.consAtK[k].map { (String(k), .number($0.value)) } })),
        ]
    }

    static func standardErrors(_ metrics: BenchMetrics, ks: [Int]) -> OrderedJSON {
        func se(_ e: Estimate?) -> OrderedJSON { e?.standardError.map(OrderedJSON.number) ?? .null }
        return .object([
            ("pass@1", se(metrics.passAt1)),
            ("pass@k", .object(ks.compactMap { k in metrics.passAtK[k].map { (String(k), se($0)) } })),
            ("cons@k", .object(ks.compactMap { k in metrics.consAtK[k].map { (String(k), se($0)) } })),
        ])
    }
}

/// JSON whose object keys keep the order they were given in, pretty-printed with two-space indents.
enum OrderedJSON {
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])
    case string(String)
    case number(Double)
    case null

    func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        switch self {
        case .object(let fields):
            guard !fields.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in fields.enumerated() {
                out += pad
                JSONText.appendQuoted(key, to: &out)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += i + 1 < fields.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        case .array(let values):
            guard !values.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, value) in values.enumerated() {
                out += pad
                value.write(to: &out, indent: indent + 1)
                out += i + 1 < values.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .string(let s): JSONText.appendQuoted(s, to: &out)
        case .number(let d): JSONText.appendNumber(d, to: &out)
        case .null: out += "null"
        }
    }
}
