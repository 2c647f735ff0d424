import Foundation
import Testing

import AssayCode

@Suite struct PythonHarnessTests {
    let sentinel = "__ASSAY_0123456789abcdef0123456789abcdef__"

    // MARK: Literals

    @Test func literalEscapes() {
        #expect(PythonLiteral.string("a") == "'a'")
        #expect(PythonLiteral.string("it's") == "'it\\'s'")
        #expect(PythonLiteral.string("a\\b") == "'a\\\\b'")
        #expect(PythonLiteral.string("x\ny\r\tz") == "'x\\ny\\r\\tz'")
        #expect(PythonLiteral.string("\u{0}\u{7F}") == "'\\x00\\x7f'")
        #expect(PythonLiteral.string("\u{2028}") == "'\\u2028'")
        #expect(PythonLiteral.string("é世") == "'é世'")
        #expect(PythonLiteral.list(["a", "b"]) == "['a', 'b']")
    }

    @Test func literalNeverContainsRawNewlineOrUnescapedQuote() {
        let nasty = "'''\"\"\"\n\r\\'; import os; os._exit(0) #\u{85}\u{2029}"
        let lit = PythonLiteral.string(nasty)
        #expect(!lit.contains("\n") && !lit.contains("\r"))
        #expect(!lit.unicodeScalars.contains("\u{2029}") && !lit.unicodeScalars.contains("\u{85}"))
        #expect(lit.hasPrefix("'") && lit.hasSuffix("'"))
    }

    // MARK: Specs

    @Test func specFromFields() {
        let he = PythonTestSpec(fields: ["test": "def check(c): pass", "entry_point": "f", "prompt": "def f():\n"])
        #expect(he == .humanEval(HumanEvalSpec(tests: "def check(c): pass", entryPoint: "f", prompt: "def f():\n")))
        let he2 = PythonTestSpec(fields: ["tests": "T", "entry_point": "g"])
        #expect(he2 == .humanEval(HumanEvalSpec(tests: "T", entryPoint: "g")))
        #expect(he2?.testCount == 1)
        let mb = PythonTestSpec(fields: ["test_list": ["assert f(1) == 2", "assert f(2) == 3"], "test_setup_code": "import math"])
        #expect(mb == .mbpp(MBPPSpec(testList: ["assert f(1) == 2", "assert f(2) == 3"], setupCode: "import math")))
        #expect(mb?.testCount == 2)
        #expect(PythonTestSpec(fields: ["entry_point": "f"]) == nil)
        #expect(PythonTestSpec(fields: ["test_list": [String]()]) == nil)
        #expect(PythonTestSpec(fields: [:]) == nil)
    }

    // MARK: Entry-point detection and prompt

    @Test func definesEntryPoint() {
        #expect(PythonHarness.defines("def f(x):\n    return x", name: "f"))
        #expect(PythonHarness.defines("import math\nasync def f():\n    pass", name: "f"))
        #expect(PythonHarness.defines("def  f (x): pass", name: "f"))
        #expect(PythonHarness.defines("f = lambda x: x", name: "f"))
        #expect(PythonHarness.defines("class f:\n    pass", name: "f"))
        #expect(!PythonHarness.defines("def foo(x): pass", name: "f"))
        #expect(!PythonHarness.defines("    def f(x): pass", name: "f"))
        #expect(!PythonHarness.defines("    return x", name: "f"))
        #expect(!PythonHarness.defines("f == 3", name: "f"))
        #expect(!PythonHarness.defines("print(f(1))", name: "f"))
    }

    @Test func promptPolicy() {
        let spec = HumanEvalSpec(tests: "", entryPoint: "f", prompt: "def f(x):\n    \"\"\"doc\"\"\"\n")
        #expect(PythonHarness.humanEvalCandidate(code: "    return x", spec: spec) == spec.prompt + "    return x")
        #expect(PythonHarness.humanEvalCandidate(code: "def f(x):\n    return x", spec: spec) == "def f(x):\n    return x")
        #expect(PythonHarness.humanEvalCandidate(code: "def f(x): return x", spec: spec, promptPolicy: .always).hasPrefix(spec.prompt))
        #expect(PythonHarness.humanEvalCandidate(code: "    return x", spec: spec, promptPolicy: .never) == "    return x")
        let noNewline = HumanEvalSpec(tests: "", entryPoint: "f", prompt: "import math")
        #expect(PythonHarness.humanEvalCandidate(code: "x = 1", spec: noNewline) == "import math\nx = 1")
    }

    // MARK: Programs

    @Test func humanEvalProgramShape() {
        let spec = HumanEvalSpec(tests: "def check(candidate):\n    assert candidate(1) == 2\n", entryPoint: "inc", prompt: "def inc(x):\n")
        let p = PythonHarness.humanEvalProgram(code: "    return x + 1\n", spec: spec, sentinel: sentinel)
        #expect(p.contains(PythonLiteral.string("def inc(x):\n    return x + 1\n")))
        #expect(p.contains(PythonLiteral.string(spec.tests)))
        #expect(p.contains("__assay_ns['check'](__assay_ns['inc'])"))
        #expect(p.contains(PythonLiteral.string(sentinel)))
        #expect(p.contains("'__name__': '__candidate__'"))
        #expect(!p.contains("__main__"))
    }

