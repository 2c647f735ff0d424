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
            out += ",\"components\":["
            for (i, c) in rule.components.enumerated() {
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
                if let fallback = c.fallback {
                    out += ",\"fallback\":{\"verifier\":"
                    JSONText.appendQuoted(fallback.verifier.name, to: &out)
                    out += ",\"version\":"
                    JSONText.appendQuoted(fallback.verifier.version, to: &out)
                    out += ",\"when\":"
                    JSONText.appendValue(.array(fallback.verdicts.map(\.rawValue).sorted().map(JSONValue.string)), to: &out)
                    out += ",\"params\":"
                    JSONText.appendValue(fallback.verifier.canonicalParams, to: &out)
                    out += "}"
                }
                out += "}"
            }
            out += "]"
            if rule.isRouter {
                out += ",\"routes\":{"
                for (i, route) in rule.routeList.enumerated() {
                    if i > 0 { out += "," }
                    JSONText.appendQuoted(route.task, to: &out)
                    out += ":"
                    JSONText.appendQuoted(route.rule, to: &out)
                }
                out += "}"
            }
            out += "}"
        }
        out += "]}"
        return out
    }
}
