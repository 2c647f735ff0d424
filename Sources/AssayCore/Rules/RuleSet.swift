import Foundation

/// All rules the engine serves, by name, with routers checked against their targets.
public struct RuleSet: Sendable {
    public private(set) var rules: [String: Rule]
    /// The verifiers the rules were built from; filters run them by name on items of any rule.
    public let registry: VerifierRegistry

    /// Builds a set from parsed rules, checking names are unique and router targets exist and are not routers.
    public init(_ list: [Rule], registry: VerifierRegistry = VerifierRegistry()) throws(RuleError) {
        self.registry = registry
        var byName: [String: Rule] = [:]
        for rule in list {
            if let existing = byName[rule.name] {
                throw RuleError(file: rule.source, key: "name", message: "rule \"\(rule.name)\" is also defined in \(existing.source)")
            }
            byName[rule.name] = rule
        }
        for (name, rule) in byName {
            guard rule.isRouter else { continue }
            var combined = rule.hash
            for (task, target) in rule.routeList {
                guard let targetRule = byName[target] else {
                    throw RuleError(file: rule.source, key: "routes.\(task)", message: "no rule named \"\(target)\"")
                }
                if targetRule.isRouter {
                    throw RuleError(file: rule.source, key: "routes.\(task)", message: "\"\(target)\" has routes itself; routes must end at a rule with components only")
                }
                combined += "|\(task)=\(targetRule.hash)"
            }
            byName[name]!.hash = SHA256Digest.hash(combined).hex
        }
        rules = byName
    }

    /// Loads every `*.yaml` / `*.yml` file of a directory.
    public static func load(directory: String, registry: VerifierRegistry) throws(RuleError) -> RuleSet {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RuleError(file: directory, key: "", message: "rules directory not found")
        }
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw RuleError(file: directory, key: "", message: "cannot list rules directory: \(error.localizedDescription)")
        }
        guard !names.isEmpty else {
            throw RuleError(file: directory, key: "", message: "no *.yaml rule files in the directory")
        }
        let loader = RuleLoader(registry: registry)
        var list: [Rule] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw RuleError(file: path, key: "", message: "cannot read the file as UTF-8")
            }
            list.append(try loader.load(yaml: text, file: path))
        }
        return try RuleSet(list, registry: registry)
    }

    public subscript(name: String) -> Rule? { rules[name] }

    public var names: [String] { rules.keys.sorted() }

    /// The rule with components that scores an item: the route for the item's task, else the rule's own
    /// components, else its fallback; nil when none applies.
    public func resolve(_ rule: Rule, task: String?) -> Rule? {
        if let task, let target = rule.routes[task] { return rules[target] }
        if !rule.components.isEmpty { return rule }
        return rule.fallback.flatMap { rules[$0] }
    }
}
