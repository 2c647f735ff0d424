import AssayCore

/// The `GET /v1/rules` body: every rule with its hash, components or routes.
enum RulesDocument {
    static func json(_ rules: RuleSet) -> String {
        var out = "{\"rules\":["
        for (index, name) in rules.names.enumerated() {
            let rule = rules[name]!
            if index > 0 { out += "," }
            out += "{\"name\":"
            JSONText.appendQuoted(rule.name, to: &out)
            out += ",\"hash\":"
            JSONText.appendQuoted(rule.hash, to: &out)
            out += ",\"description\":"
            JSONText.appendQuoted(rule.description, to: &out)
            out += ",\"cache\":\"\(rule.cache.rawValue)\""
            switch rule.body {
            case .components(let components):
                out += ",\"components\":["
                for (i, c) in components.enumerated() {
                    if i > 0 { out += "," }
                    out += "{\"name\":"
                    JSONText.appendQuoted(c.name, to: &out)
                    out += ",\"verifier\":"
                    JSONText.appendQuoted(c.verifier.name, to: &out)
                    out += ",\"version\":"
                    JSONText.appendQuoted(c.verifier.version, to: &out)
                    out += ",\"weight\":"
                    JSONText.appendNumber(c.weight, to: &out)
                    out += ",\"params\":"
                    JSONText.appendValue(c.verifier.canonicalParams, to: &out)
                    if let gate = c.gate {
                        out += ",\"gate\":"
                        JSONText.appendQuoted(gate.component, to: &out)
                    }
                    out += "}"
                }
                out += "]"
            case .routes(let routes, let fallback):
                out += ",\"routes\":{"
                var entries = routes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                if let fallback { entries.append(("default", fallback)) }
                for (i, (task, target)) in entries.enumerated() {
                    if i > 0 { out += "," }
                    JSONText.appendQuoted(task, to: &out)
                    out += ":"
                    JSONText.appendQuoted(target, to: &out)
                }
                out += "}"
            }
            out += "}"
        }
        out += "]}"
        return out
    }
}
