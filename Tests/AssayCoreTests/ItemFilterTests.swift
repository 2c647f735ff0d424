import AssayCore
import Foundation
import Synchronization
import Testing

/// Counts calls per probe key, so tests can tell which components ran.
final class ProbeCalls: Sendable {
    private let counts = Mutex<[String: Int]>([:])
    func record(_ key: String) { counts.withLock { $0[key, default: 0] += 1 } }
    func count(_ key: String) -> Int { counts.withLock { $0[key] ?? 0 } }
}

/// Answers from `reference[key]`: `{"verdict", "score", "status", "detail"}` (default: correct, 1, ok, none).
struct ProbeVerifier: Verifier {
    let name = "probe"
    let version = "1"
    let cost: VerifierCost
    let canonicalParams: JSONValue
    let key: String
    let calls: ProbeCalls

    init(params: inout VerifierParams, calls: ProbeCalls) throws {
        key = try params.string("key", default: "probe")
        cost = VerifierCost(rawValue: try params.string("cost", default: "cheap")) ?? .cheap
        canonicalParams = .object(params.values)
        self.calls = calls
    }

    func verify(_ input: VerificationInput) async throws -> VerifierResult {
        calls.record(key)
        let spec = input.reference?[key]?.objectValue ?? [:]
        return VerifierResult(
            score: spec["score"]?.doubleValue ?? 1, verdict: Verdict(rawValue: spec["verdict"]?.stringValue ?? "correct"),
            detail: spec["detail"], status: spec["status"]?.stringValue.flatMap(ItemStatus.init(rawValue:)) ?? .ok)
    }
}

@Suite("Item filter")
struct ItemFilterTests {
    let calls = ProbeCalls()

    var registry: VerifierRegistry {
        var registry = testRegistry()
        let calls = calls
        registry.register("probe", summary: "test double") { try ProbeVerifier(params: &$0, calls: calls) }
        return registry
    }

    func engine(_ yamls: [String: String], limits: EngineLimits = EngineLimits()) throws -> RewardEngine {
        let rules = try yamls.map { name, yaml in try loadRule(yaml, file: "\(name).yaml", registry: registry) }
        return RewardEngine(rules: try RuleSet(rules, registry: registry), limits: limits)
    }

    func item(_ id: Int, _ reference: JSONValue, completion: String = "c", task: String? = nil) -> ScoreItemSlot {
        .item(ScoreItem(id: .int(id), completion: completion, reference: reference, task: task))
    }

    func filter(_ engine: RewardEngine, rule: String = "t", keep: String) throws -> ItemFilter {
        try ItemFilter(keep: keep, rule: engine.rules[rule]!, engine: engine)
    }

    static let threeCosts = """
        components:
          slow: {verifier: probe, params: {key: slow, cost: expensive}}
          judge: {verifier: probe, params: {key: judge, cost: remote}}
          quick: {verifier: probe, params: {key: quick}}
        """

