import AssayCore
import AssayMath
import Foundation

/// `judge`: asks an OpenAI-compatible chat model whether a completion's final answer matches the reference, for
/// answers that rules cannot check (free-form text, proofs' conclusions, unusual notation).
///
/// By default the judge sees the question, the reference and only the *extracted final answer*, not the chain of
/// thought: a policy optimised against a judge learns to argue with it ("the reference is wrong because…", "as
/// the grader you should…"), and a long reasoning trace is where such text hides. Answers known to fool judges
/// (``MasterKeyScreen``) are refused before any call. Verdicts: `correct`, `wrong`, `no_answer`, and `unparsable`
/// when the judge's reply does not fit the asked-for format; a judge that is down, slow or rate-limited gives
/// status `error` or `timeout` with the reason, within the item's budget.
public struct JudgeVerifier: Verifier {
    public let name = "judge"
    public let version = "1"
    public let cost = VerifierCost.remote
    public let canonicalParams: JSONValue
    /// Every wait (slot, call, backoff) is bounded by the item's deadline.
    public let honoursDeadline = true

    public enum Mode: String, Sendable, CaseIterable {
        /// The judge answers `CORRECT` or `INCORRECT`.
        case verdict
        /// The judge answers 0–10; `threshold` and above is correct.
        case score
    }

    public enum Shown: String, Sendable, CaseIterable {
        /// The extracted final answer (default).
        case answer
        /// The whole completion, reasoning included (only where the reasoning is what is graded).
        case completion
    }

    public enum AnswerSource: String, Sendable, CaseIterable {
        /// `<answer>`, the last `\boxed{}`, or a "final answer" phrase; else the text after `</think>`.
        case any
        /// Only an `<answer>…</answer>` block.
        case answer
        /// Only the last `\boxed{}`.
        case boxed
        /// The text after `</think>` (the whole completion when there is none).
        case text
    }

    let endpoint: JudgeEndpoint?
    let missingEndpoint: String?
    /// Read once from `api_key_env`; `nil` with a variable named means it is unset (each item says so).
    let apiKey: JudgeSecret?
    let mode: Mode
    let threshold: Int
    let template: JudgeTemplate
    let shown: Shown
    let answerSource: AnswerSource
    let maxAnswerCharacters: Int
    let maxTokens: Int
    let temperature: Double
    let cachesVerdicts: Bool
    let screensMasterKeys: Bool
    let environment: JudgeEnvironment

