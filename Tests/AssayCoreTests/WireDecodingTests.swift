import AssayCore
import Foundation
import Testing

@Suite("Wire decoding")
struct WireDecodingTests {
    func decode(_ json: String) throws(RequestDecodingError) -> ScoreRequest {
        try ScoreRequest.decode(from: Data(json.utf8))
    }

    @Test func decodesItemsWithStringOrNumberIds() throws {
        let request = try decode(
            #"{"rule":"r1","advantages":"dr_grpo","items":[{"id":"a","group":3,"completion":"x","reference":{"answer":"1/2"},"task":"math"},{"id":7,"completion":"y"}]}"#
        )
        #expect(request.rule == "r1")
        #expect(request.advantages == .drGRPO)
        guard case .item(let first) = request.items[0], case .item(let second) = request.items[1] else {
            Issue.record("both items should decode")
            return
        }
        #expect(first.id == "a")
        #expect(first.group == 3)
        #expect(first.reference?["answer"] == "1/2")
        #expect(first.task == "math")
        #expect(second.id == 7)
        #expect(second.group == nil)
    }

    @Test(arguments: [
        (#"{"rule":"r1","items":[}"#, "(body)"),
        (#"not json"#, "(body)"),
        (#"{"items":[]}"#, "rule"),
        (#"{"rule":5,"items":[]}"#, "rule"),
        (#"{"rule":"r1"}"#, "items"),
        (#"{"rule":"r1","items":{}}"#, "items"),
        (#"{"rule":"r1","items":[],"advantages":"ppo"}"#, "advantages"),
    ])
    func requestErrorsNameTheField(json: String, field: String) {
        do {
            _ = try decode(json)
            Issue.record("expected an error")
        } catch {
            #expect(error.field == field, "\(error)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func aMalformedItemIsInvalidWithItsFieldNotAFailedBatch() throws {
        let request = try decode(
            #"{"rule":"r1","items":[{"id":1,"completion":"ok"},{"id":2},{"id":3,"completion":42},{"id":{"x":1},"completion":"z"},"string"]}"#)
        #expect(request.items.count == 5)
        guard case .item = request.items[0] else { Issue.record("item 0 is fine"); return }
        let expected = ["items[1].completion", "items[2].completion", "items[3].id", "items[4]"]
        for (slot, field) in zip(request.items.dropFirst(), expected) {
            guard case .invalid(_, let got, _) = slot else {
                Issue.record("expected invalid at \(field)")
                continue
            }
            #expect(got == field)
        }
        if case .invalid(let id, _, _) = request.items[1] { #expect(id == 2, "the id is kept when it could be read") }
    }

    @Test func canonicalTextSortsKeysAndIsStable() {
        let a: JSONValue = ["b": 1, "a": [true, nil, "x\"y"], "c": 2.5]
        #expect(a.canonicalText == #"{"a":[true,null,"x\"y"],"b":1,"c":2.5}"#)
        let b: JSONValue = ["c": 2.5, "a": [true, nil, "x\"y"], "b": 1.0]
        #expect(a.canonicalText == b.canonicalText)
    }

    @Test func jsonTextEscapesControlCharacters() {
        var out = ""
        JSONText.appendQuoted("a\u{1}b\n\"\\é", to: &out)
        #expect(out == "\"a\\u0001b\\n\\\"\\\\é\"")
        let back = try? JSONDecoder().decode(String.self, from: Data(out.utf8))
        #expect(back == "a\u{1}b\n\"\\é")
    }
}
