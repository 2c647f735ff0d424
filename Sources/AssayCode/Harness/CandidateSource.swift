/// The Python source that runs as the candidate for a function-level item.
public enum CandidateSource {
    /// Whether a HumanEval prompt is prepended to the completion's code.
    public enum PromptPolicy: String, Sendable, Hashable, CaseIterable {
        /// Prepend only when the code does not define the entry point (the usual convention).
        case ifMissing
        /// Always prepend (the candidate's own definition then overrides the prompt's stub).
        case always
        /// Never prepend.
        case never
    }

    /// The candidate for a HumanEval item: the code, with the prompt prepended according to `promptPolicy`.
    public static func humanEval(code: String, spec: HumanEvalSpec, promptPolicy: PromptPolicy = .ifMissing) -> String {
        let prepend: Bool
        switch promptPolicy {
        case .always: prepend = true
        case .never: prepend = false
        case .ifMissing: prepend = !defines(code, name: spec.entryPoint)
        }
        guard prepend, !spec.prompt.isEmpty else { return code }
        return spec.prompt.hasSuffix("\n") ? spec.prompt + code : spec.prompt + "\n" + code
    }

    /// Whether `code` defines `name` at top level (`def`, `async def`, `class` or an assignment at column 0).
    public static func defines(_ code: String, name: String) -> Bool {
        for raw in code.unicodeScalars.split(separator: "\n") {
            let line = Substring(String(raw))
            for keyword in ["def ", "async def ", "class "] where line.hasPrefix(keyword) {
                let after = line.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" }
                if after.hasPrefix(name) {
                    let next = after.dropFirst(name.count).first
                    if next == "(" || next == " " || next == ":" || next == "\t" { return true }
                }
            }
            if line.hasPrefix(name) {
                let after = line.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
                if after.hasPrefix("=") && !after.hasPrefix("==") { return true }
                if after.hasPrefix(":") { return true }  // annotated assignment
            }
        }
        return false
    }
}
