import AssayCore

/// `POST /get_reward`: OpenRLHF's remote reward model protocol over the engine, so
/// `--remote_rm_url http://host:8420/get_reward` works unchanged.
///
/// The rule (and optional task) are the server's (`assay serve --openrlhf-rule`), since OpenRLHF sends none.
/// The answer is `{"rewards": [...], "scores": [...], "extra_logs": {name: [...]}}`, every list as long as `query`:
/// - `rewards`: the rule's reward; an item that is not `ok` (a limit, timeout, no label…) gets 0, because
///   OpenRLHF turns the list into a tensor and cannot take null; `extra_logs.status_ok` marks those items.
/// - `scores`: OpenRLHF's 0–1 score for dynamic filtering: 1 when the rule's `accuracy` component is correct,
///   else 0 (the reward itself when the rule has no `accuracy` component).
/// - `extra_logs`: each component's counted score (0 when the component did not run), `status_ok`, and `from_prompt` (1 when the completion was
///   cut after the request's prompt, 0 when found by a chat-template marker or the whole query was used).
public struct OpenRLHFEndpoint: Sendable {
    public var rule: String
    public var task: String?
    public var extractor: OpenRLHFCompletionExtractor

    public init(rule: String = "r1-math", task: String? = nil, extractor: OpenRLHFCompletionExtractor = OpenRLHFCompletionExtractor()) {
        self.rule = rule
        self.task = task
        self.extractor = extractor
    }

    /// The engine request for a parsed body, and where each completion came from.
    public func scoreRequest(_ request: OpenRLHFRequest) -> (ScoreRequest, [OpenRLHFCompletionExtractor.Source]) {
        var items: [ScoreItem] = []
        var sources: [OpenRLHFCompletionExtractor.Source] = []
        items.reserveCapacity(request.queries.count)
        for (i, query) in request.queries.enumerated() {
            let extraction = extractor.extract(query: query, prompt: request.prompts[i])
            sources.append(extraction.source)
            items.append(
                ScoreItem(id: .int(i), prompt: request.prompts[i], completion: extraction.completion, reference: request.references[i], task: task))
        }
        return (ScoreRequest(rule: rule, items: items, advantages: .none), sources)
    }

    /// The response body for a scored batch.
    public func responseBody(_ batch: BatchResult, sources: [OpenRLHFCompletionExtractor.Source], components: [String]) -> String {
        let results = batch.results
        let hasAccuracy = components.contains("accuracy")
        var rewards: [Double] = [], scores: [Double] = [], ok: [Double] = [], fromPrompt: [Double] = []
        var componentScores = Array(repeating: [Double](), count: components.count)
        for (i, result) in results.enumerated() {
            let isOK = result.status == .ok
            let reward = isOK ? (result.reward ?? 0) : 0
            rewards.append(reward)
            ok.append(isOK ? 1 : 0)
            fromPrompt.append(sources[i] == .prompt ? 1 : 0)
            let byName = Dictionary(result.components.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            if hasAccuracy {
                scores.append(isOK && byName["accuracy"]?.result.verdict.rawValue == "correct" ? 1 : 0)
            } else {
                scores.append(reward)
            }
            for (c, name) in components.enumerated() { componentScores[c].append(byName[name]?.score ?? 0) }
        }
        var out = "{\"rewards\":"
        Self.append(rewards, to: &out)
        out += ",\"scores\":"
        Self.append(scores, to: &out)
        out += ",\"extra_logs\":{"
        for (c, name) in components.enumerated() {
            JSONText.appendQuoted(name, to: &out)
            out += ":"
            Self.append(componentScores[c], to: &out)
            out += ","
        }
        out += "\"status_ok\":"
        Self.append(ok, to: &out)
        out += ",\"from_prompt\":"
        Self.append(fromPrompt, to: &out)
        return out + "}}"
    }

    private static func append(_ values: [Double], to out: inout String) {
        out += "["
        for (i, v) in values.enumerated() {
            if i > 0 { out += "," }
            JSONText.appendNumber(v.isFinite ? v : 0, to: &out)
        }
        out += "]"
    }
}