    @Test func mbppProgramShape() {
        let spec = MBPPSpec(testList: ["assert f(1) == 1", "assert f(2) == 4"], setupCode: "import math")
        let p = PythonHarness.mbppProgram(code: "def f(x): return x*x", spec: spec, sentinel: sentinel)
        #expect(p.contains(PythonLiteral.string("assert f(1) == 1")))
        #expect(p.contains(PythonLiteral.string("assert f(2) == 4")))
        #expect(p.contains("__assay_report(0, None)") && p.contains("__assay_report(1, None)"))
        #expect(!p.contains("__assay_report(2"))
        #expect(p.contains(PythonLiteral.string("import math")))
        // The candidate's source appears only as a literal.
        #expect(!p.contains("\ndef f(x)"))
    }

    @Test func sentinelIsRandomAndWellFormed() {
        let a = PythonHarness.makeSentinel(), b = PythonHarness.makeSentinel()
        #expect(a != b)
        #expect(a.count == "__ASSAY_".count + 32 + 2)
        #expect(a.hasPrefix("__ASSAY_") && a.hasSuffix("__"))
        #expect(a.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || $0 == "_" || ("A"..."Z").contains($0) })
    }

    // MARK: Parsing

    @Test func parsesPassAndFail() {
        let out = "noise\n\(sentinel) 0 PASS\n\(sentinel) 1 FAIL AssertionError: \n\(sentinel) 2 FAIL ZeroDivisionError: division by zero\n"
        let r = PythonHarness.parseResults(stdout: out, sentinel: sentinel, count: 3)
        #expect(r == [.passed, .failed("AssertionError: "), .failed("ZeroDivisionError: division by zero")])
        #expect(r.map(\.isPass) == [true, false, false])
        #expect(r[2].message == "ZeroDivisionError: division by zero")
    }

    @Test func missingLinesAreNotRun() {
        let r = PythonHarness.parseResults(stdout: "\(sentinel) 1 PASS\n", sentinel: sentinel, count: 3)
        #expect(r[1] == .passed)
        #expect(!r[0].isPass && !r[2].isPass)
        if case .notRun = r[0] {} else { Issue.record("expected notRun") }
        #expect(PythonHarness.parseResults(stdout: "", sentinel: sentinel, count: 2).allSatisfy { !$0.isPass })
        #expect(PythonHarness.parseResults(stdout: "x", sentinel: sentinel, count: 0).isEmpty)
    }

    @Test func duplicatesAndForgeriesFail() {
        let dup = "\(sentinel) 0 PASS\n\(sentinel) 0 PASS\n"
        #expect(!PythonHarness.parseResults(stdout: dup, sentinel: sentinel, count: 1)[0].isPass)
        let conflict = "\(sentinel) 0 PASS\n\(sentinel) 0 FAIL AssertionError: x\n"
        #expect(!PythonHarness.parseResults(stdout: conflict, sentinel: sentinel, count: 1)[0].isPass)
        let wrongSentinel = "__ASSAY_TEST__ 0 PASS\n"
        #expect(!PythonHarness.parseResults(stdout: wrongSentinel, sentinel: sentinel, count: 1)[0].isPass)
        let indented = " \(sentinel) 0 PASS\n"
        #expect(!PythonHarness.parseResults(stdout: indented, sentinel: sentinel, count: 1)[0].isPass)
        let trailing = "\(sentinel) 0 PASS extra\n"
        #expect(!PythonHarness.parseResults(stdout: trailing, sentinel: sentinel, count: 1)[0].isPass)
        let outOfRange = "\(sentinel) 5 PASS\n\(sentinel) -1 PASS\n"
        #expect(PythonHarness.parseResults(stdout: outOfRange, sentinel: sentinel, count: 1) == [.notRun("test 0: no result (the program stopped before reporting)")])
    }

    @Test func toleratesCRLFAndGluedOutput() {
        let out = "partial output without newline\n\(sentinel) 0 PASS\r\n\(sentinel) 1 PASS\r\n"
        #expect(PythonHarness.parseResults(stdout: out, sentinel: sentinel, count: 2) == [.passed, .passed])
    }

    // MARK: Real data (no process)

    @Test func humanEvalProgramsForAllRows() throws {
        guard let rows = CodeDatasets.rows("humaneval.jsonl") else { return }
        for row in rows {
            let spec = try #require(PythonTestSpec(fields: row))
            guard case .humanEval(let he) = spec else { Issue.record("not HumanEval"); continue }
            let solution = try #require(row["canonical_solution"] as? String)
            let completion = "<think>hm</think><answer>\n```python\n\(solution)\n```\n</answer>"
            let code = try #require(CodeExtractor.extract(from: completion)?.code)
            let program = PythonHarness.program(code: code, spec: spec, sentinel: sentinel)
            #expect(program.contains("__assay_ns[\(PythonLiteral.string(he.entryPoint))]"))
            #expect(program.contains(PythonLiteral.string(he.prompt + solution)), "\(row["task_id"] ?? "?")")
            #expect(program.contains(PythonLiteral.string(he.tests)))
            #expect(spec.testCount == 1)
        }
    }

    @Test func mbppProgramsForAllRows() throws {
        guard let rows = CodeDatasets.rows("mbpp.jsonl") else { return }
        for row in rows {
            let spec = try #require(PythonTestSpec(fields: row))
            guard case .mbpp(let mb) = spec else { Issue.record("not MBPP"); continue }
            let code = try #require(row["code"] as? String)
            let extracted = try #require(CodeExtractor.extract(from: "```python\n\(code)\n```")?.code)
            let program = PythonHarness.program(code: extracted, spec: spec, sentinel: sentinel)
            #expect(program.contains(PythonLiteral.string(code)))
            for (i, test) in mb.testList.enumerated() {
                #expect(program.contains(PythonLiteral.string(test)))
                #expect(program.contains("__assay_report(\(i), None)"))
            }
            #expect(spec.testCount == mb.testList.count)
        }
    }
}
