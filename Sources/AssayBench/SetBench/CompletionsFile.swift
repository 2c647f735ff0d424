import AssayCore

/// One sampled completion, with the correctness label the file may carry.
public struct CompletionSample: Sendable, Hashable {
    public var text: String
    public var label: Bool?
    /// The completion's own id, when its line has one apart from the problem's (`id` with `problem_id`, or a suffixed id).
    public var id: String?

    public init(text: String, label: Bool? = nil, id: String? = nil) {
        self.text = text
        self.label = label
        self.id = id
    }
}

/// Sampled completions per problem, read from JSONL in either layout:
/// - grouped: `{"id": P, "completions": ["…", …], "labels": [true, …]?}` (k samples of problem P);
/// - one per line: `{"id": P, "completion": "…", "label": true?}`; lines of one problem keep file order.
///
/// `problem_id` names the problem when `id` names the completion. A line whose id is not in the set but whose
/// id minus its last `-suffix` is (`gsm8k-test-7-6b_finetuning` → `gsm8k-test-7`) belongs to that problem.
/// Without a set, rows must carry their problem (`problem`, and `answer` or `gold_answer`, as in the shared
/// labelled completions); rows with the same statement and gold are one problem.
public struct CompletionsFile: Sendable {
    public var path: String
    /// Problem id → its samples, in file order.
    public var samples: [String: [CompletionSample]]
    /// Problem ids in the order they first appear.
    public var order: [String]
    /// The problems the rows carried themselves (only when read without a set).
    public var embeddedProblems: [BenchProblem]

    /// Completions already in memory (problem id → samples), e.g. sampled by a trainer.
    public init(path: String, samples: [String: [CompletionSample]], order: [String], embeddedProblems: [BenchProblem] = []) {
        self.path = path
        self.samples = samples
        self.order = order
        self.embeddedProblems = embeddedProblems
    }

    /// Reads `path` against `set` (or, without one, from the problems the rows carry).
    public static func read(_ path: String, set: ProblemSet?) throws(BenchInputError) -> CompletionsFile {
        let rows = try JSONLines.read(path)
        guard !rows.isEmpty else { throw BenchInputError("\(path) has no completions (the file is empty)") }
        var file = CompletionsFile(path: path, samples: [:], order: [], embeddedProblems: [])
        var unknown: [String] = []
        var embeddedIndex: [String: String] = [:]
        var embeddedMembers: [String: [String]] = [:]

        for (line, row) in rows {
            let place = "\(path):\(line)"
            let batch = try samples(in: row, at: place)
            let problemID: String
            if let set {
                guard let id = rowID(row) else { throw BenchInputError("\(place): missing \"id\" (the problem's id)") }
                if set[id] != nil {
                    problemID = id
                } else if row["problem_id"] == nil, let dash = id.lastIndex(of: "-"), set[String(id[..<dash])] != nil {
                    problemID = String(id[..<dash])
                } else {
                    unknown.append(id)
                    continue
                }
            } else {
                var problem = try ProblemSetLoader.problem(from: row.filter { $0.key != "completion" && $0.key != "completions" }, at: place)
                let groupKey = row["problem_id"].flatMap(\.stringValue) ?? (problem.text + "\u{0}" + (problem.reference["answer"]?.stringValue ?? ""))
                if let existing = embeddedIndex[groupKey] {
                    problemID = existing
                } else {
                    problem.id = row["problem_id"].flatMap(\.stringValue) ?? problem.id
                    guard !embeddedMembers.keys.contains(problem.id) else {
                        throw BenchInputError("\(place): id \"\(problem.id)\" names two different problems")
                    }
                    embeddedIndex[groupKey] = problem.id
                    file.embeddedProblems.append(problem)
                    problemID = problem.id
                }
                embeddedMembers[problemID, default: []].append(rowID(row) ?? problemID)
            }
            if file.samples[problemID] == nil { file.order.append(problemID) }
            file.samples[problemID, default: []].append(contentsOf: batch.map { sample in
                var sample = sample
                if set != nil, sample.id == problemID { sample.id = nil }
                return sample
            })
        }
        if !unknown.isEmpty, let set {
            let shown = unknown.prefix(5).map { "\"\($0)\"" }.joined(separator: ", ")
            throw BenchInputError(
                "\(path): \(unknown.count) line(s) name problems that are not in set \(set.name): \(shown)\(unknown.count > 5 ? ", …" : "") "
                    + "(ids must be the set's; \"problem_id\" overrides \"id\")")
        }
        file.renameEmbeddedProblems(embeddedMembers)
        return file
    }

