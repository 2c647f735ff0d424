import Foundation
import Testing

import AssayCode

/// Locates and reads `shared/datasets/code/*.jsonl` (the repo root's parent), or `$ASSAY_DATASETS/code`.
enum CodeDatasets {
    static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["ASSAY_DATASETS"] {
            return URL(fileURLWithPath: override).appendingPathComponent("code")
        }
        let repoRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repoRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/code")
    }

    /// The rows of a JSONL file, or `nil` (with a printed message) if it is absent.
    static func rows(_ name: String) -> [[String: Any]]? {
        let url = directory.appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            print("skipping: \(url.path) is absent")
            return nil
        }
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }
}

@Suite struct CodeExtractorTests {
    let py = CodeExtractionOptions()

    @Test func lastPythonBlockByDefault() {
        let text = "Try:\n```python\nx = 1\n```\nBetter:\n```python\nx = 2\n```\n"
        let r = CodeExtractor.extract(from: text, options: py)
        #expect(r?.code == "x = 2")
        #expect(r?.language == "python")
        #expect(r?.blockCount == 2)
    }

    @Test func firstAndAllSelections() {
        let text = "```py\na = 1\n```\n```python3\nb = 2\n```\n"
        #expect(CodeExtractor.extract(from: text, options: .init(selection: .first))?.code == "a = 1")
        #expect(CodeExtractor.extract(from: text, options: .init(selection: .all))?.code == "a = 1\n\nb = 2")
        #expect(CodeExtractor.extract(from: text, options: .init(selection: .all))?.language == "py")
    }

    @Test(arguments: ["python", "py", "python3", "Python", "PY3"])
    func pythonAliases(tag: String) {
        let r = CodeExtractor.extract(from: "```\(tag)\nprint(1)\n```", options: py)
        #expect(r?.code == "print(1)")
        #expect(r?.language == tag.lowercased())
    }

    @Test(arguments: ["cpp", "c++", "cc", "cxx"])
    func cppAliases(tag: String) {
        let text = "```python\nprint(1)\n```\n```\(tag)\nint main(){}\n```"
        #expect(CodeExtractor.extract(from: text, options: .init(language: "cpp"))?.code == "int main(){}")
        #expect(CodeExtractor.extract(from: text, options: .init(language: "c++"))?.code == "int main(){}")
    }

    @Test func cIsNotCpp() {
        let text = "```c\nint main(){return 0;}\n```\n```cpp\nint main(){}\n```"
        #expect(CodeExtractor.extract(from: text, options: .init(language: "c"))?.code == "int main(){return 0;}")
        #expect(CodeExtractor.extract(from: text, options: .init(language: "cpp"))?.code == "int main(){}")
    }

    @Test func untaggedFallbackOnlyWhenNoTaggedBlock() {
        let bare = "```\nprint(3)\n```"
        #expect(CodeExtractor.extract(from: bare, options: py)?.code == "print(3)")
        #expect(CodeExtractor.extract(from: bare, options: py)?.language == nil)
        #expect(CodeExtractor.extract(from: bare, options: .init(allowUntagged: false)) == nil)
        let mixed = "```python\nprint(1)\n```\n```\nprint(2)\n```"
        #expect(CodeExtractor.extract(from: mixed, options: py)?.code == "print(1)")
    }

    @Test func otherLanguageIsNotTaken() {
        #expect(CodeExtractor.extract(from: "```cpp\nint main(){}\n```", options: py) == nil)
        #expect(CodeExtractor.extract(from: "```text\nhello\n```", options: py) == nil)
    }

    @Test func noCodeIsNil() {
        #expect(CodeExtractor.extract(from: "The answer is 42.", options: py) == nil)
        #expect(CodeExtractor.extract(from: "", options: py) == nil)
        #expect(CodeExtractor.extract(from: "```python\n\n  \n```", options: py) == nil)
        #expect(CodeExtractor.extract(from: "inline `code` only", options: py) == nil)
    }

    @Test func unterminatedFenceIsAbsent() {
        #expect(CodeExtractor.extract(from: "```python\ndef f():\n    return", options: py) == nil)
        let text = "```python\nx = 1\n```\nthen\n```python\nx = 2 # truncated"
        let r = CodeExtractor.extract(from: text, options: py)
        #expect(r?.code == "x = 1")
        #expect(r?.blockCount == 1)
    }

