import ArgumentParser
import AssayBench
import Foundation

/// `assay bench --generate`: where and how to sample completions before scoring them.
struct GenerationOptions: ParsableArguments {
    @Flag(help: "Sample completions from an OpenAI-compatible endpoint first (written to --completions, then scored).")
    var generate = false

    @Option(help: "The endpoint's base URL (e.g. http://127.0.0.1:8000/v1 for vLLM).")
    var generateUrl: String?

    @Option(help: "The model name to sample from.")
    var generateModel: String?

    @Option(help: "The NAME of the environment variable holding the endpoint's API key.")
    var generateApiKeyEnv: String?

    @Option(help: "Completions per problem.")
    var samplesPerProblem: Int = 16

    @Option(help: "Sampling temperature (DeepSeek-R1 evaluates at 0.6).")
    var temperature: Double = 0.6

    @Option(help: "Largest completion, in tokens.")
    var maxTokens: Int = 8192

    @Option(help: "Calls in flight at once.")
    var generateConcurrency: Int = 16

    @Option(help: "Seconds one call may take.")
    var callTimeout: Double = 600

    @Option(help: "A file with the prompt template; {problem} is replaced (default: DeepSeek-R1-Zero's).")
    var template: String?

    func makeGenerator() throws -> CompletionGenerator {
        guard let generateUrl, let generateModel else { throw ValidationError("--generate needs --generate-url and --generate-model") }
        var prompt = CompletionTemplate.r1Zero
        if let template {
            guard let text = try? String(contentsOfFile: template, encoding: .utf8) else { throw ValidationError("cannot read --template \(template)") }
            guard let custom = CompletionTemplate(text) else { throw ValidationError("--template \(template) has no {problem} placeholder") }
            prompt = custom
        }
        guard callTimeout > 0 else { throw ValidationError("--call-timeout must be positive") }
        do {
            return try CompletionGenerator(
                baseURL: generateUrl, model: generateModel, apiKeyEnv: generateApiKeyEnv, samplesPerProblem: samplesPerProblem,
                temperature: temperature, maxTokens: maxTokens, callTimeout: .milliseconds(Int64(callTimeout * 1000)),
                concurrency: generateConcurrency, template: prompt)
        } catch {
            throw ValidationError("--generate: \(error.description)")
        }
    }
}
