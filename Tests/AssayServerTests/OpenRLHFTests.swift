import AssayCore
import AssayServer
import Foundation
import Testing

/// A Qwen2.5-Instruct ChatML prompt as OpenRLHF feeds it with `--apply_chat_template`.
private func chatML(_ question: String) -> String {
    "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n\(question)<|im_end|>\n<|im_start|>assistant\n"
}

private let right = "<think>\n2 plus 3 is 5\n</think>\n<answer>\n5\n</answer>"
private let wrong = "<think>\n2 plus 3 is 6\n</think>\n<answer>\n6\n</answer>"

@Suite("OpenRLHF completion extraction")
struct OpenRLHFExtractionTests {
    let extractor = OpenRLHFCompletionExtractor()

    @Test func afterThePromptWithTheEndOfTurnTokenRemoved() {
        let prompt = chatML("What is 2+3?")
        let e = extractor.extract(query: prompt + right + "<|im_end|>", prompt: prompt)
        #expect(e.completion == right)
        #expect(e.source == .prompt)
    }

    @Test func leftAndRightPaddingOfOldBatchedQueries() {
        // OpenRLHF ≤ 0.5 decoded the padded batch: pad runs before the prompt, EOS and pads after the response.
        let prompt = chatML("What is 2+3?")
        let query = String(repeating: "<|endoftext|>", count: 7) + prompt + right + "<|im_end|>\n<|endoftext|><|endoftext|>"
        let e = extractor.extract(query: query, prompt: prompt)
        #expect(e.completion == right)
        #expect(e.source == .prompt)
    }

    @Test func withoutAPromptTheLastAssistantTurnOfAKnownTemplate() {
        let llama = "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+3?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
        #expect(extractor.extract(query: llama + right + "<|eot_id|>", prompt: nil) == .init(completion: right, source: .assistantMarker))
        let chat = chatML("What is 2+3?")
        // a prompt that does not occur in the query (e.g. re-templated) falls back to the marker as well
        #expect(extractor.extract(query: chat + right, prompt: "something else") == .init(completion: right, source: .assistantMarker))
        #expect(extractor.extract(query: "plain " + right, prompt: nil) == .init(completion: "plain " + right, source: .wholeQuery))
    }

    @Test func thePromptIsFoundInsideAndExtraTokensCanBeAdded() {
        let prompt = "Question: 2+3?\nAnswer:"
        let custom = OpenRLHFCompletionExtractor(extraSpecialTokens: ["[END]"])
        let e = custom.extract(query: "<s>" + prompt + " " + right + "[END]", prompt: prompt)
        #expect(e.completion == " " + right)
        #expect(extractor.extract(query: prompt + right + "[END]", prompt: prompt).completion == right + "[END]")
    }

    @Test func whitespaceInsideTheCompletionIsKept() {
        let prompt = chatML("q")
        #expect(extractor.extract(query: prompt + right + "\n\n", prompt: prompt).completion == right + "\n\n")
        #expect(extractor.extract(query: prompt, prompt: prompt).completion == "")
    }
}

@Suite("POST /get_reward (OpenRLHF remote reward model) over loopback", .serialized)
struct OpenRLHFEndpointTests {
    /// Newest OpenRLHF (0.9+): one sample per request, parallel lists of length 1 —
    /// `_fetch_rewards_via_http([query], [prompt], [label])` in OpenRLHF/OpenRLHF openrlhf/utils/rollout.py
    /// (commit 06f132b81e1ee185450e109de5b6cdf2edb06f11), and `rewards_info.get("rewards")` etc. on the answer.
    @Test func oneSamplePerRequestAsTheNewestClientSends() async throws {
        let server = try TestServer()
        let prompt = chatML("What is 2+3?")
        let body = try jsonText(["query": [.string(prompt + right + "<|im_end|>")], "prompts": [.string(prompt)], "labels": ["5"]])
        let response = try await server.client().post("/get_reward", json: body)
        #expect(response.status == 200)
        let json = try response.json()
        #expect(json["rewards"] == [1.5])
        #expect(json["scores"] == [1])
        #expect(json["extra_logs"]?["accuracy"] == [1])
        #expect(json["extra_logs"]?["format"] == [1])
        #expect(json["extra_logs"]?["status_ok"] == [1])
        #expect(json["extra_logs"]?["from_prompt"] == [1])
        await server.stop()
    }