    @Test func answerTagIsPreferred() {
        let text = "<think>\n```python\ndraft()\n```\n</think>\n<answer>\n```python\nfinal()\n```\n</answer>\n```python\nafter()\n```"
        #expect(CodeExtractor.extract(from: text, options: py)?.code == "final()")
    }

    @Test func unclosedAnswerRunsToEnd() {
        let text = "<think>x</think><answer>\n```python\nfinal()\n```\n"
        #expect(CodeExtractor.extract(from: text, options: py)?.code == "final()")
    }

    @Test func afterThinkWhenNoAnswer() {
        let text = "<think>\n```python\ndraft()\n```\n</think>\nHere:\n```python\nreal()\n```"
        #expect(CodeExtractor.extract(from: text, options: py)?.code == "real()")
        let onlyThink = "<think>\n```python\ndraft()\n```\n</think>\nNo code."
        #expect(CodeExtractor.extract(from: onlyThink, options: py) == nil)
    }

    @Test func wholeTextWithoutTags() {
        #expect(CodeExtractor.extract(from: "x\n```python\nok()\n```\ny", options: py)?.code == "ok()")
    }

    @Test func answerRegion() {
        #expect(CodeExtractor.answerRegion(of: "a<answer>b</answer>c") == "b")
        #expect(CodeExtractor.answerRegion(of: "a</think>b") == "b")
        #expect(CodeExtractor.answerRegion(of: "plain") == "plain")
        #expect(CodeExtractor.answerRegion(of: "<answer>1</answer><answer>2</answer>") == "2")
    }

    @Test func indentedFenceRemovesIndentation() {
        let text = "1. Code:\n   ```python\n   def f():\n       return 1\n   ```\n"
        #expect(CodeExtractor.extract(from: text, options: py)?.code == "def f():\n    return 1")
    }

    @Test func longerFencesAndTildes() {
        let text = "````python\nprint('```')\n```\nstill()\n````"
        #expect(CodeExtractor.extract(from: text, options: py)?.code == "print('```')\n```\nstill()")
        #expect(CodeExtractor.extract(from: "~~~python\nt()\n~~~", options: py)?.code == "t()")
    }

    @Test func closingFenceNeedsOwnLine() {
        let text = "```python\nx = '``` not a close'\n```"
        #expect(CodeExtractor.extract(from: text, options: py)?.code == "x = '``` not a close'")
    }

    @Test func infoStringExtras() {
        #expect(CodeExtractor.extract(from: "``` python title=a.py\nz()\n```", options: py)?.code == "z()")
        #expect(CodeExtractor.extract(from: "```python{.line-numbers}\nz()\n```", options: py)?.code == "z()")
    }

    @Test func crlfCompletion() {
        let text = "```python\r\nx = 1\r\ny = 2\r\n```\r\n"
        #expect(CodeExtractor.extract(from: text, options: py)?.code == "x = 1\r\ny = 2\r")
    }

    @Test func unicodeContentPreserved() {
        let text = "```python\nprint('héllo — 世界')\n```"
        #expect(CodeExtractor.extract(from: text, options: py)?.code == "print('héllo — 世界')")
    }

    @Test func blankBlocksAreSkipped() {
        let text = "```python\nreal()\n```\n```python\n\n```"
        #expect(CodeExtractor.extract(from: text, options: py)?.code == "real()")
    }

    @Test func humanEvalCanonicalRoundTrip() throws {
        guard let rows = CodeDatasets.rows("humaneval.jsonl") else { return }
        #expect(rows.count == 164)
        for row in rows {
            let code = try #require(row["prompt"] as? String) + (try #require(row["canonical_solution"] as? String))
            let completion = "<think>\nLet me solve it.\n</think>\n<answer>\nHere it is:\n```python\n\(code)\n```\n</answer>"
            let r = CodeExtractor.extract(from: completion, options: py)
            #expect(r?.code == code + "", "\(row["task_id"] ?? "?")")
        }
    }

    @Test func mbppReferenceRoundTrip() throws {
        guard let rows = CodeDatasets.rows("mbpp.jsonl") else { return }
        #expect(rows.count > 900)
        for row in rows {
            let code = try #require(row["code"] as? String)
            let completion = "<think>ok</think>\n```python\n\(code)\n```"
            #expect(CodeExtractor.extract(from: completion, options: py)?.code == code, "\(row["task_id"] ?? "?")")
        }
    }
}
