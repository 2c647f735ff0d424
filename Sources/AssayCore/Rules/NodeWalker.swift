import Foundation
import Yams

/// Small helpers for reading a Yams node tree with errors that carry the node's line and column.
struct NodeWalker {
    var file: String

    func error(_ node: Node, key: String, _ message: String) -> RuleError {
        RuleError(file: file, line: node.mark?.line, column: node.mark?.column, key: key, message: message)
    }

    func rejectUnknown(_ mapping: Node.Mapping, allowed: Set<String>, path: String) throws(RuleError) {
        for (keyNode, _) in mapping {
            let key = keyNode.string ?? "?"
            if !allowed.contains(key) {
                let full = path.isEmpty ? key : "\(path).\(key)"
                throw error(keyNode, key: full, "unknown key (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }

    func optionalString(_ mapping: Node.Mapping, _ key: String, path: String) throws(RuleError) -> String? {
        guard let node = mapping[key] else { return nil }
        guard let scalar = node.scalar else {
            throw error(node, key: path.isEmpty ? key : "\(path).\(key)", "expected a string")
        }
        return scalar.string
    }

    func optionalNumber(_ mapping: Node.Mapping, _ key: String, path: String) throws(RuleError) -> Double? {
        guard let node = mapping[key] else { return nil }
        guard let value = Self.number(node) else {
            throw error(node, key: path.isEmpty ? key : "\(path).\(key)", "expected a number, got \"\(node.string ?? "?")\"")
        }
        return value
    }

    static func number(_ node: Node) -> Double? {
        guard let scalar = node.scalar, scalar.style == .plain else { return nil }
        if let i = int(node) { return Double(i) }
        return node.float
    }

    /// `node.int` without Yams's overflow trap: Yams reads YAML 1.1 sexagesimal integers (`1:30` is 90) in
    /// unchecked `Int` arithmetic, so `1:2:3:4:5:6:7:8:9:10:11` or `-2:99999999999999999` crashed the loader (found by
    /// fuzzing). Scalars with a colon go through `Double` instead; an integral value in range is still an `Int`.
    static func int(_ node: Node) -> Int? {
        guard let text = node.scalar?.string else { return nil }
        guard text.contains(":") else { return node.int }
        guard let d = node.float, d.rounded() == d, abs(d) < 9.0e18 else { return nil }
        return Int(d)
    }

    /// Converts a YAML node into JSON (plain scalars are typed by YAML's core schema; quoted ones stay strings).
    static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain { return .string(scalar.string) }
            if node.null != nil { return .null }
            if let b = node.bool { return .bool(b) }
            if let i = int(node) { return .int(i) }
            if let d = node.float { return .double(d) }
            return .string(scalar.string)
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = json(value) }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map { json($0) })
        case .alias:
            return .null
        }
    }
}
