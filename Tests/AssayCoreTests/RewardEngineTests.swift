import AssayCore
import Foundation
import Testing

@Suite("Reward engine")
struct RewardEngineTests {
    func engine(_ yaml: String, limits: EngineLimits = EngineLimits(), cache: ResultCache? = nil, registry: VerifierRegistry = testRegistry())
        throws -> RewardEngine
    {
        let rule = try loadRule(yaml, file: "t.yaml", registry: registry)
        return RewardEngine(rules: try RuleSet([rule]), limits: limits, cache: cache)
    }

    func item(_ id: Int, score: Double, verdict: String? = nil, group: Int? = nil, extra: [String: JSONValue] = [:]) -> ScoreItem {
        var reference: [String: JSONValue] = ["score": .double(score)]
        if let verdict { reference["verdict"] = .string(verdict) }
        for (k, v) in extra { reference[k] = v }
        return ScoreItem(id: .int(id), group: group.map { .int($0) }, completion: "c\(id)", reference: .object(reference))
    }

    @Test func composesWeightsScoreMapsAndKeepsOrder() async throws {
        let e = try engine(
            """
            components:
              acc: {verifier: scripted, weight: 1, scores: {correct: 1, wrong: -1, no_answer: 0}}
              bonus: {verifier: scripted, weight: 0.5}
            """)
        let items = [
            item(0, score: 1), item(1, score: 0), item(2, score: 0, verdict: "no_answer"), item(3, score: 0.4, verdict: "correct"),
        ]
        let batch = try await e.score(ScoreRequest(rule: "t", items: items))
        #expect(batch.results.map(\.id) == [0, 1, 2, 3])
        // acc maps verdicts; bonus keeps the raw score.
        let expected: [Double?] = [1.5, -1, 0, 1.2]
        #expect(batch.results.map(\.reward) == expected)
        #expect(batch.results[1].components[0].result.score == 0)
        #expect(batch.results[1].components[0].score == -1)
        #expect(batch.results.allSatisfy { $0.status == .ok })
    }

    @Test func gatesSkipComponentsWhoseGateFailed() async throws {
        let e = try engine(
            """
            components:
              fmt: {verifier: scripted}
              extra: {verifier: scripted, weight: 2, gate: fmt, gated_score: -1}
            """)
        let batch = try await e.score(ScoreRequest(rule: "t", items: [item(0, score: 1), item(1, score: 0)]))
        #expect(batch.results[0].reward == 3.0)
        #expect(batch.results[1].components[1].result.verdict == .gated)
        #expect(batch.results[1].reward == -2.0)
    }

    @Test func oneFailingItemNeverFailsItsBatch() async throws {
        let e = try engine("components: {x: {verifier: scripted}}")
        var items = (0..<50).map { item($0, score: 1) }
        items[17] = item(17, score: 1, extra: ["throw": true])
        let batch = try await e.score(ScoreRequest(rule: "t", items: items))
        #expect(batch.results[17].status == .error)
        #expect(batch.results[17].reward == 0)
        #expect(batch.results[17].components[0].result.detail?["error"]?.stringValue?.contains("scripted failed") == true)
        #expect(batch.results.enumerated().allSatisfy { $0.offset == 17 || ($0.element.status == .ok && $0.element.reward == 1) })
    }

    // A 10-minute sleep cancelled at the 200 ms deadline; uncancelled, it would pass the time limit (which leaves room
    // for a cooperative pool starved by CPU-heavy suites, where a wall-clock comparison would not).
    @Test(.timeLimit(.minutes(3)))
    func slowExpensiveItemTimesOutAloneAtItsDeadline() async throws {
        let e = try engine(
            "components: {x: {verifier: scripted, params: {expensive: true}}}",
            limits: EngineLimits(itemTimeout: .milliseconds(200)))
        var items = (0..<6).map { item($0, score: 1) }
        items[2] = item(2, score: 1, extra: ["sleep_ms": 600_000])
        let batch = try await e.score(ScoreRequest(rule: "t", items: items))
        #expect(batch.results[2].status == .timeout)
        #expect(batch.results.filter { $0.status == .ok }.count == 5)
    }

