import Foundation

/// A hand-written, byte-level parser for `POST /v1/score` bodies, several times faster than decoding
/// ``ScoreRequest`` with `JSONDecoder`, with the same results and the same error fields.
///
/// It reproduces how `ScoreRequest.decode(from:)` behaves with swift-foundation's `JSONDecoder`, including its
/// leniencies: values that are never decoded (unknown keys, duplicate keys after the first, fields after an item's
/// first error) are only scanned, not validated; a trailing comma before `]` or `}` is accepted; for duplicate
/// keys the first occurrence wins. Where `JSONDecoder` itself is not deterministic (which of several bad members
/// of one `reference` object is reported; it iterates a `Dictionary`) this parser reports the first in the text.
public enum ScoreRequestParser {
    /// Parses a `POST /v1/score` body. Same results and error fields as `ScoreRequest.decode(from:)`.
    ///
    /// - Throws: ``RequestDecodingError`` with `field` `(body)` for malformed JSON (the message ends with the
    ///   byte offset), or the name of the offending top-level field (`rule`, `items`, `advantages`).
    ///   A malformed item does not throw: it comes back as ``ScoreItemSlot/invalid(id:field:message:)``.
    public static func parse(_ body: UnsafeRawBufferPointer) throws(RequestDecodingError) -> ScoreRequest {
        guard let base = body.baseAddress, body.count > 0 else {
            throw RequestDecodingError(field: "(body)", message: "malformed JSON: empty body at byte 0")
        }
        var reader = JSONByteReader(base: base.assumingMemoryBound(to: UInt8.self), count: body.count)
        return try parseRequest(&reader)
    }

    /// Parses a `POST /v1/score` body. Same results and error fields as `ScoreRequest.decode(from:)`.
    public static func parse(_ body: [UInt8]) throws(RequestDecodingError) -> ScoreRequest {
        let result = body.withUnsafeBytes { bytes in
            Result { () throws(RequestDecodingError) in try parse(bytes) }
        }
        return try result.get()
    }

    /// Parses a `POST /v1/score` body. Same results and error fields as `ScoreRequest.decode(from:)`.
    public static func parse(_ body: Data) throws(RequestDecodingError) -> ScoreRequest {
        let result = body.withUnsafeBytes { bytes in
            Result { () throws(RequestDecodingError) in try parse(bytes) }
        }
        return try result.get()
    }

    // MARK: Request

    private enum ItemsOutcome {
        case slots([ScoreItemSlot])
        case fatal(at: Int)
        case null
        case mismatch(found: String)
    }

    private enum ItemOutcome {
        case slot(ScoreItemSlot)
        case fatal(at: Int)
    }

    private static let topKeys: [StaticString] = ["rule", "items", "advantages"]
    private static let itemKeys: [StaticString] = ["id", "group", "prompt", "completion", "reference", "task", "completion_tokens"]