    /// OpenRLHF 0.6–0.8: a shard of the batch per server — `{"query": queries, "prompts": prompts, "labels": labels}`
    /// in openrlhf/utils/remote_rm_utils.py (commit 9b8641c181296428ec764a8626ddccd750a780b0); experience_maker.py
    /// (89308a0b768dec168dff240ae746710fc967a49b) reads `rewards`, `scores` and every `extra_logs` key per sample.
    @Test func aBatchKeepsOrderAndEveryListIsAsLongAsQuery() async throws {
        let server = try TestServer()
        var queries: [JSONValue] = [], prompts: [JSONValue] = [], labels: [JSONValue] = []
        for i in 0..<40 {
            let prompt = chatML("What is \(i)+3?")
            let answer = i % 3 == 0 ? "\(i + 3)" : "\(i + 4)"
            queries.append(.string(prompt + "<think>\nadding\n</think>\n<answer>\n\(answer)\n</answer><|im_end|>"))
            prompts.append(.string(prompt))
            labels.append(.string("\(i + 3)"))
        }
        queries.append(.string(chatML("no answer") + "I don't know<|im_end|>"))
        prompts.append(.string(chatML("no answer")))
        labels.append(.null)
        let body = try jsonText(["query": .array(queries), "prompts": .array(prompts), "labels": .array(labels)])
        let json = try await server.client().post("/get_reward", json: body).json()
        let rewards = json["rewards"]?.arrayValue ?? []
        #expect(rewards.count == 41)
        for i in 0..<40 { #expect(rewards[i] == (i % 3 == 0 ? 1.5 : -0.5), "item \(i)") }
        #expect(json["scores"]?.arrayValue?.prefix(6).map(\.doubleValue) == [1, 0, 0, 1, 0, 0])
        let logs = json["extra_logs"]?.objectValue ?? [:]
        #expect(Set(logs.keys) == ["accuracy", "format", "status_ok", "from_prompt"])
        #expect(logs.values.allSatisfy { $0.arrayValue?.count == 41 })
        // No label: still a number (OpenRLHF makes a tensor of the list), flagged in status_ok.
        #expect(rewards[40].doubleValue != nil)
        #expect(logs["status_ok"]?.arrayValue?.last == 0)
        // Same numbers as /v1/score would give for the extracted completions.
        let direct = try await server.engine.score(
            ScoreRequest(rule: "r1-math", items: [ScoreItem(id: 0, completion: "<think>\nadding\n</think>\n<answer>\n4\n</answer>", reference: ["answer": "4"])]))
        #expect(rewards[1].doubleValue == -0.5 && direct.results[0].reward == 1.5)
        await server.stop()
    }

    /// The oldest clients sent `{"query": queries}` only (remote_rm_utils.py at 07c34b303e86fcdffa755e9e25c28cca5b44c675),
    /// on a left-padded batch; the server answers with format credit and no accuracy reference.
    @Test func queryOnlyFromTheOldestClients() async throws {
        let server = try TestServer()
        let query = "<|endoftext|><|endoftext|>" + chatML("What is 2+3?") + right + "<|im_end|><|endoftext|>"
        let json = try await server.client().post("/get_reward", json: try jsonText(["query": [.string(query)]])).json()
        #expect(json["rewards"]?.arrayValue?.count == 1)
        #expect(json["extra_logs"]?["format"] == [1])
        #expect(json["extra_logs"]?["from_prompt"] == [0])
        await server.stop()
    }

    @Test(
        "malformed bodies are 400 with the field named",
        arguments: [
            ("{\"prompts\": [\"a\"]}", "query"),
            ("{\"query\": [\"a\", \"b\"], \"labels\": [\"1\"]}", "labels"),
            ("{\"query\": [\"a\"], \"prompts\": [3]}", "prompts[0]"),
            ("{\"query\": [\"a\", 7]}", "query[1]"),
            ("{\"query\": {\"a\": 1}}", "query"),
            ("[1, 2]", "(body)"),
            ("{\"query\": [\"a\"]", "(body)"),
        ])
    func malformed(body: String, field: String) async throws {
        let server = try TestServer()
        let response = try await server.client().post("/get_reward", json: body)
        #expect(response.status == 400)
        #expect(try response.json()["error"]?["field"]?.stringValue == field, "\(String(decoding: response.body, as: UTF8.self))")
        await server.stop()
    }

    @Test func getIsNotAllowedAndTheRouteIsCounted() async throws {
        let server = try TestServer()
        let client = server.client()
        #expect(try await client.request("GET", "/get_reward").status == 405)
        _ = try await client.post("/get_reward", json: "{\"query\": [\"x\"]}")
        let metrics = String(decoding: try await client.request("GET", "/metrics").body, as: UTF8.self)
        #expect(metrics.contains("route=\"/get_reward\""))
        await server.stop()
    }
}

private func jsonText(_ object: [String: JSONValue]) throws -> String {
    String(decoding: try JSONEncoder().encode(JSONValue.object(object)), as: UTF8.self)
}
