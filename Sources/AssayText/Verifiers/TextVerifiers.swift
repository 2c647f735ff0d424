import AssayCore

/// Registers the text verifiers (`format`, `language`, `tag_count`, `repetition`, `overlong`, `no_code_blocks`).
public enum TextVerifiers {
    public static func register(into registry: inout VerifierRegistry) {
        registry.register("format", summary: "R1 <think>/<answer> template (tags, open-r1 pattern or custom PCRE2)") {
            try FormatVerifier(params: &$0)
        }
        registry.register("language", summary: "share of a target language in think/answer/all (R1 language consistency)") {
            try LanguageVerifier(params: &$0)
        }
        registry.register("tag_count", summary: "open-r1 tag_count_reward: 0.25 per think/answer marker found exactly once") {
            try TagCountVerifier(params: &$0)
        }
        registry.register("repetition", summary: "open-r1 repetition penalty: share of repeated word n-grams × max_penalty") {
            try RepetitionVerifier(params: &$0)
        }
        registry.register("overlong", summary: "DAPO soft overlong punishment over the last `buffer` tokens before max_length") {
            try OverlongVerifier(params: &$0)
        }
        registry.register("no_code_blocks", summary: "no fenced code block (``` or ~~~) in all, think or answer: 1, else 0") {
            try NoCodeBlocksVerifier(params: &$0)
        }
    }
}