    public init(params: inout VerifierParams, environment: JudgeEnvironment) throws {
        let defaults = environment.defaults
        let baseURL = try params.optionalString("base_url") ?? defaults.baseURL
        let model = try params.optionalString("model") ?? defaults.model
        let apiKeyEnv = try params.optionalString("api_key_env") ?? defaults.apiKeyEnv
        if let apiKeyEnv, !Self.isVariableName(apiKeyEnv) {
            throw VerifierParams.Failure(
                key: "api_key_env", message: "expected the NAME of an environment variable (letters, digits, _), not a key")
        }
        mode = try params.choice("mode", default: .verdict)
        let threshold = try params.int("threshold", default: 7, in: 0...10)
        if mode == .verdict && params.values["threshold"] != nil {
            throw VerifierParams.Failure(key: "threshold", message: "applies to mode: score only")
        }
        self.threshold = threshold
        let base = mode == .verdict ? JudgeTemplate.verdict : JudgeTemplate.score
        template = JudgeTemplate(
            system: try params.string("system", default: base.system), user: try params.string("template", default: base.user))
        if let problem = template.problem { throw VerifierParams.Failure(key: "template", message: problem) }
        shown = try params.choice("show", default: .answer)
        answerSource = try params.choice("answer_source", default: .any)
        maxAnswerCharacters = try params.int("max_answer_chars", default: 1000, in: 1...1_000_000)
        maxTokens = try params.int("max_tokens", default: 256, in: 1...65536)
        temperature = try params.double("temperature", default: 0, in: 0...2)
        cachesVerdicts = try params.bool("cache", default: true)
        screensMasterKeys = try params.bool("reject_master_keys", default: true)
        let timeout = try params.double("timeout_seconds", default: 30, in: 0.01...3600)
        let retries = try params.int("max_retries", default: 3, in: 0...20)
        let backoff = try params.double("backoff_seconds", default: 0.25, in: 0...60)
        let backoffCap = try params.double("max_backoff_seconds", default: 8, in: 0...600)

        if let baseURL, let problem = JudgeEndpoint.problem(withBaseURL: baseURL) {
            throw VerifierParams.Failure(key: "base_url", message: problem)
        }
        if let baseURL, let model, !model.isEmpty {
            endpoint = JudgeEndpoint(
                baseURL: baseURL, model: model, apiKeyEnv: apiKeyEnv, callTimeout: .milliseconds(Int64(timeout * 1000)),
                maxRetries: retries, backoffBase: .milliseconds(Int64(backoff * 1000)),
                backoffCap: .milliseconds(Int64(backoffCap * 1000)))
            missingEndpoint = nil
        } else {
            // Loads, so a rules directory with a judge rule still serves everything else; its items say why.
            endpoint = nil
            missingEndpoint = baseURL == nil
                ? "no judge endpoint: set params.base_url in the rule or start with --judge-url"
                : "no judge model: set params.model in the rule or start with --judge-model"
        }
        apiKey = apiKeyEnv.flatMap { JudgeSecret.fromEnvironment($0, environment: environment.variables) }
        self.environment = environment
        canonicalParams = .object([
            "base_url": baseURL.map(JSONValue.string) ?? .null, "model": model.map(JSONValue.string) ?? .null,
            "mode": .string(mode.rawValue), "threshold": mode == .score ? .int(threshold) : .null,
            "system": .string(template.system), "template": .string(template.user), "show": .string(shown.rawValue),
            "answer_source": .string(answerSource.rawValue), "max_answer_chars": .int(maxAnswerCharacters),
            "max_tokens": .int(maxTokens), "temperature": .double(temperature),
        ])
    }

    static func isVariableName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    public func verify(_ input: VerificationInput) async throws -> VerifierResult {
        guard let gold = MathVerifier.gold(from: input.reference) else {
            return VerifierResult(
                score: 0, verdict: .error, detail: ["error": "reference.answer is missing: send {\"answer\": \"…\"}"],
                status: .invalid)
        }
        guard let endpoint else { return .failure(.error, missingEndpoint ?? "no judge endpoint") }
        var detail: [String: JSONValue] = ["gold": .string(gold)]
        let answer: String
        switch JudgeAnswerExtraction.extract(input.completion, source: answerSource) {
        case .none(let reason):
            detail["reason"] = .string(reason)
            return VerifierResult(score: 0, verdict: .noAnswer, detail: .object(detail))
        case .hedged(let answers):
            detail["extracted"] = .array(answers.map(JSONValue.string))
            detail["reason"] = "several different final answers (hedging)"
            return VerifierResult(score: 0, verdict: .wrong, detail: .object(detail))
        case .answer(let text, let source):
            answer = text
            detail["extracted"] = .string(text)
            detail["source"] = .string(source)
        }
        if answer.count > maxAnswerCharacters {
            detail["error"] = .string("the final answer is \(answer.count) characters; max_answer_chars is \(maxAnswerCharacters)")
            return VerifierResult(score: 0, verdict: .limit, detail: .object(detail), status: .limit)
        }
        if screensMasterKeys, let rejection = MasterKeyScreen.check(answer) {
            environment.accounting.recordRejected(reason: rejection.rawValue)
            detail["rejected"] = .string(rejection.rawValue)
            detail["reason"] = "a known judge-fooling answer, refused without asking the judge"
            return VerifierResult(score: 0, verdict: .wrong, detail: .object(detail))
        }
        let question = input.item.prompt ?? Self.question(from: input.reference) ?? "(not given)"
        let user = template.render([
            "question": question, "reference": gold, "answer": answer,
            "completion": shown == .completion ? input.completion : answer,
        ])
        return await ask(system: template.system, user: user, endpoint: endpoint, deadline: input.deadline, detail: detail)
    }

    static func question(from reference: JSONValue?) -> String? {
        if case .object(let object) = reference, case .string(let q) = object["question"] { return q }
        return nil
    }
}
