import AssayCore
import Foundation
import Testing

@Suite("ScoreRequestParser")
struct ScoreRequestParserTests {
    // MARK: Helpers

    /// Compares two decoding outcomes: same success/failure, same error field, equal slots (messages may differ).
    static func agreement(_ body: [UInt8]) -> String? {
        let fast = Result { () throws(RequestDecodingError) in try ScoreRequestParser.parse(body) }
        let slow = Result { () throws(RequestDecodingError) in try ScoreRequest.decode(from: Data(body)) }
        switch (fast, slow) {
        case (.failure(let a), .failure(let b)):
            return a.field == b.field ? nil : "error field \(a.field) (\(a.message)) vs \(b.field) (\(b.message))"
        case (.success(let a), .success(let b)):
            guard a.rule == b.rule, a.advantages == b.advantages else { return "rule/advantages differ" }
            guard a.items.count == b.items.count else { return "item count \(a.items.count) vs \(b.items.count)" }
            for (index, (x, y)) in zip(a.items, b.items).enumerated() {
                if let difference = slotDifference(x, y) { return "items[\(index)]: \(difference)" }
            }
            return nil
        case (.success, .failure(let b)): return "parser succeeded, JSONDecoder failed: \(b.field) \(b.message)"
        case (.failure(let a), .success): return "parser failed (\(a.field) \(a.message)), JSONDecoder succeeded"
        }
    }

    static func slotDifference(_ x: ScoreItemSlot, _ y: ScoreItemSlot) -> String? {
        switch (x, y) {
        case (.item(let a), .item(let b)): return a == b ? nil : "\(a) vs \(b)"
        case (.invalid(let idA, let fieldA, _), .invalid(let idB, let fieldB, _)):
            return idA == idB && fieldA == fieldB ? nil : "invalid(\(idA), \(fieldA)) vs invalid(\(idB), \(fieldB))"
        default: return "\(x) vs \(y)"
        }
    }

    func parse(_ json: String) throws(RequestDecodingError) -> ScoreRequest {
        try ScoreRequestParser.parse(Array(json.utf8))
    }

    func expectAgreement(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let difference = Self.agreement(Array(json.utf8))
        #expect(difference == nil, "\(json): \(difference ?? "")", sourceLocation: sourceLocation)
    }

    // MARK: Agreement with JSONDecoder

