import AssayCore
import AssayJudge
import AssayMath
import Foundation

/// Engines over judge rules pointed at a scripted server.
enum JudgeFixture {
    static let keyVariable = "ASSAY_TEST_JUDGE_KEY"
    static let secret = "sk-test-7f3a9c1e5b2d4068a1f2e3d4c5b6a798"

    static func environment(
        cache: ResultCache? = nil, concurrency: Int = 8, accounting: JudgeAccounting = JudgeAccounting(),
        variables: [String: String] = [keyVariable: secret]
    ) -> JudgeEnvironment {
        JudgeEnvironment(defaults: JudgeDefaults(concurrency: concurrency), cache: cache, accounting: accounting, variables: variables)
    }

    static func registry(_ environment: JudgeEnvironment) -> VerifierRegistry {
        var registry = VerifierRegistry()
        MathVerifiers.register(into: &registry)
        JudgeVerifiers.register(into: &registry, environment: environment)
        return registry
    }

    /// A rule `judge` with one component asking `url`; `extra` adds param lines (YAML flow entries).
    /// `extra` ("key: value, key: value", plain scalars) overrides or adds params.
    static func judgeRule(url: String, name: String = "judged", extra: String = "") -> String {
        var params: [(String, String)] = [
            ("base_url", "\"\(url)\""), ("model", "scripted-judge"), ("api_key_env", keyVariable), ("timeout_seconds", "30"),
            ("max_retries", "3"), ("backoff_seconds", "0.01"), ("max_backoff_seconds", "0.05"),
        ]
        for pair in extra.split(separator: ",") where pair.contains(":") {
            let parts = pair.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            params.removeAll { $0.0 == parts[0] }
            params.append((parts[0], parts[1]))
        }
        return """
            name: \(name)
            components:
              accuracy:
                verifier: judge
                params: {\(params.map { "\($0.0): \($0.1)" }.joined(separator: ", "))}
            """
    }

    static func engine(
        _ rules: [String], environment: JudgeEnvironment, limits: EngineLimits = EngineLimits(itemTimeout: .seconds(60)),
        cache: ResultCache? = nil
    ) throws -> RewardEngine {
        let loader = RuleLoader(registry: registry(environment))
        let loaded = try rules.enumerated().map { i, text in try loader.load(yaml: text, file: "rule\(i).yaml") }
        return RewardEngine(rules: try RuleSet(loaded), limits: limits, cache: cache)
    }

    static func item(_ id: Int, answer: String, gold: String, question: String = "What is the capital of France?") -> ScoreItem {
        ScoreItem(
            id: .int(id), prompt: question, completion: "<think>Let me recall.</think><answer>\(answer)</answer>",
            reference: ["answer": .string(gold)])
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "assay-judge-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

extension VerifierResult {
    /// `detail.judge.<key>`.
    func judge(_ key: String) -> JSONValue? {
        guard case .object(let detail) = detail, case .object(let judge) = detail["judge"] else { return nil }
        return judge[key]
    }

    func detail(_ key: String) -> JSONValue? {
        guard case .object(let detail) = detail else { return nil }
        return detail[key]
    }
}
