import AssayCore
import AssayServer
import Foundation
import Testing

@Suite("POST /v1/filter over loopback", .serialized)
struct FilterEndpointTests {
    func body(rule: String, keep: String, items: [ScoreItem], extra: [String] = []) -> String {
        var out = "{\"rule\":"
        JSONText.appendQuoted(rule, to: &out)
        out += ",\"keep\":"
        JSONText.appendQuoted(keep, to: &out)
        out += ",\"items\":["
        out += (items.map { String(decoding: try! JSONEncoder().encode($0), as: UTF8.self) } + extra).joined(separator: ",")
        return out + "]}"
    }

    func expectError(_ response: LoopbackHTTPClient.Response, _ status: Int, field: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> String
    {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        let json = try response.json()
        #expect(json["error"]?["field"]?.stringValue == field, "\(response.text)", sourceLocation: sourceLocation)
        return json["error"]?["message"]?.stringValue ?? ""
    }

    @Test func keepsWhatFullScoringSatisfiesAndReportsEachDecision() async throws {
        let server = try TestServer()
        let client = server.client()
        let english = wellFormed
        let french = "<think>\nNous additionnons les deux nombres et vérifions la somme avec soin.\n</think>\n<answer>\n42\n</answer>"
        let items = (0..<60).map { i in
            ScoreItem(id: .string("i\(i)"), completion: [english, french, noTags][i % 3])
        }
        let keep = "language>=0.9,format"
        let response = try await client.post("/v1/filter", json: body(rule: "r1", keep: keep, items: items, extra: [#"{"id":"bad"}"#]))
        #expect(response.status == 200, "\(response.text)")
        let json = try response.json()
        #expect(json["rule"] == "r1")
        #expect(json["rule_hash"]?.stringValue == server.engine.rules["r1"]?.hash)
        // r1's language is gated on format: the format runs first whatever the written order.
        #expect(json["keep"] == ["format=correct", "language>=0.9"])

        let full = try await server.engine.score(ScoreRequest(rule: "r1", items: items))
        let expected = full.results.filter { r in
            r.components.first { $0.name == "format" }?.result.verdict == .correct
                && r.components.first { $0.name == "language" }!.score >= 0.9
        }.map(\.id)
        #expect(expected.count == 20)
        #expect(json["kept"]?.arrayValue == expected)

        let results = json.results
        #expect(results.count == 61)
        #expect(results[0] == ["id": "i0", "kept": true, "term": nil, "reason": nil])
        #expect(results[1] == ["id": "i1", "kept": false, "term": "language>=0.9", "reason": "score=0"])
        #expect(results[2] == ["id": "i2", "kept": false, "term": "format=correct", "reason": "verdict=wrong"])
        #expect(results[60] == ["id": "bad", "kept": false, "term": nil, "reason": "invalid: completion"])

        let summary = json["summary"]
        #expect(summary?["items"] == 61)
        #expect(summary?["kept"] == 20)
        #expect(summary?["terms"] == [
            ["term": "format=correct", "evaluated": 60, "passed": 40, "dropped": 20],
            ["term": "language>=0.9", "evaluated": 40, "passed": 20, "dropped": 20],
        ])
        #expect(summary?["components"]?.arrayValue?.map { $0["runs"] } == [60, 40])
        #expect(summary?["unscored"] == ["invalid": 1])
        #expect(summary?["elapsed_ms"]?.doubleValue != nil)
        await server.stop()
    }

    @Test func errorsNameTheField() async throws {
        let server = try TestServer(apiLimits: .init(maxItems: 2))
        let client = server.client()
        let one = [ScoreItem(id: 1, completion: wellFormed)]
        _ = try expectError(try await client.post("/v1/filter", json: #"{"rule":"r1","keep":"format","items":["#), 400, field: "(body)")
        _ = try expectError(try await client.post("/v1/filter", json: #"{"rule":"r1","items":[]}"#), 400, field: "keep")
        _ = try expectError(try await client.post("/v1/filter", json: #"{"rule":"r1","keep":5,"items":[]}"#), 400, field: "keep")
        _ = try expectError(try await client.post("/v1/filter", json: #"{"keep":"format","items":[]}"#), 400, field: "rule")
        _ = try expectError(try await client.post("/v1/filter", json: #"{"rule":"r1","keep":"format","items":{}}"#), 400, field: "items")

        let syntax = try expectError(try await client.post("/v1/filter", json: body(rule: "r1", keep: "format,language>=", items: one)), 400, field: "keep")
        #expect(syntax == #"keep: column 18: expected a value after ">=""#)
        let unknown = try expectError(try await client.post("/v1/filter", json: body(rule: "r1-math", keep: "acuracy", items: one)), 400, field: "keep")
        #expect(unknown.hasPrefix(#"keep: column 1: unknown subject "acuracy": rule r1-math has components accuracy, format; registered verifiers: "#))
        #expect(unknown.contains("language") && unknown.contains("math"))

        let rule = try expectError(try await client.post("/v1/filter", json: body(rule: "nope", keep: "format", items: one)), 404, field: "rule")
        #expect(rule.contains("unknown rule \"nope\""))
        let many = Array(repeating: one[0], count: 3)
        _ = try expectError(try await client.post("/v1/filter", json: body(rule: "r1", keep: "format", items: many)), 413, field: "items")

        let get = try await client.request("GET", "/v1/filter")
        #expect(get.status == 405)
        let lost = try await client.request("GET", "/v1/filters")
        #expect(lost.status == 404 && lost.text.contains("POST /v1/filter"))
        await server.stop()
    }
}