    /// Replaces labels by reviewed ones (`{"id", "reviewed_label"}` lines, keyed by completion id); returns how
    /// many labels changed.
    public mutating func applyLabelReview(_ path: String) throws(BenchInputError) -> Int {
        var reviewed: [String: Bool] = [:]
        for (line, row) in try JSONLines.read(path) {
            guard let id = ProblemSetLoader.identifier(row["id"]), let label = row["reviewed_label"]?.boolValue else {
                throw BenchInputError("\(path):\(line): a review needs \"id\" and \"reviewed_label\" (true or false)")
            }
            reviewed[id] = label
        }
        var changed = 0
        for (problem, list) in samples {
            for (i, sample) in list.enumerated() {
                guard let id = sample.id, let label = reviewed[id], label != sample.label else { continue }
                samples[problem]![i].label = label
                changed += 1
            }
        }
        return changed
    }

    /// Problems named by their first row's id; when every row of a problem shares a `P-<suffix>` id, it becomes P.
    private mutating func renameEmbeddedProblems(_ members: [String: [String]]) {
        var used = Set<String>()
        for (i, problem) in embeddedProblems.enumerated() {
            let rows = members[problem.id] ?? []
            guard let first = rows.first, let dash = first.lastIndex(of: "-") else { used.insert(problem.id); continue }
            let prefix = String(first[..<dash])
            guard !prefix.isEmpty, rows.allSatisfy({ $0.hasPrefix(prefix + "-") }), !used.contains(prefix), samples[prefix] == nil else {
                used.insert(problem.id)
                continue
            }
            used.insert(prefix)
            let old = problem.id
            embeddedProblems[i].id = prefix
            samples[prefix] = samples.removeValue(forKey: old)
            if let position = order.firstIndex(of: old) { order[position] = prefix }
        }
    }

    static func rowID(_ row: [String: JSONValue]) -> String? {
        ProblemSetLoader.identifier(row["problem_id"]) ?? ProblemSetLoader.identifier(row["id"])
    }

    static func samples(in row: [String: JSONValue], at place: String) throws(BenchInputError) -> [CompletionSample] {
        if let value = row["completions"] {
            guard let list = value.arrayValue else { throw BenchInputError("\(place): \"completions\" must be an array of strings") }
            guard !list.isEmpty else { throw BenchInputError("\(place): \"completions\" is empty") }
            var labels: [JSONValue]?
            if let value = row["labels"], value != .null {
                guard let array = value.arrayValue, array.count == list.count else {
                    throw BenchInputError("\(place): \"labels\" must be an array of booleans as long as \"completions\" (\(list.count))")
                }
                labels = array
            }
            var out: [CompletionSample] = []
            out.reserveCapacity(list.count)
            for (i, entry) in list.enumerated() {
                guard let text = entry.stringValue else { throw BenchInputError("\(place): completions[\(i)] must be a string") }
                var label: Bool?
                if let labels {
                    guard let flag = labels[i].boolValue else { throw BenchInputError("\(place): labels[\(i)] must be true or false") }
                    label = flag
                }
                out.append(CompletionSample(text: text, label: label))
            }
            return out
        }
        guard let value = row["completion"] else {
            throw BenchInputError("\(place): needs \"completion\" (a string) or \"completions\" (an array of strings)")
        }
        guard let text = value.stringValue else { throw BenchInputError("\(place): \"completion\" must be a string") }
        var label: Bool?
        if let value = row["label"], value != .null {
            guard let flag = value.boolValue else { throw BenchInputError("\(place): \"label\" must be true or false") }
            label = flag
        }
        return [CompletionSample(text: text, label: label, id: ProblemSetLoader.identifier(row["id"]))]
    }
}
