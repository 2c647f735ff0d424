import AssayCore

/// The JSONL lines of `assay filter`'s input, kept as their original bytes so that kept lines are written verbatim.
struct FilterLines {
    struct Line {
        /// 1-based line number in the file.
        var number: Int
        /// The line's bytes without its `\n`.
        var bytes: ArraySlice<UInt8>
        /// The parsed object, or nil when the line is not JSON.
        var value: JSONValue?
        var slot: ScoreItemSlot
    }

    /// Every non-blank line's byte range and number.
    static func ranges(_ bytes: [UInt8]) -> [(number: Int, range: Range<Int>)] {
        var ranges: [(number: Int, range: Range<Int>)] = []
        var start = 0
        var number = 0
        while start < bytes.count {
            number += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            if bytes[start..<end].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                ranges.append((number, start..<end))
            }
            start = end + 1
        }
        return ranges
    }

    /// Parses one line: an API item or a labelled row (see ``ScoreItemSlot/init(row:defaultID:)``); an item
    /// without an id gets its line number.
    static func line(_ bytes: ArraySlice<UInt8>, number: Int) -> Line {
        let parsed = bytes.withUnsafeBytes { raw in Result { () throws(RequestDecodingError) in try JSONValue.parse(raw) } }
        switch parsed {
        case .success(let value):
            return Line(number: number, bytes: bytes, value: value, slot: ScoreItemSlot(row: value, defaultID: .int(number)))
        case .failure(let error):
            return Line(number: number, bytes: bytes, value: nil, slot: .invalid(id: .int(number), field: "(json)", message: error.message))
        }
    }

    /// The line with `"_filter": {"term", "reason"}` added before its closing brace, the other bytes untouched.
    /// A line that already has `_filter` is rewritten canonically; one that is not a JSON object is wrapped as
    /// `{"_filter": …, "_line": "<text>"}`.
    static func annotated(_ line: Line, _ decision: FilterDecision) -> [UInt8] {
        var note = "{\"term\":"
        if let term = decision.term { JSONText.appendQuoted(term, to: &note) } else { note += "null" }
        note += ",\"reason\":"
        JSONText.appendQuoted(decision.reason ?? "", to: &note)
        note += "}"
        guard case .object(var object) = line.value else {
            var out = "{\"_filter\":" + note + ",\"_line\":"
            JSONText.appendQuoted(String(decoding: line.bytes, as: UTF8.self), to: &out)
            return Array((out + "}").utf8)
        }
        let close = line.bytes.lastIndex { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
        guard object["_filter"] == nil, let close, line.bytes[close] == UInt8(ascii: "}") else {
            object["_filter"] = (try? JSONValue.parse(Array(note.utf8))) ?? .null
            return Array(JSONValue.object(object).canonicalText.utf8)
        }
        var out = Array(line.bytes[..<close])
        out += Array(((object.isEmpty ? "" : ",") + "\"_filter\":" + note).utf8)
        out += line.bytes[close...]
        return out
    }
}
