import AssayCode
import AssayCore
import Foundation
import Testing

@testable import AssayBench

/// The shared datasets, found from the package root whatever the working directory.
let datasetsDirectory: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent("../shared/datasets").standardized.path
}()
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let datasetsPresent = FileManager.default.fileExists(atPath: datasetsDirectory + "/math/math500.jsonl")
let searchPaths = ProblemSetLoader.SearchPaths(problemsets: [packageRoot + "/problemsets"], datasets: datasetsDirectory)

/// Expects `body` to throw an error whose description contains `text`.
func expectFailure(containing text: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected an error containing “\(text)”", sourceLocation: sourceLocation)
    } catch {
        #expect(String(describing: error).contains(text), "got: \(error)", sourceLocation: sourceLocation)
    }
}

/// Writes `text` to a fresh temporary file and returns its path.
func temporaryFile(_ text: String, name: String = "input.jsonl") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assay-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

@Suite("problem sets", .enabled(if: datasetsPresent, "needs ../shared/datasets"))
struct ProblemSetLoaderTests {
    @Test(
        "every public math set loads as it is, with its gold answers and metadata",
        arguments: [
            ("math500", 500, "subject"), ("aime2024", 30, "year"), ("aime2025", 30, "year"), ("amc23", 40, ""),
            ("olympiadbench", 675, "subject"), ("gsm8k", 1319, ""),
        ])
    func mathSets(name: String, count: Int, field: String) throws {
        let set = try ProblemSetLoader.load(name, in: searchPaths)
        #expect(set.problems.count == count)
        #expect(set.task == "math")
        for problem in set.problems {
            #expect(!problem.text.isEmpty, "\(problem.id) has no statement")
            let gold = problem.reference["answer"]?.stringValue ?? ""
            #expect(!gold.isEmpty, "\(problem.id) has no gold")
            let hasField = field.isEmpty || problem.metadata[field] != nil
            #expect(hasField, "\(problem.id) lacks \(field)")
        }
    }

    @Test("MATH-500 levels are 1–5 and the first problem's gold is read verbatim")
    func math500Details() throws {
        let set = try ProblemSetLoader.load("math/math500.jsonl", in: searchPaths)
        #expect(Set(set.problems.compactMap { $0.metadata["level"] }) == ["1", "2", "3", "4", "5"])
        #expect(Set(set.problems.compactMap { $0.metadata["subject"] }).count == 7)
        #expect(set["test/precalculus/807.json"]?.reference["answer"]?.stringValue == "\\left( 3, \\frac{\\pi}{2} \\right)")
    }

    @Test("every public code set loads as code, and the code verifier accepts each reference", arguments: [("humaneval", 164), ("mbpp", 974), ("codecontests_test", 165)])
    func codeSets(name: String, count: Int) throws {
        let set = try ProblemSetLoader.load(name, in: searchPaths)
        #expect(set.problems.count == count)
        #expect(set.task == "code")
        for problem in set.problems {
            let accepted = (try? CodeReference(problem.reference)) != nil
            #expect(accepted, "\(problem.id)")
        }
    }

    @Test("the samples in problemsets/ load")
    func samples() throws {
        let math = try ProblemSetLoader.load("math-sample", in: searchPaths)
        #expect(math.problems.count >= 10 && math.task == "math")
        let code = try ProblemSetLoader.load("code-sample", in: searchPaths)
        #expect(code.task == "code")
        let completions = try CompletionsFile.read(packageRoot + "/problemsets/math-sample.completions.jsonl", set: math)
        #expect(completions.order.count == math.problems.count)
    }

    @Test("an unknown set name says where it looked and lists the known sets")
    func unknownSet() {
        #expect {
            _ = try ProblemSetLoader.load("no-such-set", in: searchPaths)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("no set \"no-such-set\"") && text.contains("math500") && text.contains("math-sample")
        }
    }

    @Test("rows without an id, without gold or tests, or with duplicate ids are named in the error")
    func badSets() throws {
        let cases: [(String, String)] = [
            ("{\"problem\": \"p\", \"answer\": \"1\"}\n", ":1: missing \"id\""),
            ("{\"id\": \"a\", \"problem\": \"p\"}\n", "has no \"answer\""),
            ("{\"id\": \"a\", \"answer\": \"1\"}\n{\"id\": \"a\", \"answer\": \"2\"}\n", "appears twice"),
            ("{\"id\": \"a\", \"answer\": [1]}\n", "must be a string or a number"),
            ("\n\n", "is empty"),
            ("{\"id\": \"a\", \"answer\": \"1\"}\nnot json\n", ":2: not valid JSON"),
        ]
        for (text, expected) in cases {
            let path = try temporaryFile(text)
            expectFailure(containing: expected) { _ = try ProblemSetLoader.load(path, in: searchPaths) }
        }
    }
}

