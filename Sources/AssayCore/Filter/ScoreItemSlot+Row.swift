extension ScoreItemSlot {
    /// An item from one JSON object: the API item shape (`id`, `group`, `prompt`, `completion`, `reference`, `task`,
    /// `completion_tokens`), or a labelled completion row as in `shared/datasets/completions`: `problem` stands in
    /// for a missing `prompt`, and `answer` (else `gold_answer`) becomes `reference.answer` when there is no
    /// `reference`. Other keys are ignored. A wrong field gives ``invalid(id:field:message:)`` naming it.
    ///
    /// - Parameter defaultID: the id of a row without one (the CLI passes the line number).
    public init(row: JSONValue, defaultID: JSONValue = .null) {
        guard case .object(let object) = row else {
            self = .invalid(id: defaultID, field: "(item)", message: "expected an object; found \(row.typeName)")
            return
        }
        var id = defaultID
        switch object["id"] {
        case nil, .null?: break
        case let value? where value.doubleValue != nil || value.stringValue != nil: id = value
        case let value?:
            self = .invalid(id: defaultID, field: "id", message: "must be a string or a number; found \(value.typeName)")
            return
        }
        func string(_ key: String) -> Result<String?, RequestDecodingError> {
            switch object[key] {
            case nil, .null?: .success(nil)
            case .string(let text)?: .success(text)
            case let value?: .failure(RequestDecodingError(field: key, message: "expected a string; found \(value.typeName)"))
            }
        }
        do throws(RequestDecodingError) {
            guard let completion = try string("completion").get() else {
                throw RequestDecodingError(field: "completion", message: "required field is missing")
            }
            var prompt = try string("prompt").get()
            if prompt == nil { prompt = try string("problem").get() }
            let task = try string("task").get()
            var reference = object["reference"].flatMap { $0 == .null ? nil : $0 }
            if reference == nil, let gold = [object["answer"], object["gold_answer"]].lazy.compactMap({ $0 }).first(where: { $0 != .null }) {
                reference = .object(["answer": gold])
            }
            var tokens: Int?
            switch object["completion_tokens"] {
            case nil, .null?: break
            case .int(let count)? where count >= 0: tokens = count
            case let value?:
                throw RequestDecodingError(field: "completion_tokens", message: "must be an integer ≥ 0; got \(value.canonicalText)")
            }
            let group = object["group"].flatMap { $0 == .null ? nil : $0 }
            self = .item(
                ScoreItem(
                    id: id, group: group, prompt: prompt, completion: completion, reference: reference, task: task,
                    completionTokens: tokens))
        } catch {
            self = .invalid(id: id, field: error.field, message: error.message)
        }
    }
}
