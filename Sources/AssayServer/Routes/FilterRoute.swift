import AssayCore

/// `POST /v1/filter`: `{"rule", "keep", "items"}` in, the kept ids and each item's decision out (see ``ItemFilter``).
enum FilterRoute {
    struct Request {
        var rule: String
        var keep: String
        var items: [ScoreItemSlot]
    }

    /// Parses a body; errors name the field (`(body)`, `rule`, `keep`, `items`). A malformed item does not throw:
    /// it is dropped with reason `invalid: field`.
    static func parse(_ body: [UInt8]) throws(RequestDecodingError) -> Request {
        guard case .object(let object) = try JSONValue.parse(body) else {
            throw RequestDecodingError(field: "(body)", message: "expected a JSON object with \"rule\", \"keep\" and \"items\"")
        }
        func string(_ key: String) throws(RequestDecodingError) -> String {
            switch object[key] {
            case .string(let text)?: return text
            case nil: throw RequestDecodingError(field: key, message: "required field is missing")
            case let value?: throw RequestDecodingError(field: key, message: "expected a string, found \(value.kindDescription)")
            }
        }
        let rule = try string("rule")
        let keep = try string("keep")
        switch object["items"] {
        case .array(let rows)?:
            return Request(rule: rule, keep: keep, items: rows.map { ScoreItemSlot(row: $0) })
        case nil: throw RequestDecodingError(field: "items", message: "required field is missing")
        case let value?: throw RequestDecodingError(field: "items", message: "expected an array, found \(value.kindDescription)")
        }
    }

    /// `{"rule", "rule_hash", "keep": [terms in evaluation order], "kept": [ids], "results": [{"id", "kept", "term",
    /// "reason"}], "summary": {…}}`.
    static func response(_ batch: FilterBatch, filter: ItemFilter) -> String {
        var out = "{\"rule\":"
        JSONText.appendQuoted(filter.rule.name, to: &out)
        out += ",\"rule_hash\":"
        JSONText.appendQuoted(filter.rule.hash, to: &out)
        out += ",\"keep\":["
        for (i, term) in filter.evaluationOrder.enumerated() {
            if i > 0 { out += "," }
            JSONText.appendQuoted(term, to: &out)
        }
        out += "],\"kept\":["
        var first = true
        for decision in batch.decisions where decision.kept {
            if !first { out += "," }
            first = false
            JSONText.appendValue(decision.id, to: &out)
        }
        out += "],\"results\":["
        for (i, decision) in batch.decisions.enumerated() {
            if i > 0 { out += "," }
            out += "{\"id\":"
            JSONText.appendValue(decision.id, to: &out)
            out += ",\"kept\":\(decision.kept),\"term\":"
            appendOptional(decision.term, to: &out)
            out += ",\"reason\":"
            appendOptional(decision.reason, to: &out)
            out += "}"
        }
        out += "],\"summary\":" + batch.summary.json + "}"
        return out
    }

    static func appendOptional(_ text: String?, to out: inout String) {
        if let text { JSONText.appendQuoted(text, to: &out) } else { out += "null" }
    }
}

extension AssayHTTPHandler {
    /// `POST /v1/filter`; the second value is a short summary for the access log.
    func filter(_ request: HTTPRequest) async -> (HTTPResponse, String) {
        if let refused = Self.refuseMediaType(request) { return refused }
        let parsed: FilterRoute.Request
        do {
            parsed = try FilterRoute.parse(request.body)
        } catch {
            return (.error(400, code: "invalid_request", field: error.field, message: error.message), "invalid \(error.field)")
        }
        if parsed.items.count > limits.maxItems {
            let response = HTTPResponse.error(
                413, code: "too_many_items", field: "items",
                message: "batch has \(parsed.items.count) items; the limit is \(limits.maxItems) (server option --max-items)")
            return (response, "too many items (\(parsed.items.count))")
        }
        guard let rule = engine.rules[parsed.rule] else {
            let unknown = RewardEngine.UnknownRule(name: parsed.rule, known: engine.rules.names)
            return (.error(404, code: "unknown_rule", field: "rule", message: unknown.description), "unknown rule \(parsed.rule)")
        }
        let filter: ItemFilter
        do {
            filter = try ItemFilter(keep: parsed.keep, rule: rule, engine: engine)
        } catch {
            return (.error(400, code: "invalid_keep", field: "keep", message: error.description), "invalid keep")
        }
        let batch = await filter.filter(parsed.items)
        let summary = "filter rule=\(rule.name) items=\(batch.summary.items) kept=\(batch.summary.kept)"
        return (.json(200, FilterRoute.response(batch, filter: filter)), summary)
    }
}
