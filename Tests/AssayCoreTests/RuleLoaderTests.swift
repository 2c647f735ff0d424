import AssayCore
import Testing

@Suite("Rule files")
struct RuleLoaderTests {
    @Test func loadsComponentsWeightsScoreMapsAndGates() throws {
        let rule = try loadRule(
            """
            description: two parts
            components:
              first:
                verifier: scripted
                weight: 2
                scores: {correct: 1, wrong: -1, no_answer: 0}
              second:
                verifier: scripted
                weight: 0.5
                gate: first
                gated_score: -0.25
            """, file: "rules/pair.yaml")
        #expect(rule.name == "pair")
        #expect(rule.description == "two parts")
        #expect(rule.components.map(\.name) == ["first", "second"])
        #expect(rule.components[0].weight == 2)
        #expect(rule.components[0].scores[.wrong] == -1)
        #expect(rule.components[1].gate == RuleGate(component: "first", verdicts: [.correct], minScore: nil))
        #expect(rule.components[1].gatedScore == -0.25)
        #expect(rule.hash.count == 64)
    }

    @Test func hashIgnoresCommentsAndLayoutButNotContent() throws {
        let a = try loadRule("components:\n  x:\n    verifier: scripted\n    weight: 1\n")
        let b = try loadRule("# a comment\ncomponents: {x: {weight: 1, verifier: scripted}}\n")
        let c = try loadRule("components:\n  x:\n    verifier: scripted\n    weight: 2\n")
        #expect(a.hash == b.hash)
        #expect(a.hash != c.hash)
    }

    @Test(arguments: [
        ("components:\n  x:\n    verifier: scripted\n    wieght: 1\n", 4, "components.x.wieght", "unknown key"),
        ("components:\n  x:\n    verifier: scripted\n    weight: heavy\n", 4, "components.x.weight", "expected a number"),
        ("components:\n  x:\n    verifier: nope\n", 3, "components.x.verifier", "unknown verifier \"nope\""),
        ("components:\n  x:\n    verifier: scripted\n    params:\n      expensive: maybe\n", 5, "components.x.params.expensive", "expected true or false"),
        ("components:\n  x:\n    verifier: scripted\n    params:\n      colour: red\n", 5, "components.x.params.colour", "unknown param"),
        ("components:\n  x:\n    verifier: scripted\n    gate: y\n  y:\n    verifier: scripted\n", 4, "components.x.gate", "earlier component"),
        ("cache: sometimes\ncomponents:\n  x: {verifier: scripted}\n", 1, "cache", "must be one of"),
        ("name: r1\nroutes: {math: a, default: b}\ncomponents: {x: {verifier: scripted}}\n", 2, "routes.default", "only for rules without components"),
        ("components:\n  x: [1, 2\n", 3, "", "invalid YAML"),
        ("description: nothing\n", 1, "", "needs `components`"),
    ])
    func errorsNameTheLineAndKey(yaml: String, line: Int, key: String, message: String) {
        do {
            _ = try loadRule(yaml, file: "rules/bad.yaml")
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect(error.file == "rules/bad.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.key == key, "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("rules/bad.yaml:\(line)"))
        }
    }

    @Test func routersResolveTargetsAndHashThem() throws {
        let math = try loadRule("components: {x: {verifier: scripted}}", file: "math.yaml")
        let plain = try loadRule("components: {y: {verifier: scripted, weight: 3}}", file: "plain.yaml")
        let router = try loadRule("routes: {math: math, default: plain}", file: "router.yaml")
        let set = try RuleSet([math, plain, router])
        #expect(set.resolve(set["router"]!, task: "math")?.name == "math")
        #expect(set.resolve(set["router"]!, task: "poetry")?.name == "plain")
        #expect(set.resolve(set["router"]!, task: nil)?.name == "plain")
        #expect(set["router"]!.hash != router.hash, "a router's hash covers its targets")

        let changed = try loadRule("components: {y: {verifier: scripted, weight: 4}}", file: "plain.yaml")
        let set2 = try RuleSet([math, changed, router])
        #expect(set2["router"]!.hash != set["router"]!.hash)
    }

    @Test func aRuleCanRouteSomeTasksAndScoreTheRest() throws {
        let math = try loadRule("components: {x: {verifier: scripted}}", file: "math.yaml")
        let mixed = try loadRule("routes: {math: math}\ncomponents: {y: {verifier: scripted}}", file: "mixed.yaml")
        let set = try RuleSet([math, mixed])
        #expect(set.resolve(set["mixed"]!, task: "math")?.name == "math")
        #expect(set.resolve(set["mixed"]!, task: "code")?.name == "mixed")
        #expect(set.resolve(set["mixed"]!, task: nil)?.name == "mixed")
    }

    @Test func routerToMissingOrRouterTargetIsRejected() throws {
        let router = try loadRule("routes: {math: missing}", file: "router.yaml")
        #expect(throws: RuleError.self) { try RuleSet([router]) }
        let a = try loadRule("routes: {x: b}", file: "a.yaml")
        let b = try loadRule("routes: {y: c}", file: "b.yaml")
        let c = try loadRule("components: {x: {verifier: scripted}}", file: "c.yaml")
        do {
            _ = try RuleSet([a, b, c])
            Issue.record("router to router must fail")
        } catch {
            #expect(error.message.contains("has routes itself"))
        }
    }

    @Test func duplicateNamesAreRejected() throws {
        let a = try loadRule("name: same\ncomponents: {x: {verifier: scripted}}", file: "a.yaml")
        let b = try loadRule("name: same\ncomponents: {x: {verifier: scripted}}", file: "b.yaml")
        #expect(throws: RuleError.self) { try RuleSet([a, b]) }
    }

    @Test func shippedRulesAllLoad() throws {
        // rules/ must parse with the verifiers AssayCore knows nothing about; here we only check YAML shape
        // via the registry of the real verifiers in AssayServerTests. This test checks the directory error path.
        #expect(throws: RuleError.self) { try RuleSet.load(directory: "/nonexistent-rules", registry: testRegistry()) }
        let empty = temporaryDirectory()
        #expect(throws: RuleError.self) { try RuleSet.load(directory: empty, registry: testRegistry()) }
    }
}
