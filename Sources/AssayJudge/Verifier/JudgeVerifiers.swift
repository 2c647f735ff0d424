import AssayCore

/// Registers `judge`.
public enum JudgeVerifiers {
    public static func register(into registry: inout VerifierRegistry, environment: JudgeEnvironment) {
        registry.register(
            "judge",
            summary: "An OpenAI-compatible chat model decides whether the final answer matches the reference (CORRECT/INCORRECT or a 0–10 score)."
        ) { params in
            try JudgeVerifier(params: &params, environment: environment)
        }
    }
}
