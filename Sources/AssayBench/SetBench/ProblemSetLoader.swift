import AssayCore
import Foundation

/// Reads problem sets: this project's JSONL format and the public sets in `../shared/datasets/` as they are
/// (MATH-500, AIME, AMC, OlympiadBench, GSM8K, HumanEval, MBPP, CodeContests), by mapping their fields.
///
/// Field mapping, first match wins: id ← `id` | `task_id`; statement ← `problem` | `question` | `prompt` | `text`;
/// a row with `test_list`, `test` + `entry_point`, `stdio` or `inputs` + `outputs` is a code problem whose
/// reference is the row itself (the code verifier reads those names); otherwise gold ← `answer` | `gold_answer`
/// makes a math problem. Metadata: `subject`, `level` (`"Level 3"` → `3`), `year`, `dataset`.
public enum ProblemSetLoader {
    /// Where `--set NAME` is looked for, in order.
    public struct SearchPaths: Sendable {
        public var problemsets: [String]
        public var datasets: String

        public init(problemsets: [String], datasets: String) {
            self.problemsets = problemsets
            self.datasets = datasets
        }

        /// `./problemsets` (or `$ASSAY_PROBLEMSETS_DIR`) and `$ASSAY_DATASETS_DIR` or `../shared/datasets`.
        public static var standard: SearchPaths {
            let environment = ProcessInfo.processInfo.environment
            var sets = ["problemsets"]
            if let dir = environment["ASSAY_PROBLEMSETS_DIR"], !dir.isEmpty { sets.insert(dir, at: 0) }
            let datasets = environment["ASSAY_DATASETS_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "../shared/datasets"
            return SearchPaths(problemsets: sets, datasets: datasets)
        }
    }

    /// The file a `--set` value names: a path, a set in `problemsets/`, or a file under the datasets folder
    /// (`math500`, `math/math500.jsonl`, `gsm8k` for `gsm8k_test.jsonl`, `humaneval`…).
    public static func resolve(_ name: String, in paths: SearchPaths = .standard) throws(BenchInputError) -> String {
        let fm = FileManager.default
        var candidates = [name]
        let file = name.hasSuffix(".jsonl") ? name : name + ".jsonl"
        for dir in paths.problemsets { candidates.append("\(dir)/\(file)") }
        candidates.append("\(paths.datasets)/\(name)")
        candidates.append("\(paths.datasets)/\(file)")
        for sub in ["math", "code", "completions"] {
            candidates.append("\(paths.datasets)/\(sub)/\(file)")
            candidates.append("\(paths.datasets)/\(sub)/\(file.dropLast(6))_test.jsonl")
        }
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue { return candidate }
        }
        throw BenchInputError(
            "no set \"\(name)\": not a file, not in \(paths.problemsets.joined(separator: " or ")), not in \(paths.datasets) "
                + "(known: \(known(in: paths).joined(separator: ", ")))")
    }

    /// Set names `resolve` finds.
    public static func known(in paths: SearchPaths = .standard) -> [String] {
        let fm = FileManager.default
        var names: [String] = []
        for dir in paths.problemsets + ["math", "code"].map({ "\(paths.datasets)/\($0)" }) {
            let files = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
            names += files.filter { $0.hasSuffix(".jsonl") && !$0.contains(".completions.") }.map { String($0.dropLast(6)) }
        }
        return Array(Set(names)).sorted()
    }

    /// Loads the set `name` names (see ``resolve(_:in:)``).
    public static func load(_ name: String, in paths: SearchPaths = .standard) throws(BenchInputError) -> ProblemSet {
        let path = try resolve(name, in: paths)
        let rows = try JSONLines.read(path)
        guard !rows.isEmpty else { throw BenchInputError("\(path) has no problems (the file is empty)") }
        var problems: [BenchProblem] = []
        problems.reserveCapacity(rows.count)
        for (line, row) in rows {
            problems.append(try problem(from: row, at: "\(path):\(line)"))
        }
        let setName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try ProblemSet(name: setName, path: path, problems: problems)
    }

    /// One row as a problem; `place` (file:line) prefixes errors.
    public static func problem(from row: [String: JSONValue], at place: String) throws(BenchInputError) -> BenchProblem {
        guard let id = identifier(row["id"]) ?? identifier(row["task_id"]) else {
            throw BenchInputError("\(place): missing \"id\" (or \"task_id\"): a string or integer")
        }
        let text = ["problem", "question", "prompt", "text"].lazy.compactMap { row[$0]?.stringValue }.first ?? ""
        var metadata: [String: String] = [:]
        for field in BenchProblem.breakdownFields {
            if let value = metadataValue(row[field]) { metadata[field] = value }
        }
        if metadata["level"] == nil, let value = metadataValue(row["extra"]?["level"]) { metadata["level"] = value }
        if let level = metadata["level"], level.hasPrefix("Level ") { metadata["level"] = String(level.dropFirst(6)) }

        if isCode(row) {
            return BenchProblem(id: id, text: text, task: "code", reference: .object(row), metadata: metadata)
        }
        guard let gold = row["answer"] ?? row["gold_answer"], gold != .null else {
            throw BenchInputError(
                "\(place): problem \"\(id)\" has no \"answer\" (math) and no tests (code: test_list, test + entry_point, stdio, or inputs + outputs)")
        }
        let answer: String
        switch gold {
        case .string(let s): answer = s
        case .int, .double: answer = gold.canonicalText
        default: throw BenchInputError("\(place): \"answer\" of problem \"\(id)\" must be a string or a number")
        }
        return BenchProblem(id: id, text: text, task: "math", reference: ["answer": .string(answer)], metadata: metadata)
    }

    static func isCode(_ row: [String: JSONValue]) -> Bool {
        row["test_list"] != nil || (row["test"] != nil && row["entry_point"] != nil) || row["stdio"] != nil
            || (row["inputs"] != nil && row["outputs"] != nil)
    }

    static func identifier(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)? where !s.isEmpty: s
        case .int(let i)?: String(i)
        default: nil
        }
    }

    static func metadataValue(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)? where !s.isEmpty: s
        case .int(let i)?: String(i)
        case .double(let d)?: d == d.rounded() ? String(Int(d)) : String(d)
        case .bool(let b)?: String(b)
        default: nil
        }
    }
}

/// Reads JSONL files: one object per non-blank line, with the line number for errors.
enum JSONLines {
    static func read(_ path: String) throws(BenchInputError) -> [(line: Int, row: [String: JSONValue])] {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchInputError("cannot read \(path)") }
        var rows: [(Int, [String: JSONValue])] = []
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            let value: JSONValue
            do { value = try decoder.decode(JSONValue.self, from: Data(line)) } catch let error as DecodingError {
                let why = DecodingErrorDescription(error)
                throw BenchInputError("\(path):\(lineNumber): not valid JSON (\(why.message))")
            } catch {
                throw BenchInputError("\(path):\(lineNumber): not valid JSON")
            }
            guard let object = value.objectValue else { throw BenchInputError("\(path):\(lineNumber): expected a JSON object") }
            rows.append((lineNumber, object))
        }
        return rows
    }
}