    private static func parseRequest(_ r: inout JSONByteReader) throws(RequestDecodingError) -> ScoreRequest {
        if r.end >= 3 && r.base[0] == 0xEF && r.base[1] == 0xBB && r.base[2] == 0xBF { r.pos = 3 }
        let first = try r.peek()
        guard first == UInt8(ascii: "{") else {
            try r.skipValue()
            try r.expectEnd()
            let found = JSONByteReader.kind(first)
            throw RequestDecodingError(
                field: "(body)", message: found == "null" ? "expected an object, found null" : "expected an object; found \(found) instead")
        }
        var rule: JSONStringOutcome?
        var items: ItemsOutcome?
        var advantages: JSONStringOutcome?
        var badKey: Int?
        let close = UInt8(ascii: "}")
        if try r.enterContainer(close: close) {
            repeat {
                let keyAt = r.pos
                let span = try r.readKey()
                guard badKey == nil, let key = r.matchKey(span, topKeys) else {
                    badKey = badKey ?? keyAt
                    try r.skipValue()
                    continue
                }
                switch key {
                case 0 where rule == nil: rule = try parseStringField(&r)
                case 1 where items == nil: items = try parseItems(&r)
                case 2 where advantages == nil: advantages = try parseStringField(&r)
                default: try r.skipValue()
                }
            } while try r.nextElement(close: close)
        }
        try r.expectEnd()

        // Decode order of `ScoreRequest.init(from:)`: keyed container (all keys), rule, items, advantages.
        if let badKey { throw r.syntaxError("invalid object key", at: badKey) }
        let ruleValue: String
        switch rule {
        case .string(let s): ruleValue = s
        case .invalid(let at): throw r.syntaxError("invalid string", at: at)
        case .none: throw RequestDecodingError(field: "rule", message: "required field is missing")
        case .null: throw RequestDecodingError(field: "rule", message: "expected a string, found null")
        case .mismatch(let found): throw RequestDecodingError(field: "rule", message: mismatch("a string", found))
        }
        let slots: [ScoreItemSlot]
        switch items {
        case .slots(let s): slots = s
        case .fatal(let at): throw r.syntaxError("invalid string", at: at)
        case .none: throw RequestDecodingError(field: "items", message: "required field is missing")
        case .null: throw RequestDecodingError(field: "items", message: "expected an array, found null")
        case .mismatch(let found): throw RequestDecodingError(field: "items", message: mismatch("an array", found))
        }
        var mode = AdvantageMode.none
        switch advantages {
        case .none, .null: break
        case .invalid(let at): throw r.syntaxError("invalid string", at: at)
        case .mismatch(let found): throw RequestDecodingError(field: "advantages", message: mismatch("a string", found))
        case .string(let raw):
            guard let m = AdvantageMode(rawValue: raw) else {
                throw RequestDecodingError(field: "advantages", message: "must be one of grpo, dr_grpo, none; got \"\(raw)\"")
            }
            mode = m
        }
        return ScoreRequest(rule: ruleValue, items: slots, advantages: mode)
    }

    private static func mismatch(_ expected: String, _ found: String) -> String {
        "expected \(expected); found \(found) instead"
    }

    /// A value decoded as `String` (or `String?`).
    private static func parseStringField(_ r: inout JSONByteReader) throws(RequestDecodingError) -> JSONStringOutcome {
        let b = try r.peek()
        if b == UInt8(ascii: "\"") {
            let at = r.pos
            let span = try r.scanString()
            if let s = r.decodeString(span) { return .string(s) }
            return .invalid(at: at)
        }
        try r.skipValue()
        return b == UInt8(ascii: "n") ? .null : .mismatch(found: JSONByteReader.kind(b))
    }

    private static func parseItems(_ r: inout JSONByteReader) throws(RequestDecodingError) -> ItemsOutcome {
        let b = try r.peek()
        guard b == UInt8(ascii: "[") else {
            try r.skipValue()
            return b == UInt8(ascii: "n") ? .null : .mismatch(found: JSONByteReader.kind(b))
        }
        let close = UInt8(ascii: "]")
        var slots: [ScoreItemSlot] = []
        var fatal: Int?
        if try r.enterContainer(close: close) {
            repeat {
                if fatal != nil {
                    try r.skipValue()
                } else {
                    switch try parseItem(&r, index: slots.count) {
                    case .slot(let slot): slots.append(slot)
                    case .fatal(let at): fatal = at
                    }
                }
            } while try r.nextElement(close: close)
        }
        if let fatal { return .fatal(at: fatal) }
        return .slots(slots)
    }

    // MARK: Items

    private static func parseItem(_ r: inout JSONByteReader, index: Int) throws(RequestDecodingError) -> ItemOutcome {
        let b = try r.peek()
        guard b == UInt8(ascii: "{") else {
            try r.skipValue()
            let found = JSONByteReader.kind(b)
            let message = found == "null" ? "expected an object, found null" : mismatch("an object", found)
            return .slot(.invalid(id: .null, field: "items[\(index)]", message: message))
        }
        var id: JSONValueOutcome?
        var group: JSONValueOutcome?
        var reference: JSONValueOutcome?
        var prompt: JSONStringOutcome?
        var completion: JSONStringOutcome?
        var task: JSONStringOutcome?
        var completionTokens: JSONValueOutcome?
        var badKey: Int?
        let close = UInt8(ascii: "}")
        if try r.enterContainer(close: close) {
            repeat {
                let keyAt = r.pos
                let span = try r.readKey()
                guard badKey == nil, let key = r.matchKey(span, itemKeys) else {
                    badKey = badKey ?? keyAt
                    try r.skipValue()
                    continue
                }
                switch key {
                case 0 where id == nil: id = try r.parseValue()
                case 1 where group == nil: group = try r.parseValue()
                case 2 where prompt == nil: prompt = try parseStringField(&r)
                case 3 where completion == nil: completion = try parseStringField(&r)
                case 4 where reference == nil: reference = try r.parseValue()
                case 5 where task == nil: task = try parseStringField(&r)
                case 6 where completionTokens == nil: completionTokens = try r.parseValue()
                default: try r.skipValue()
                }
            } while try r.nextElement(close: close)
        }
        if let badKey { return .fatal(at: badKey) }
        return evaluateItem(
            index: index, id: id, group: group, prompt: prompt, completion: completion, reference: reference, task: task,
            completionTokens: completionTokens)
    }

