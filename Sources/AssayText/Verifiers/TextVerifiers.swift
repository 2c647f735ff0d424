import AssayCore

/// Registers the text verifiers (`format`, `language`).
public enum TextVerifiers {
    public static func register(into registry: inout VerifierRegistry) {
        registry.register("format", summary: "R1 <think>/<answer> template (tags, open-r1 pattern or custom PCRE2)") {
            try FormatVerifier(params: &$0)
        }
        registry.register("language", summary: "share of a target language in think/answer/all (R1 language consistency)") {
            try LanguageVerifier(params: &$0)
        }
    }
}