    @Test func completionOverTheCapIsALimitItem() async throws {
        let e = try engine("components: {x: {verifier: scripted}}", limits: EngineLimits(maxCompletionBytes: 10))
        let long = ScoreItem(id: "long", completion: String(repeating: "x", count: 11), reference: ["score": 1])
        let short = ScoreItem(id: "short", completion: "ok", reference: ["score": 1])
        let batch = try await e.score(ScoreRequest(rule: "t", items: [long, short]))
        #expect(batch.results[0].status == .limit)
        #expect(batch.results[0].components[0].result.verdict == .limit)
        #expect(batch.results[1].status == .ok)
    }

    @Test func invalidSlotsAndUnroutedTasksAreInvalidItems() async throws {
        let registry = testRegistry()
        let plain = try loadRule("components: {x: {verifier: scripted}}", file: "plain.yaml", registry: registry)
        let router = try loadRule("routes: {math: plain}", file: "router.yaml", registry: registry)
        let e = RewardEngine(rules: try RuleSet([plain, router]))
        let slots: [ScoreItemSlot] = [
            .item(ScoreItem(id: 1, completion: "a", reference: ["score": 1], task: "math")),
            .invalid(id: 2, field: "items[1].completion", message: "required field is missing"),
            .item(ScoreItem(id: 3, completion: "b", reference: ["score": 1], task: "poetry")),
        ]
        let batch = try await e.score(ScoreRequest(rule: "router", items: slots))
        #expect(batch.results[0].status == .ok)
        #expect(batch.results[0].scoredBy == "plain")
        #expect(batch.results[1].status == .invalid)
        #expect(batch.results[1].reward == nil)
        #expect(batch.results[1].error?.contains("items[1].completion") == true)
        #expect(batch.results[2].status == .invalid)
        #expect(batch.results[2].error?.contains("poetry") == true)
    }

    /// A verifier's `invalid` (e.g. no reference answer) means the item cannot be scored: no reward, no advantage,
    /// and no weight in its group; `limit` keeps its reward and counts (a completion that blows a bound is bad).
    @Test func verifierInvalidItemsHaveNoRewardAndStayOutOfTheirGroup() async throws {
        let e = try engine("components: {x: {verifier: scripted}}")
        let items = [
            ScoreItem(id: 0, group: 7, completion: "a", reference: ["score": 1]),
            ScoreItem(id: 1, group: 7, completion: "b", reference: ["score": 0]),
            ScoreItem(id: 2, group: 7, completion: "c", reference: ["score": 0, "verdict": "invalid", "status": "invalid"]),
            ScoreItem(id: 3, group: 7, completion: "d", reference: ["score": 0, "verdict": "limit", "status": "limit"]),
        ]
        let batch = try await e.score(ScoreRequest(rule: "t", items: items, advantages: .drGRPO))
        #expect(batch.results[2].status == .invalid)
        #expect(batch.results[2].reward == nil)
        #expect(batch.results[2].advantage == nil)
        #expect(batch.results[3].status == .limit)
        #expect(batch.results[3].reward == 0)
        #expect(batch.groups["7"]?.count == 3)
        #expect(batch.results[0].advantage == 1 - 1.0 / 3)
    }

    @Test func unknownRuleThrows() async throws {
        let e = try engine("components: {x: {verifier: scripted}}")
        await #expect(throws: RewardEngine.UnknownRule.self) { try await e.score(ScoreRequest(rule: "nope", items: [ScoreItem]())) }
    }