@Suite("completions files", .enabled(if: datasetsPresent, "needs ../shared/datasets"))
struct CompletionsFileTests {
    static let set: ProblemSet = try! ProblemSet(
        name: "tiny", path: "tiny",
        problems: ["p1", "p2"].map { BenchProblem(id: $0, text: "?", task: "math", reference: ["answer": "1"]) })

    @Test("grouped and one-per-line layouts read the same samples in file order")
    func layouts() throws {
        let grouped = try temporaryFile(
            "{\"id\": \"p1\", \"completions\": [\"a\", \"b\"], \"labels\": [true, false]}\n{\"id\": \"p2\", \"completions\": [\"c\"]}\n")
        let lines = try temporaryFile(
            "{\"id\": \"p1\", \"completion\": \"a\", \"label\": true}\n{\"id\": \"p2\", \"completion\": \"c\"}\n{\"id\": \"p1\", \"completion\": \"b\", \"label\": false}\n")
        let a = try CompletionsFile.read(grouped, set: Self.set)
        let b = try CompletionsFile.read(lines, set: Self.set)
        #expect(a.samples == b.samples)
        #expect(a.samples["p1"] == [CompletionSample(text: "a", label: true), CompletionSample(text: "b", label: false)])
        #expect(a.order == ["p1", "p2"])
    }

    @Test("completion ids with a suffix and problem_id both find their problem")
    func ids() throws {
        let path = try temporaryFile(
            "{\"id\": \"p1-s0\", \"completion\": \"a\"}\n{\"id\": \"x\", \"problem_id\": \"p2\", \"completion\": \"b\"}\n")
        let file = try CompletionsFile.read(path, set: Self.set)
        #expect(file.samples["p1"]?.count == 1 && file.samples["p2"]?.count == 1)
    }

    @Test("unknown ids, empty files and malformed rows are clear errors")
    func errors() throws {
        let cases: [(String, String)] = [
            ("{\"id\": \"zz\", \"completion\": \"a\"}\n{\"id\": \"yy\", \"completion\": \"a\"}\n", "2 line(s) name problems that are not in set tiny: \"zz\", \"yy\""),
            ("", "has no completions (the file is empty)"),
            ("{\"id\": \"p1\"}\n", ":1: needs \"completion\""),
            ("{\"id\": \"p1\", \"completions\": []}\n", "\"completions\" is empty"),
            ("{\"id\": \"p1\", \"completions\": [\"a\"], \"labels\": [true, true]}\n", "\"labels\" must be an array of booleans as long"),
            ("{\"id\": \"p1\", \"completions\": [3]}\n", "completions[0] must be a string"),
            ("{\"id\": \"p1\", \"completion\": \"a\", \"label\": \"yes\"}\n", "\"label\" must be true or false"),
        ]
        for (text, expected) in cases {
            let path = try temporaryFile(text)
            expectFailure(containing: expected) { _ = try CompletionsFile.read(path, set: Self.set) }
        }
    }

    @Test("the shared labelled completions carry their own problems: 100 MATH and 300 GSM8K problems")
    func embedded() throws {
        let file = try CompletionsFile.read(datasetsDirectory + "/completions/math_completions.jsonl", set: nil)
        #expect(file.embeddedProblems.count == 400)
        #expect(file.samples["qwen-math-cot-0"]?.count == 8)
        #expect(file.samples["gsm8k-test-299"]?.count == 4)
        #expect(file.embeddedProblems.first { $0.id == "qwen-math-cot-0" }?.metadata["level"] == "3")
        #expect(file.samples.values.allSatisfy { $0.allSatisfy { $0.label != nil } })
    }
}
