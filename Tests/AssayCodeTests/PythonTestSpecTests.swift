import AssayCode
import AssayCore
import Testing

/// Reading function-level references and assembling the HumanEval candidate source.
@Suite struct PythonTestSpecTests {
    // MARK: Specs

    @Test func specFromFields() {
        let he = PythonTestSpec(reference: ["test": "def check(c): pass", "entry_point": "f", "prompt": "def f():\n"])
        #expect(he == .humanEval(HumanEvalSpec(tests: "def check(c): pass", entryPoint: "f", prompt: "def f():\n")))
        let he2 = PythonTestSpec(reference: ["tests": "T", "entry_point": "g"])
        #expect(he2 == .humanEval(HumanEvalSpec(tests: "T", entryPoint: "g")))
        #expect(he2?.testCount == 1)
        let mb = PythonTestSpec(reference: ["test_list": ["assert f(1) == 2", "assert f(2) == 3"], "test_setup_code": "import math"])
        #expect(mb == .mbpp(MBPPSpec(testList: ["assert f(1) == 2", "assert f(2) == 3"], setupCode: "import math")))
        #expect(mb?.testCount == 2)
        #expect(PythonTestSpec(reference: ["entry_point": "f"]) == nil)
        #expect(PythonTestSpec(reference: ["test_list": .array([])]) == nil)
        #expect(PythonTestSpec(reference: [:]) == nil)
    }

    // MARK: Entry-point detection and prompt

    @Test func definesEntryPoint() {
        #expect(CandidateSource.defines("def f(x):\n    return x", name: "f"))
        #expect(CandidateSource.defines("import math\nasync def f():\n    pass", name: "f"))
        #expect(CandidateSource.defines("def  f (x): pass", name: "f"))
        #expect(CandidateSource.defines("f = lambda x: x", name: "f"))
        #expect(CandidateSource.defines("class f:\n    pass", name: "f"))
        #expect(!CandidateSource.defines("def foo(x): pass", name: "f"))
        #expect(!CandidateSource.defines("    def f(x): pass", name: "f"))
        #expect(!CandidateSource.defines("    return x", name: "f"))
        #expect(!CandidateSource.defines("f == 3", name: "f"))
        #expect(!CandidateSource.defines("print(f(1))", name: "f"))
    }

    @Test func promptPolicy() {
        let spec = HumanEvalSpec(tests: "", entryPoint: "f", prompt: "def f(x):\n    \"\"\"doc\"\"\"\n")
        #expect(CandidateSource.humanEval(code: "    return x", spec: spec) == spec.prompt + "    return x")
        #expect(CandidateSource.humanEval(code: "def f(x):\n    return x", spec: spec) == "def f(x):\n    return x")
        #expect(CandidateSource.humanEval(code: "def f(x): return x", spec: spec, promptPolicy: .always).hasPrefix(spec.prompt))
        #expect(CandidateSource.humanEval(code: "    return x", spec: spec, promptPolicy: .never) == "    return x")
        let noNewline = HumanEvalSpec(tests: "", entryPoint: "f", prompt: "import math")
        #expect(CandidateSource.humanEval(code: "x = 1", spec: noNewline) == "import math\nx = 1")
    }
}