    @Test func grpoAdvantagesMatchTheFormula() async throws {
        let e = try engine("components: {x: {verifier: scripted}}")
        let scores: [Double] = [1, 0, 0, 1, 1, 0.5]
        let items = scores.enumerated().map { item($0.offset, score: $0.element, group: $0.offset < 4 ? 0 : 1) }
        let grpo = try await e.score(ScoreRequest(rule: "t", items: items, advantages: .grpo))
        // group 0: [1,0,0,1], mean 0.5, sample std sqrt(1/3)
        let std0 = (1.0 / 3.0).squareRoot()
        #expect(abs(grpo.results[0].advantage! - 0.5 / (std0 + 1e-4)) < 1e-12)
        #expect(abs(grpo.results[1].advantage! + 0.5 / (std0 + 1e-4)) < 1e-12)
        #expect(grpo.groups["0"] == GroupStatistics(count: 4, mean: 0.5, std: std0))
        // group 1: [1, 0.5]
        #expect(grpo.groups["1"]?.count == 2)
        let dr = try await e.score(ScoreRequest(rule: "t", items: items, advantages: .drGRPO))
        #expect(dr.results.map { $0.advantage! } == [0.5, -0.5, -0.5, 0.5, 0.25, -0.25])
        let none = try await e.score(ScoreRequest(rule: "t", items: items, advantages: .none))
        #expect(none.results.allSatisfy { $0.advantage == nil })
        #expect(none.groups.count == 2, "group statistics are reported even without advantages")
    }

    @Test func equalRewardsGiveZeroAdvantage() {
        var results = (0..<4).map { ItemResult(id: .int($0), group: "g", reward: 1, status: .ok, components: []) }
        _ = GroupAdvantages.apply(.grpo, to: &results)
        #expect(results.allSatisfy { $0.advantage == 0 })
    }

    @Test func cacheServesRepeatsAndKeysOnEveryInput() async throws {
        let counter = CallCounter()
        let registry = testRegistry(counter: counter)
        let directory = temporaryDirectory()
        let cache = try ResultCache(path: directory + "/cache.sqlite")
        defer { cache.close() }
        let e = try engine("components: {n: {verifier: counting}}", cache: cache, registry: registry)
        let items = (0..<20).map { ScoreItem(id: .int($0), completion: String(repeating: "x", count: $0 + 1), reference: ["answer": "1"]) }
        let first = try await e.score(ScoreRequest(rule: "t", items: items))
        #expect(first.results.allSatisfy { !$0.cached })
        #expect(counter.count.current == 20)
        cache.flush()
        let second = try await e.score(ScoreRequest(rule: "t", items: items))
        #expect(second.results.allSatisfy { $0.cached })
        #expect(second.results.map(\.reward) == first.results.map(\.reward))
        #expect(counter.count.current == 20, "no verifier call on a cache hit")
        #expect(second.cacheHits == 20)

        // A different reference is a different key.
        var changed = items[0]
        changed.reference = ["answer": "2"]
        let third = try await e.score(ScoreRequest(rule: "t", items: [changed]))
        #expect(third.results[0].cached == false)
        #expect(counter.count.current == 21)
    }

    @Test func cheapRulesSkipTheCacheUnderAuto() async throws {
        let directory = temporaryDirectory()
        let cache = try ResultCache(path: directory + "/cache.sqlite")
        defer { cache.close() }
        let cheap = try engine("components: {x: {verifier: scripted}}", cache: cache)
        _ = try await cheap.score(ScoreRequest(rule: "t", items: [item(0, score: 1)]))
        cache.flush()
        let again = try await cheap.score(ScoreRequest(rule: "t", items: [item(0, score: 1)]))
        #expect(again.results[0].cached == false)
        #expect(again.cacheHits + again.cacheMisses == 0)
        let always = try engine("cache: always\ncomponents: {x: {verifier: scripted}}", cache: cache)
        _ = try await always.score(ScoreRequest(rule: "t", items: [item(0, score: 1)]))
        cache.flush()
        let hit = try await always.score(ScoreRequest(rule: "t", items: [item(0, score: 1)]))
        #expect(hit.results[0].cached)
    }

    @Test func failedItemsAreNotCached() async throws {
        let directory = temporaryDirectory()
        let cache = try ResultCache(path: directory + "/cache.sqlite")
        defer { cache.close() }
        let e = try engine("cache: always\ncomponents: {x: {verifier: scripted}}", cache: cache)
        let bad = item(0, score: 1, extra: ["throw": true])
        _ = try await e.score(ScoreRequest(rule: "t", items: [bad]))
        cache.flush()
        let again = try await e.score(ScoreRequest(rule: "t", items: [bad]))
        #expect(again.results[0].cached == false)
        #expect(again.results[0].status == .error)
    }
}