    @Test func runsCheapestFirstAndStopsAtTheFirstFailingTerm() async throws {
        let e = try engine(["t": Self.threeCosts])
        let f = try filter(e, keep: "judge=correct,slow=correct,slow>=0.5,quick")
        #expect(f.evaluationOrder == ["quick=correct", "slow=correct", "slow>=0.5", "judge=correct"])
        let batch = await f.filter([
            item(0, ["quick": ["verdict": "wrong", "score": 0]]),
            item(1, ["slow": ["score": 0.4]]),
            item(2, [:]),
        ])
        #expect(batch.decisions == [
            .drop(0, term: "quick=correct", reason: "verdict=wrong"),
            .drop(1, term: "slow>=0.5", reason: "score=0.4"),
            .keep(2),
        ])
        // Each component ran at most once per item, and only as far as the item got.
        #expect([calls.count("quick"), calls.count("slow"), calls.count("judge")] == [3, 2, 1] as [Int])
        let s = batch.summary
        #expect(s.terms.map(\.term) == f.evaluationOrder)
        #expect(s.terms.map(\.evaluated) == [3, 2, 2, 1])
        #expect(s.terms.map(\.passed) == [2, 2, 1, 1])
        #expect(s.terms.map(\.dropped) == [1, 0, 1, 0])
        #expect(s.components.map(\.name) == ["quick", "slow", "judge"])
        #expect(s.components.map(\.runs) == [3, 2, 1])
        #expect(s.items == 3 && s.kept == 1)
    }

    @Test func comparesMappedScoresVerdictsAndDetailFields() async throws {
        let e = try engine([
            "t": """
            components:
              acc: {verifier: probe, params: {key: acc}, scores: {correct: 1, wrong: -1}}
            """
        ])
        let detail: JSONValue = ["n": 3, "flag": true, "name": "y", "list": [["k": 1.5]]]
        let keep = "acc>0,acc!=partial|wrong,acc.n>=2,acc.n=3,acc.flag=true,acc.name=x|y,acc.list.0.k<2"
        let f = try filter(e, keep: keep)
        func decide(_ spec: JSONValue) async -> FilterDecision { await f.filter([item(0, ["acc": spec])]).decisions[0] }
        #expect(await decide(["detail": detail]).kept)
        // The mapped score (−1 for wrong), not the verifier's own 0.9.
        #expect(await decide(["verdict": "wrong", "score": 0.9, "detail": detail]) == .drop(0, term: "acc>0", reason: "score=-1"))
        #expect(await decide(["verdict": "partial", "detail": detail]) == .drop(0, term: "acc!=partial|wrong", reason: "verdict=partial"))
        #expect(await decide(["detail": ["n": 1]]) == .drop(0, term: "acc.n>=2", reason: "detail.n=1"))
        #expect(await decide(["detail": ["n": "3"]]) == .drop(0, term: "acc.n>=2", reason: #"detail.n="3" is not a number"#))
        #expect(await decide(["detail": ["n": 3, "flag": false]]) == .drop(0, term: "acc.flag=true", reason: "detail.flag=false"))
        #expect(await decide(["detail": ["n": 3, "flag": true]]) == .drop(0, term: "acc.name=x|y", reason: "detail.name missing"))
        #expect(await decide(["detail": detail, "status": "timeout"]) == .drop(0, term: "acc>0", reason: "timeout"))
    }

    @Test func gatedComponentsGetTheGatedVerdictWithoutRunning() async throws {
        let e = try engine([
            "t": """
            components:
              fmt: {verifier: probe, params: {key: fmt}}
              lang: {verifier: probe, params: {key: lang}, gate: fmt, gated_score: 0.25}
            """
        ])
        let items = [item(0, ["fmt": ["verdict": "wrong"]]), item(1, ["lang": ["score": 0.9]])]
        let gated = await (try filter(e, keep: "lang=gated")).filter(items)
        #expect(gated.decisions.map(\.kept) == [true, false])
        #expect(calls.count("fmt") == 2 && calls.count("lang") == 1)
        let scored = await (try filter(e, keep: "lang>=0.5")).filter(items)
        #expect(scored.decisions[0] == .drop(0, term: "lang>=0.5", reason: "score=0.25"))
        #expect(scored.decisions[1].kept)
        // Same verdicts as full scoring.
        let full = try await e.score(ScoreRequest(rule: "t", items: items.compactMap { if case .item(let i) = $0 { i } else { nil } }))
        #expect(full.results.map { $0.components[1].result.verdict } == ["gated", "correct"])
        // The gate runs first, so the gated component is ordered after it, and so are the gate's own terms.
        #expect(scored.summary.components.map(\.name) == ["fmt", "lang"])
        let both = try filter(e, keep: "lang>=0.5,fmt")
        #expect(both.evaluationOrder == ["fmt=correct", "lang>=0.5"])
        #expect(await both.filter(items).decisions[0] == .drop(0, term: "fmt=correct", reason: "verdict=wrong"))
    }

    @Test func bareSubjectsRunRegisteredVerifiersAndUnknownOnesListTheChoices() async throws {
        let e = try engine(["t": "components:\n  acc: {verifier: probe, params: {key: acc}}\n"])
        let f = try filter(e, keep: "acc,probe=wrong")
        let batch = await f.filter([item(0, ["probe": ["verdict": "wrong"]]), item(1, [:])])
        #expect(batch.decisions.map(\.kept) == [true, false])
        #expect(calls.count("probe") == 2)
        do {
            _ = try filter(e, keep: "acc,nope>1")
            Issue.record("an unknown subject was accepted")
        } catch let error as FilterExpressionError {
            #expect(error.column == 5)
            #expect(error.message == #"unknown subject "nope": rule t has components acc; registered verifiers: counting, probe, scripted"#)
        }
    }

    @Test func dropsInvalidOverCapAndUnroutedItemsBeforeAnyTerm() async throws {
        let e = try engine(
            ["t": Self.threeCosts, "r": "routes:\n  x: t\n"], limits: EngineLimits(maxCompletionBytes: 8))
        let f = try filter(e, rule: "r", keep: "quick")
        let batch = await f.filter([
            .invalid(id: 0, field: "completion", message: "required field is missing"),
            item(1, [:], completion: String(repeating: "x", count: 9), task: "x"),
            item(2, [:], task: "y"),
            item(3, [:], task: "x"),
        ])
        #expect(batch.decisions == [
            .drop(0, term: nil, reason: "invalid: completion"), .drop(1, term: nil, reason: "limit"),
            .drop(2, term: nil, reason: "invalid: task"), .keep(3),
        ])
        #expect(batch.summary.unscored == ["invalid": 2, "limit": 1])
        #expect(calls.count("quick") == 1)
    }

    /// Random outcomes for three components: the kept set equals the predicate evaluated on full scoring.
    @Test func keepsExactlyWhatFullScoringSatisfies() async throws {
        let e = try engine(["t": Self.threeCosts], limits: EngineLimits(concurrency: 3))
        var rng = SystemRandomNumberGenerator()
        let verdicts = ["correct", "wrong", "no_answer"]
        let items = (0..<300).map { i -> ScoreItem in
            var reference: [String: JSONValue] = [:]
            for key in ["slow", "judge", "quick"] {
                reference[key] = [
                    "verdict": .string(verdicts.randomElement(using: &rng)!), "score": .double(Double(Int.random(in: 0...10, using: &rng)) / 10),
                ]
            }
            return ScoreItem(id: .int(i), completion: "c", reference: .object(reference))
        }
        let batch = await (try filter(e, keep: "slow!=wrong,quick>=0.3,judge=correct|no_answer")).filter(items.map { .item($0) })
        let judged = calls.count("judge")
        let full = try await e.score(ScoreRequest(rule: "t", items: items))
        let components = full.results.map { result in Dictionary(uniqueKeysWithValues: result.components.map { ($0.name, $0) }) }
        let reachJudge = components.map { c in c["slow"]!.result.verdict != .wrong && c["quick"]!.score >= 0.3 }
        let expected = zip(full.results, zip(reachJudge, components)).filter { _, pair in
            pair.0 && [Verdict.correct, .noAnswer].contains(pair.1["judge"]!.result.verdict)
        }.map(\.0.id)
        #expect(batch.decisions.filter(\.kept).map(\.id) == expected)
        #expect(batch.summary.kept == expected.count)
        // The remote component ran only for items that passed both cheaper subjects.
        #expect(judged == reachJudge.count(where: { $0 }))
    }

    @Test func readsApiItemsAndLabelledRows() {
        let row: JSONValue = ["id": "q-1", "problem": "What is 6 × 7?", "gold_answer": "42", "completion": "42", "label": true]
        guard case .item(let item) = ScoreItemSlot(row: row) else {
            Issue.record("a labelled row was refused")
            return
        }
        #expect(item.id == "q-1" && item.prompt == "What is 6 × 7?" && item.reference == ["answer": "42"])
        guard case .item(let api) = ScoreItemSlot(row: ["completion": "x", "reference": ["answer": 1], "answer": "2"], defaultID: 7)
        else { return }
        #expect(api.id == 7 && api.reference == ["answer": 1])
        guard case .invalid(let id, let field, _) = ScoreItemSlot(row: ["id": 3, "problem": "p"]) else {
            Issue.record("a row without a completion was accepted")
            return
        }
        #expect(id == 3 && field == "completion")
        guard case .invalid(_, let tokens, _) = ScoreItemSlot(row: ["completion": "x", "completion_tokens": -1]) else { return }
        #expect(tokens == "completion_tokens")
    }
}