    @Test func agreesWithJSONDecoderOnGeneratedBodies() {
        var generator = BodyGenerator(seed: 0xA55A_2026)
        var failures: [String] = []
        for round in 0..<3000 {
            var body = Array(generator.request().utf8)
            if round % 2 == 1 { body = generator.mutate(body) }
            if let difference = Self.agreement(body) {
                failures.append("#\(round) \(String(decoding: body, as: UTF8.self).prefix(400)): \(difference)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) disagreements, first: \(failures.prefix(3).joined(separator: "\n"))")
    }

    @Test(arguments: [
        "1e3", "1E3", "12345678901234567890", "-0", "-0.0", "1.0", "1.5", "0.1", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "123456789012345678.0",
        "123456789012345678.5", "9223372036854775807.0", "-9223372036854775808.0", "9007199254740993.0",
        "9007199254740993.0000", "90071992547409930000e-4", "18446744073709551616e-1", "184467440737095516150e-2",
        "9007199254740993.00000000000000000000000000000000000000000001", "1.00000000000000000000001", "1e400", "-1e400", "1e-400", "4.9e-324", "01", "1.",
        "-", "1e", "1.5.5", "--1", "1+", "2e-3", "1e18", "0.5e1", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"",
        "\"\\ud83dx\"", "\"\\x\"", "\"\\u00E9\\uD83D\\uDE00\"", "\"\\u00@9\"", "\"\\u00g9\"", "\"\\u00e9\\/\\b\\f\\r\\t\"", "\"a\u{01}b\"", "\"\\u0000\"", "[1,1e400]",
        "{\"a\":1e400}", "{\"3\":1e400}", "{\"+3\":[1e400]}", "{\"a\":{\"b\":\"\\q\"}}", "[{\"a\":1e400}]",
        "{\"\\q\":1}", "[{\"\\q\":1}]", "{\"a\":1,\"a\":1e400}", "[1,]", "{\"a\":1,}", "true", "null", "[]", "{}",
    ])
    func referenceValuesAgree(reference: String) {
        expectAgreement(#"{"rule":"r","items":[{"id":1,"completion":"c","reference":"# + reference + "}]}")
        expectAgreement(#"{"rule":"r","items":[{"id":"#+reference+#","completion":"c"}]}"#)
    }

    // MARK: Targeted error paths

    @Test(arguments: [
        ("", "(body)"), ("   ", "(body)"), ("not json", "(body)"), (#"{"rule":"r","items":[}"#, "(body)"),
        (#"{"rule":"r","items":[]} x"#, "(body)"), (#"{"rule":"r","items":[]}}"#, "(body)"), ("[]", "(body)"),
        ("\"s\"", "(body)"), ("null", "(body)"), ("5", "(body)"), (#"{"rule":"\q","items":[]}"#, "(body)"),
        (#"{"rule":"r","items":[{"completion":"\ud83d"}]}"#, "(body)"), (#"{"rule":"r","items":[],"\q":1}"#, "(body)"),
        (#"{"rule":"r","items":[{"id":1,"completion":"x","z\q":1}]}"#, "(body)"),
        (#"{"rule":"r","items":[],"advantages":"\q"}"#, "(body)"), (#"{"rule":"r" "items":[]}"#, "(body)"),
        (#"{rule:"r","items":[]}"#, "(body)"), (#"{"rule":"r","items":[,]}"#, "(body)"),
        (#"{"rule":"r","items":[1,,2]}"#, "(body)"), (#"{"rule":"r","items":[{"reference":tru}]}"#, "(body)"),
        (#"{"items":[]}"#, "rule"), (#"{"rule":5,"items":[]}"#, "rule"), (#"{"rule":null,"items":[]}"#, "rule"),
        (#"{"rule":5,"items":[{"completion":"\q"}]}"#, "rule"), (#"{"rule":"r"}"#, "items"),
        (#"{"rule":"r","items":{}}"#, "items"), (#"{"rule":"r","items":null}"#, "items"),
        (#"{"rule":"r","items":[{"completion":"x","completion_tokens":{"\q":1}}]}"#, "(body)"),
        (#"{"rule":"r","items":[],"advantages":"ppo"}"#, "advantages"), (#"{"rule":"r","items":[],"advantages":5}"#, "advantages"),
    ])
    func requestErrorsNameTheField(json: String, field: String) {
        do {
            _ = try parse(json)
            Issue.record("expected an error for \(json)")
        } catch {
            #expect(error.field == field, "\(json): \(error)")
            #expect(!error.message.isEmpty)
        }
        expectAgreement(json)
    }

    @Test func malformedJSONReportsTheByteOffset() {
        do {
            _ = try parse(#"{"rule":"r" "items":[]}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "(body)")
            #expect(error.message == "malformed JSON: expected ',' or '}' at byte 12")
        }
    }

    @Test(arguments: [
        (#"{"id":2}"#, "items[0].completion", JSONValue.int(2)), (#"{"id":"a","completion":null}"#, "items[0].completion", "a"),
        (#"{"id":3,"completion":42}"#, "items[0].completion", 3), (#"{"id":{"x":1},"completion":"z"}"#, "items[0].id", JSONValue.object(["x": 1])),
        (#"{"id":true,"completion":"z"}"#, "items[0].id", true), (#"{"id":1e400,"completion":"z"}"#, "items[0].id", nil),
        (#""string""#, "items[0]", nil), ("null", "items[0]", nil), ("[1]", "items[0]", nil),
        (#"{"id":1,"prompt":5,"completion":"x"}"#, "items[0].prompt", 1), (#"{"id":1,"completion":"x","task":[]}"#, "items[0].task", 1),
        (#"{"id":1,"group":[1e400],"completion":"x"}"#, "items[0].group", 1),
        (#"{"id":1,"completion":"x","reference":{"a":{"7":"\ud800"}}}"#, "items[0].reference.a[7]", 1),
        (#"{"id":true,"completion":"\q"}"#, "items[0].id", true),
        (#"{"id":1,"completion":"x","completion_tokens":-1}"#, "items[0].completion_tokens", 1),
        (#"{"id":1,"completion":"x","completion_tokens":1.5}"#, "items[0].completion_tokens", 1),
        (#"{"id":1,"completion":"x","completion_tokens":"3"}"#, "items[0].completion_tokens", 1),
        (#"{"id":1,"completion":"x","completion_tokens":true}"#, "items[0].completion_tokens", 1),
        (#"{"id":1,"completion":"x","completion_tokens":[3]}"#, "items[0].completion_tokens", 1),
        (#"{"id":1,"completion":"x","completion_tokens":1e400}"#, "items[0].completion_tokens", 1),
        (#"{"id":1,"completion":"x","completion_tokens":12345678901234567890}"#, "items[0].completion_tokens", 1),
        (#"{"id":1,"completion":"x","completion_tokens":"\q"}"#, "items[0].completion_tokens", 1),
        (#"{"id":1,"completion":"x","completion_tokens":{"a":[1e400]}}"#, "items[0].completion_tokens.a", 1),
        (#"{"id":1,"completion":"x","completion_tokens":-1,"task":5}"#, "items[0].task", 1),
    ])
    func malformedItemsAreInvalidWithTheirField(item: String, field: String, id: JSONValue) throws {
        let json = #"{"rule":"r","items":["# + item + "]}"
        let request = try parse(json)
        guard case .invalid(let gotID, let gotField, let message) = request.items.first else {
            Issue.record("expected an invalid slot for \(item)")
            return
        }
        #expect(gotField == field)
        #expect(gotID == id)
        #expect(!message.isEmpty)
        expectAgreement(json)
    }

    @Test(arguments: [
        ("3", 3), ("0", 0), ("-0", 0), ("3.0", 3), ("1e3", 1000), ("4096.000", 4096), ("null", nil), ("9223372036854775807", Int.max),
    ] as [(String, Int?)])
    func completionTokensDecodeAsIntDecodingDoes(literal: String, expected: Int?) throws {
        let json = #"{"rule":"r","items":[{"id":1,"completion":"x","completion_tokens":"# + literal + "}]}"
        guard case .item(let item) = try parse(json).items.first else {
            Issue.record("expected an item for \(literal)")
            return
        }
        #expect(item.completionTokens == expected)
        expectAgreement(json)
    }

    @Test func decodesAllFieldsAndFirstDuplicateWins() throws {
        let request = try parse(
            #"{"rule":"r1","rule":"r2","advantages":"dr_grpo","extra":{"\q":[1e400]},"items":[{"id":"a","group":null,"prompt":"p\n\"q\"","completion":"\u00e9\ud83d\ude00 ok","reference":{"answer":"1/2","n":[1,2.5,-0,true,null]},"task":"math","completion_tokens":12,"completion":5,"completion_tokens":-1,"x":1,}],}"#
        )
        #expect(request.rule == "r1")
        #expect(request.advantages == .drGRPO)
        let expected = ScoreItem(
            id: "a", prompt: "p\n\"q\"", completion: "é😀 ok", reference: ["answer": "1/2", "n": [1, 2.5, 0, true, nil]], task: "math",
            completionTokens: 12)
        guard case .item(let item) = request.items.first else {
            Issue.record("expected an item")
            return
        }
        #expect(item == expected)
    }

    // MARK: Limits

    @Test func aOneMegabyteStringParses() throws {
        let text = String(repeating: "abc\\n\\\"é😀 ", count: 80_000)
        let request = try parse(#"{"rule":"r","items":[{"id":1,"completion":""# + text + #""}]}"#)
        guard case .item(let item) = request.items.first else {
            Issue.record("expected an item")
            return
        }
        #expect(item.completion.utf8.count == 80_000 * 12)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        for json in [deep, #"{"rule":"r","items":[{"completion":"c","reference":"# + deep + "}]}", #"{"x":"# + deep + "}"] {
            #expect(throws: RequestDecodingError.self) { try parse(json) }
        }
        // 512 levels are allowed, as in JSONDecoder: the top-level object plus 511 arrays.
        let ok = #"{"rule":"r","items":[],"x":"# + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}"
        #expect((try? parse(ok)) != nil)
        expectAgreement(ok)
        expectAgreement(#"{"rule":"r","items":[],"x":"# + String(repeating: "[", count: 512) + String(repeating: "]", count: 512) + "}")
    }
}

/// A deterministic generator of request bodies with all field kinds, and of mutations of them.
struct BodyGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { random.next() }

    mutating func below(_ n: Int) -> Int { random.below(n) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }

    static let fragments = [
        "The answer is ", "\\boxed{42}", "\\n", "\\\"", "\\\\", "\\/", "\\t", "\\u00e9", "\\u4e2d", "\\ud83d\\ude00",
        "é", "中文", "😀", "👩‍💻", "e\u{301}", " ", "<think>", "</answer>", "$x^2$", "\\r\\n", "\\u0000", "abc",
    ]
    static let badFragments = ["\\ud83d", "\\ude00", "\\q", "\\u12", "\t", "\u{01}"]
    static let numbers = [
        "0", "-0", "7", "-12", "1.5", "1e3", "2.50", "-0.0", "1E+2", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "12345678901234567890", "1e-7", "3.14159", "123456789012345678.5", "1e300", "0.1",
    ]
    /// `completion_tokens` values: valid counts, and what must make the item invalid (negative, fractional, a string…).
    static let tokenCounts = [
        "0", "3", "4096", "3.0", "1e3", "-0", "null", "-1", "-4096", "1.5", "\"3\"", "true", "[3]", "{}", "1e400", "01",
        "12345678901234567890", "9223372036854775807", "\"\\q\"",
    ]
    static let badNumbers = ["1e400", "01", "1.", "-", "1.5.5"]

    mutating func string(allowBad: Bool = false) -> String {
        var out = "\""
        for _ in 0..<below(6) {
            out += allowBad && chance(3) ? pick(Self.badFragments) : pick(Self.fragments)
        }
        return out + "\""
    }

    mutating func number(allowBad: Bool = false) -> String {
        allowBad && chance(5) ? pick(Self.badNumbers) : pick(Self.numbers)
    }

    /// Any JSON value; `bad` allows at most one leaf that JSONDecoder cannot decode as `JSONValue`.
    mutating func value(depth: Int, bad: inout Bool) -> String {
        let allowBad = bad
        switch below(depth > 3 ? 5 : 8) {
        case 0: return "null"
        case 1: return chance(50) ? "true" : "false"
        case 2, 3:
            let s = number(allowBad: allowBad)
            if Self.badNumbers.contains(s) { bad = false }
            return s
        case 4:
            let s = string(allowBad: allowBad)
            if Self.badFragments.contains(where: { s.contains($0) }) { bad = false }
            return s
        case 5: return "[" + (0..<below(4)).map { _ in value(depth: depth + 1, bad: &bad) }.joined(separator: ",") + "]"
        default:
            let keys = ["answer", "n", "3", "+1", "a", "a", "é"]
            let members = (0..<below(4)).map { _ in "\"\(pick(keys))\":" + value(depth: depth + 1, bad: &bad) }
            return "{" + members.joined(separator: ",") + (chance(5) && !members.isEmpty ? ",}" : "}")
        }
    }

    mutating func item() -> String {
        if chance(4) { return pick(["null", "5", "\"x\"", "[]"]) }
        var bad = chance(20)
        var members: [String] = []
        let fields = ["id", "group", "prompt", "completion", "reference", "task", "completion_tokens", "extra"]
        for field in fields where chance(field == "completion" ? 92 : 60) {
            let text: String
            switch (field, below(10)) {
            case ("id", 0..<7): text = chance(50) ? number() : string()
            case ("group", 0..<7): text = chance(70) ? number() : "null"
            case ("completion_tokens", 0..<9): text = pick(Self.tokenCounts)
            case ("prompt", 0..<8), ("completion", 0..<9), ("task", 0..<8):
                text = string(allowBad: bad && chance(30))
            default: text = value(depth: 1, bad: &bad)
            }
            members.append("\"\(field)\":\(text)")
            if chance(3) { members.append("\"\(field)\":" + value(depth: 2, bad: &bad)) }
        }
        return "{" + members.shuffled(using: &self).joined(separator: pick([",", ", ", " ,\n"])) + "}"
    }

    mutating func request() -> String {
        var members: [String] = []
        var noBad = false
        if chance(95) { members.append("\"rule\":" + (chance(95) ? string() : value(depth: 1, bad: &noBad))) }
        if chance(95) {
            members.append("\"items\":" + (chance(95) ? "[" + (0..<below(6)).map { _ in item() }.joined(separator: ",") + "]" : "null"))
        }
        if chance(50) { members.append("\"advantages\":" + pick(["\"grpo\"", "\"dr_grpo\"", "\"none\"", "null", "\"ppo\"", "3"])) }
        if chance(20) { members.append("\"unknown\":" + value(depth: 1, bad: &noBad)) }
        return pick(["", " ", "\n"]) + "{" + members.shuffled(using: &self).joined(separator: ",") + "}" + pick(["", " \n"])
    }

    mutating func mutate(_ body: [UInt8]) -> [UInt8] {
        var out = body
        guard !out.isEmpty else { return out }
        let at = below(out.count)
        switch below(4) {
        case 0: out.removeSubrange(at...)
        case 1: out.remove(at: at)
        case 2: out.insert(pick(Array("\"\\,:[]{}0-e.x ".utf8) + [0xFF, 0x01]), at: at)
        default: out[at] = pick(Array("\"\\,:[]{}0-e.tn ".utf8) + [0xFF, 0xC3, 0x01])
        }
        return out
    }
}

extension BodyGenerator: RandomNumberGenerator {}
