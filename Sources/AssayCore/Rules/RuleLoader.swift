import Foundation
import Yams

/// Parses one rule file (YAML) into a ``Rule``, validating every key against the verifier registry.
///
/// Errors name the file, line, column and key. A router's hash is completed by ``RuleSet`` once its targets are known.
public struct RuleLoader: Sendable {
    public var registry: VerifierRegistry

    public init(registry: VerifierRegistry) {
        self.registry = registry
    }

    static let topLevelKeys: Set<String> = ["name", "description", "cache", "components", "routes", "max_completion_bytes"]
    static let componentKeys: Set<String> = [
        "verifier", "weight", "params", "scores", "gate", "gated_score", "fallback", "chance_correction",
    ]
    static let fallbackKeys: Set<String> = ["verifier", "params", "when"]

    /// Loads a rule from YAML text. `file` is used in messages; the rule's name defaults to the file's stem.
    public func load(yaml text: String, file: String) throws(RuleError) -> Rule {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw RuleError(file: file, key: "", message: "the file is empty")
            }
            root = node
        } catch let error as RuleError {
            throw error
        } catch let error as YamlError {
            throw Self.yamlError(error, file: file)
        } catch {
            throw RuleError(file: file, key: "", message: "invalid YAML: \(error)")
        }
        var walker = NodeWalker(file: file)
        guard let top = root.mapping else {
            throw walker.error(root, key: "", "a rule file must be a mapping (name, components or routes, …)")
        }
        try walker.rejectUnknown(top, allowed: Self.topLevelKeys, path: "")

        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = try walker.optionalString(top, "name", path: "") ?? stem
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw walker.error(top["name"] ?? root, key: "name", "rule names use letters, digits, '-', '_' and '.'; got \"\(name)\"")
        }
        let description = try walker.optionalString(top, "description", path: "") ?? ""
        let cacheText = try walker.optionalString(top, "cache", path: "") ?? RuleCachePolicy.auto.rawValue
        guard let cache = RuleCachePolicy(rawValue: cacheText) else {
            throw walker.error(top["cache"]!, key: "cache", "must be one of auto, always, never; got \"\(cacheText)\"")
        }
        var maxCompletionBytes: Int?
        if let node = top["max_completion_bytes"] {
            guard let value = NodeWalker.int(node), value > 0 else {
                throw walker.error(node, key: "max_completion_bytes", "expected a positive integer")
            }
            maxCompletionBytes = value
        }

        guard top["components"] != nil || top["routes"] != nil else {
            throw walker.error(root, key: "", "a rule needs `components` (verifiers to compose) or `routes` (task → rule)")
        }
        let components = try top["components"].map { node throws(RuleError) in try loadComponents(node, walker: &walker) } ?? []
        var routes: [String: String] = [:]
        var fallback: String?
        if let routesNode = top["routes"] {
            (routes, fallback) = try loadRoutes(routesNode, walker: &walker)
            if fallback != nil && !components.isEmpty {
                throw walker.error(
                    routesNode, key: "routes.default",
                    "a rule with components scores unrouted items itself; `default` is only for rules without components")
            }
        }

        let canonical = NodeWalker.json(root).canonicalText
        return Rule(
            name: name, description: description, hash: SHA256Digest.hash(canonical).hex, source: file,
            components: components, routes: routes, fallback: fallback, cache: cache, maxCompletionBytes: maxCompletionBytes)
    }

    private func loadComponents(_ node: Node, walker: inout NodeWalker) throws(RuleError) -> [RuleComponent] {
        guard let mapping = node.mapping, mapping.count > 0 else {
            throw walker.error(node, key: "components", "expected a non-empty mapping of component name → {verifier, weight, …}")
        }
        var components: [RuleComponent] = []
        for (keyNode, valueNode) in mapping {
            guard let name = keyNode.string, !name.isEmpty else {
                throw walker.error(keyNode, key: "components", "component names must be strings")
            }
            let path = "components.\(name)"
            guard let spec = valueNode.mapping else {
                throw walker.error(valueNode, key: path, "expected a mapping with at least `verifier`")
            }
            try walker.rejectUnknown(spec, allowed: Self.componentKeys, path: path)
            let verifier = try makeVerifier(spec, node: valueNode, path: path, walker: &walker)
            let weight = try walker.optionalNumber(spec, "weight", path: path) ?? 1.0
            let gatedScore = try walker.optionalNumber(spec, "gated_score", path: path) ?? 0.0
            let fallback = try spec["fallback"].map { node throws(RuleError) in
                try loadFallback(node, path: "\(path).fallback", walker: &walker)
            }

            var scores: [Verdict: Double] = [:]
            if let scoresNode = spec["scores"] {
                guard let scoreMap = scoresNode.mapping else {
                    throw walker.error(scoresNode, key: "\(path).scores", "expected a mapping of verdict → score")
                }
                for (verdictNode, scoreNode) in scoreMap {
                    guard let verdict = verdictNode.string, let score = NodeWalker.number(scoreNode) else {
                        throw walker.error(scoreNode, key: "\(path).scores", "expected verdict: number pairs")
                    }
                    scores[Verdict(rawValue: verdict)] = score
                }
            }

            var chanceCorrection = false
            if let node = spec["chance_correction"] {
                guard let flag = node.bool, node.scalar?.style == .plain else {
                    throw walker.error(node, key: "\(path).chance_correction", "expected true or false")
                }
                chanceCorrection = flag
            }

            var gate: RuleGate?
            if let gateNode = spec["gate"] {
                gate = try loadGate(gateNode, path: "\(path).gate", earlier: components.map(\.name), walker: &walker)
            }
            components.append(
                RuleComponent(
                    name: name, verifier: verifier, weight: weight, scores: scores, gate: gate, gatedScore: gatedScore,
                    fallback: fallback, chanceCorrection: chanceCorrection))
        }
        return components
    }

    /// `{verifier, params}` of a component or a fallback, built by the registry; errors point at the param's line.
    private func makeVerifier(_ spec: Node.Mapping, node: Node, path: String, walker: inout NodeWalker) throws(RuleError)
        -> any Verifier
    {
        guard let verifierName = try walker.optionalString(spec, "verifier", path: path) else {
            throw walker.error(node, key: "\(path).verifier", "required key is missing")
        }
        var params: [String: JSONValue] = [:]
        if let paramsNode = spec["params"] {
            guard paramsNode.mapping != nil, case .object(let object) = NodeWalker.json(paramsNode) else {
                throw walker.error(paramsNode, key: "\(path).params", "expected a mapping")
            }
            params = object
        }
        do {
            return try registry.makeVerifier(named: verifierName, params: params)
        } catch let failure as VerifierParams.Failure {
            if failure.key == "verifier" {
                throw walker.error(spec["verifier"]!, key: "\(path).verifier", failure.message)
            }
            let at = spec["params"]?.mapping?[failure.key] ?? spec["params"]?.mapping.flatMap { m in
                m.keys.first { $0.string == failure.key }
            } ?? spec["params"] ?? node
            throw walker.error(at, key: "\(path).params.\(failure.key)", failure.message)
        } catch {
            throw walker.error(node, key: path, "\(error)")
        }
    }

    private func loadFallback(_ node: Node, path: String, walker: inout NodeWalker) throws(RuleError) -> RuleFallback {
        guard let spec = node.mapping else {
            throw walker.error(node, key: path, "expected a mapping {verifier, params, when}")
        }
        try walker.rejectUnknown(spec, allowed: Self.fallbackKeys, path: path)
        let verifier = try makeVerifier(spec, node: node, path: path, walker: &walker)
        var verdicts = RuleFallback.defaultVerdicts
        if let whenNode = spec["when"] {
            let list = whenNode.sequence?.compactMap(\.string) ?? whenNode.string.map { [$0] } ?? []
            guard !list.isEmpty else {
                throw walker.error(whenNode, key: "\(path).when", "expected a verdict or a non-empty list of verdicts")
            }
            verdicts = Set(list.map { Verdict(rawValue: $0) })
        }
        return RuleFallback(verifier: verifier, verdicts: verdicts)
    }

    private func loadGate(_ node: Node, path: String, earlier: [String], walker: inout NodeWalker) throws(RuleError)
        -> RuleGate
    {
        var gate = RuleGate(component: "", verdicts: [.correct], minScore: nil)
        if let name = node.scalar?.string {
            gate.component = name
        } else if let spec = node.mapping {
            try walker.rejectUnknown(spec, allowed: ["component", "verdicts", "min_score"], path: path)
            guard let name = try walker.optionalString(spec, "component", path: path) else {
                throw walker.error(node, key: "\(path).component", "required key is missing")
            }
            gate.component = name
            if let verdictsNode = spec["verdicts"] {
                guard let list = verdictsNode.sequence?.compactMap({ $0.string }), !list.isEmpty else {
                    throw walker.error(verdictsNode, key: "\(path).verdicts", "expected a non-empty list of verdicts")
                }
                gate.verdicts = Set(list.map { Verdict(rawValue: $0) })
            }
            gate.minScore = try walker.optionalNumber(spec, "min_score", path: path)
        } else {
            throw walker.error(node, key: path, "expected a component name or {component, verdicts, min_score}")
        }
        guard earlier.contains(gate.component) else {
            throw walker.error(
                node, key: path,
                "gate must name an earlier component (\(earlier.isEmpty ? "none before this one" : earlier.joined(separator: ", "))); got \"\(gate.component)\""
            )
        }
        return gate
    }

    private func loadRoutes(_ node: Node, walker: inout NodeWalker) throws(RuleError) -> ([String: String], String?) {
        guard let mapping = node.mapping, mapping.count > 0 else {
            throw walker.error(node, key: "routes", "expected a non-empty mapping of task → rule name")
        }
        var routes: [String: String] = [:]
        var fallback: String?
        for (keyNode, valueNode) in mapping {
            guard let task = keyNode.string, let target = valueNode.scalar?.string, !target.isEmpty else {
                throw walker.error(valueNode, key: "routes", "expected task: rule-name pairs")
            }
            if task == "default" { fallback = target } else { routes[task] = target }
        }
        return (routes, fallback)
    }

    static func yamlError(_ error: YamlError, file: String) -> RuleError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return RuleError(file: file, line: mark.line, column: mark.column, key: "", message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RuleError(
                file: file, line: context.mark.line, column: context.mark.column, key: duplicates.joined(separator: ", "),
                message: "duplicate key")
        default:
            return RuleError(file: file, key: "", message: "invalid YAML: \(error)")
        }
    }
}
