/// One condition of a keep expression: `subject[.field.path] [op value]` (see ``FilterExpression``).
///
/// Without a field path a term reads the subject's verdict (`=`, `!=`) or its mapped score (`>=`, `<=`, `>`, `<`);
/// with one it reads the value at that path in the result's `detail`.
public struct FilterTerm: Sendable, Hashable, CustomStringConvertible {
    /// How a term compares.
    public enum Comparison: String, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case atLeast = ">="
        case atMost = "<="
        case greater = ">"
        case less = "<"

        /// Whether the comparison orders numbers (as opposed to testing equality).
        public var isOrdering: Bool { self != .equal && self != .notEqual }
    }

    /// A component name of the rule, or a registered verifier's name.
    public var subject: String
    /// Keys (or array indices) into the result's `detail`; empty for verdict and score terms.
    public var path: [String]
    public var comparison: Comparison
    /// What the term compares with: one number for an ordering, one or more alternatives for `=` / `!=`
    /// (`.string`, `.double` or `.bool`; verdict terms hold strings only).
    public var operands: [JSONValue]
    /// Where the term starts in the expression (1-based, in characters).
    public var column: Int

    public init(subject: String, path: [String] = [], comparison: Comparison, operands: [JSONValue], column: Int = 1) {
        self.subject = subject
        self.path = path
        self.comparison = comparison
        self.operands = operands
        self.column = column
    }

    /// The canonical text, e.g. `accuracy=correct`, `language>=0.95`, `steps.false=0`; a bare subject reads
    /// `subject=correct`.
    public var description: String {
        var out = subject
        for key in path { out += "." + key }
        out += comparison.rawValue
        out += operands.map(Self.operandText).joined(separator: "|")
        return out
    }

    /// Whether the term holds for a subject's result and mapped score: nil when it does, else why not
    /// (`verdict=wrong`, `score=0.93`, `detail.x missing`, or the result's status when it is not `ok`).
    public func check(_ result: VerifierResult, score: Double) -> String? {
        guard result.status == .ok else { return result.status.rawValue }
        guard !path.isEmpty else {
            if comparison.isOrdering {
                return holds(score) ? nil : "score=\(Self.number(score))"
            }
            let matched = operands.contains { $0.stringValue == result.verdict.rawValue }
            return matched == (comparison == .equal) ? nil : "verdict=\(result.verdict.rawValue)"
        }
        let name = "detail." + path.joined(separator: ".")
        guard let value = Self.lookup(path, in: result.detail) else { return "\(name) missing" }
        if comparison.isOrdering {
            guard let number = value.doubleValue else { return "\(name)=\(value.canonicalText) is not a number" }
            return holds(number) ? nil : "\(name)=\(Self.number(number))"
        }
        let matched = operands.contains { Self.equal(value, $0) }
        return matched == (comparison == .equal) ? nil : "\(name)=\(value.canonicalText)"
    }

    private func holds(_ value: Double) -> Bool {
        guard let bound = operands.first?.doubleValue else { return false }
        switch comparison {
        case .atLeast: return value >= bound
        case .atMost: return value <= bound
        case .greater: return value > bound
        case .less: return value < bound
        case .equal, .notEqual: return false
        }
    }

    /// The value at `path` in `detail`; an integer key indexes an array.
    static func lookup(_ path: [String], in detail: JSONValue?) -> JSONValue? {
        var current = detail
        for key in path {
            switch current {
            case .object(let object)?: current = object[key]
            case .array(let items)?:
                guard let index = Int(key), items.indices.contains(index) else { return nil }
                current = items[index]
            default: return nil
            }
        }
        return current == .null ? nil : current
    }

    /// Numbers equal numbers (integers and doubles alike), strings strings, booleans booleans.
    static func equal(_ value: JSONValue, _ operand: JSONValue) -> Bool {
        if let a = value.doubleValue, let b = operand.doubleValue { return a == b }
        return value == operand
    }

    static func number(_ value: Double) -> String { JSONValue.double(value).canonicalText }

    static func operandText(_ operand: JSONValue) -> String {
        guard case .string(let text) = operand else { return operand.canonicalText }
        return FilterExpression.isBareWord(text) ? text : operand.canonicalText
    }
}
