import AssayCore
import Foundation
import Testing

@Suite("JSONValue.parse agrees with JSONDecoder")
struct JSONValueParsingTests {
    /// nil when both accept with equal values or both reject; otherwise what differs.
    static func disagreement(_ body: [UInt8]) -> String? {
        let expected = try? JSONDecoder().decode(JSONValue.self, from: Data(body))
        let actual = try? JSONValue.parse(body)
        switch (expected, actual) {
        case (nil, nil): return nil
        case (let e?, let a?): return e == a ? nil : "JSONDecoder \(e), parse \(a)"
        case (let e?, nil): return "JSONDecoder accepts (\(e)), parse rejects"
        case (nil, let a?): return "JSONDecoder rejects, parse accepts (\(a))"
        }
    }

    @Test func generatedDocumentsAndTheirMutations() {
        var generator = BodyGenerator(seed: 0x15_0A1E)
        var failures: [String] = []
        for round in 0..<3000 {
            var allowBad = round % 3 != 0
            var text = round % 4 == 0 ? generator.request() : generator.value(depth: 0, bad: &allowBad)
            if round % 5 == 0 { text = "[" + text + "," + generator.item() + "]" }
            var body = Array(text.utf8)
            if round % 2 == 1 { body = generator.mutate(body) }
            if let d = Self.disagreement(body) { failures.append("#\(round) \(String(decoding: body, as: UTF8.self).prefix(300)): \(d)") }
        }
        #expect(failures.isEmpty, "\(failures.count) disagreements, first: \(failures.prefix(3).joined(separator: "\n"))")
    }

    @Test func aScoreResponseRoundTrips() throws {
        let text = """
            {"results":[{"id":0,"reward":1.5,"status":"ok","components":{"accuracy":{"score":1,"verdict":"correct"}},\
            "advantage":-0.25,"cached":false,"ms":0.01}],"groups":{"0":{"n":8,"mean":0.5,"std":0.53}},"rule":{"name":"r"}}
            """
        let value = try JSONValue.parse(Array(text.utf8))
        #expect(value["results"]?.arrayValue?.first?["components"]?["accuracy"]?["verdict"]?.stringValue == "correct")
        #expect(value["results"]?.arrayValue?.first?["advantage"]?.doubleValue == -0.25)
        #expect(value == (try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))))
    }

    @Test(arguments: ["", "{", "{\"a\":1} x", "[1,,2]", "\"\\q\"", "1e400"])
    func malformedDocumentsThrowWithAByteOffset(text: String) {
        #expect(throws: RequestDecodingError.self) { try JSONValue.parse(Array(text.utf8)) }
        do {
            _ = try JSONValue.parse(Array(text.utf8))
        } catch {
            #expect(error.field == "(body)")
            #expect(error.message.contains("at byte"), "\(error.message)")
        }
    }
}