    /// Applies the fields in the order `ScoreItem.init(from:)` decodes them; the first error decides.
    private static func evaluateItem(
        index: Int, id idOutcome: JSONValueOutcome?, group: JSONValueOutcome?, prompt: JSONStringOutcome?,
        completion: JSONStringOutcome?, reference: JSONValueOutcome?, task: JSONStringOutcome?,
        completionTokens: JSONValueOutcome?
    ) -> ItemOutcome {
        func invalid(_ id: JSONValue, _ name: String, _ message: String) -> ItemOutcome {
            .slot(.invalid(id: id, field: "items[\(index)].\(name)", message: message))
        }
        func failedValue(_ id: JSONValue, _ name: String, _ keys: [String], _ message: String) -> ItemOutcome {
            var field = "items[\(index)].\(name)"
            for key in keys {
                if let n = Int(key) { field += "[\(n)]" } else { field += ".\(key)" }
            }
            return .slot(.invalid(id: id, field: field, message: message))
        }

        var id = JSONValue.null
        switch idOutcome {
        case .none: break
        case .fatal(let at): return .fatal(at: at)
        case .failure(let keys, let message): return failedValue(.null, "id", keys, message)
        case .value(let v):
            id = v
            switch v {
            case .null, .string, .int, .double: break
            default: return invalid(v, "id", "expected a string; id must be a string or a number")
            }
        }

        enum Step<T> {
            case ok(T)
            case stop(ItemOutcome)
        }
        func value(_ outcome: JSONValueOutcome?, _ name: String) -> Step<JSONValue?> {
            switch outcome {
            case .none, .value(.null): .ok(nil)
            case .value(let v): .ok(v)
            case .fatal(let at): .stop(.fatal(at: at))
            case .failure(let keys, let message): .stop(failedValue(id, name, keys, message))
            }
        }
        func string(_ outcome: JSONStringOutcome?, _ name: String, required: Bool) -> Step<String?> {
            switch outcome {
            case .none where required: .stop(invalid(id, name, "required field is missing"))
            case .null where required: .stop(invalid(id, name, "expected a string, found null"))
            case .none, .null: .ok(nil)
            case .string(let s): .ok(s)
            case .invalid(let at): .stop(.fatal(at: at))
            case .mismatch(let found): .stop(invalid(id, name, mismatch("a string", found)))
            }
        }
        let groupValue: JSONValue?
        switch value(group, "group") {
        case .ok(let v): groupValue = v
        case .stop(let outcome): return outcome
        }
        let promptValue: String?
        switch string(prompt, "prompt", required: false) {
        case .ok(let v): promptValue = v
        case .stop(let outcome): return outcome
        }
        let completionValue: String
        switch string(completion, "completion", required: true) {
        case .ok(let v): completionValue = v ?? ""
        case .stop(let outcome): return outcome
        }
        let referenceValue: JSONValue?
        switch value(reference, "reference") {
        case .ok(let v): referenceValue = v
        case .stop(let outcome): return outcome
        }
        let taskValue: String?
        switch string(task, "task", required: false) {
        case .ok(let v): taskValue = v
        case .stop(let outcome): return outcome
        }
        var tokens: Int?
        switch value(completionTokens, "completion_tokens") {
        case .ok(nil): break
        case .ok(.int(let v)?) where v >= 0: tokens = v
        case .ok(let other?): return invalid(id, "completion_tokens", "must be an integer ≥ 0; got \(other.canonicalText)")
        case .stop(let outcome): return outcome
        }
        return .slot(
            .item(
                ScoreItem(
                    id: id, group: groupValue, prompt: promptValue, completion: completionValue,
                    reference: referenceValue, task: taskValue, completionTokens: tokens)))
    }
}
