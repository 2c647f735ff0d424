import AssayCore
import Testing

/// Rule files found by `scripts/fuzz rules` (libFuzzer, Fuzz/). Each must load or fail with a ``RuleError``.
@Suite("Rule loader fuzz regressions")
struct RuleLoaderFuzzRegressionTests {
    /// Yams reads YAML 1.1 sexagesimal integers (`1:30` = 90) with unchecked `Int` arithmetic: a large component
    /// or a dozen of them trapped (arithmetic overflow) inside `Node.int`, killing the process that loads the rule.
    /// Minimised from the fuzzer's `scores: {corrog: -2:99999999999999999:99999999999999999:99999999999999982}`.
    static let overflowing = [
        "-2:99999999999999999:99999999999999999:99999999999999982",
        "1:2:3:4:5:6:7:8:9:10:11:12",
        "99999999999999999:0",
    ]

    @Test(arguments: overflowing)
    func sexagesimalOverflowInAScoreIsAnErrorOrANumber(value: String) {
        let yaml = "components:\n  x:\n    verifier: scripted\n    scores: {correct: \(value)}\n"
        do {
            let rule = try loadRule(yaml)
            #expect(rule.components[0].scores[.correct]?.isFinite == true)
        } catch {
            #expect(error.key.contains("scores"))
        }
    }

    @Test(arguments: overflowing)
    func sexagesimalOverflowElsewhereDoesNotCrash(value: String) {
        for yaml in [
            "components:\n  x:\n    verifier: scripted\n    weight: \(value)\n",
            "components:\n  x:\n    verifier: scripted\n    params: {expensive: \(value)}\n",
            "max_completion_bytes: \(value)\ncomponents:\n  x:\n    verifier: scripted\n",
            "components:\n  x:\n    verifier: scripted\n  y:\n    verifier: scripted\n    gate: x\n    gated_score: \(value)\n",
        ] {
            do {
                _ = try loadRule(yaml)
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
    }

    /// In-range sexagesimal values keep their YAML 1.1 meaning.
    @Test func smallSexagesimalStillReads() throws {
        let rule = try loadRule("max_completion_bytes: 1:30\ncomponents:\n  x:\n    verifier: scripted\n    weight: 1:30\n")
        #expect(rule.maxCompletionBytes == 90)
        #expect(rule.components[0].weight == 90)
    }
}
