import ArgumentParser
import AssayBench
import AssayCode
import AssayCore
import AssayJudge
import Foundation

/// Options shared by every command that builds a ``RewardEngine``.
struct EngineOptions: ParsableArguments {
    @Option(help: "Directory of rule files (default: $ASSAY_RULES_DIR, ./rules, or the installed rules).")
    var rules: String?

    @Option(help: "SQLite cache file.")
    var cache: String = "var/assay-cache.sqlite"

    @Flag(help: "Do not use the result cache.")
    var noCache = false

    @Option(help: "Items scored at once (default: number of cores).")
    var concurrency: Int?

    @Option(help: "Largest completion scored, in UTF-8 bytes; longer ones get status \"limit\".")
    var maxCompletionBytes: Int = 1 << 20

    @Option(help: "Time budget per item, in seconds.")
    var itemTimeout: Double = 30

    @Option(help: "Time budget per batch, in seconds; items not started by then get status \"timeout\".")
    var batchTimeout: Double = 300

    @Option(help: "Warm sandbox workers for the code verifier (default: number of cores).")
    var codeWorkers: Int?

    @Option(help: "Python interpreter for the code sandbox, by absolute path (never a PATH shim).")
    var python: String = "/usr/bin/python3"

    @Option(help: "LLM judge: the OpenAI-compatible base URL `judge` verifiers use unless their rule names one (e.g. http://127.0.0.1:8000/v1 for vLLM).")
    var judgeUrl: String?

    @Option(help: "LLM judge: the model name sent to --judge-url.")
    var judgeModel: String?

    @Option(help: "LLM judge: the NAME of the environment variable holding the API key (the key itself never goes on the command line).")
    var judgeApiKeyEnv: String?

    @Option(help: "LLM judge: calls in flight at once, over all rules and items.")
    var judgeConcurrency: Int = 32

    func validate() throws {
        guard judgeConcurrency >= 1 else { throw ValidationError("--judge-concurrency must be at least 1") }
        if let judgeApiKeyEnv, judgeApiKeyEnv.hasPrefix("sk-") || judgeApiKeyEnv.contains(" ") {
            throw ValidationError("--judge-api-key-env takes the name of an environment variable, not the key")
        }
        guard python.hasPrefix("/") else { throw ValidationError("--python must be an absolute path") }
        if let codeWorkers, codeWorkers < 1 { throw ValidationError("--code-workers must be at least 1") }
        guard maxCompletionBytes > 0 else { throw ValidationError("--max-completion-bytes must be positive") }
        guard itemTimeout > 0, batchTimeout > 0 else { throw ValidationError("timeouts must be positive") }
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    var limits: EngineLimits {
        EngineLimits(
            maxCompletionBytes: maxCompletionBytes, itemTimeout: .milliseconds(Int64(itemTimeout * 1000)),
            batchTimeout: .milliseconds(Int64(batchTimeout * 1000)),
            concurrency: concurrency ?? EngineLimits.defaultConcurrency)
    }

    /// The code verifier's workers (started on first use).
    func makeWorkerPool() -> WorkerPool {
        WorkerPool(configuration: WorkerConfiguration(python: python), size: codeWorkers)
    }

    var judgeDefaults: JudgeDefaults {
        JudgeDefaults(baseURL: judgeUrl, model: judgeModel, apiKeyEnv: judgeApiKeyEnv, concurrency: judgeConcurrency)
    }

    func makeEngine(useCache: Bool = true) throws -> RewardEngine {
        var resultCache: ResultCache?
        if useCache && !noCache {
            do {
                resultCache = try ResultCache(path: cache)
            } catch let error as ResultCacheError where error.allowsRunningUncached {
                // The cache is an optimisation: an unwritable or full disk must not take the scorer down.
                printError("assay: warning: \(error); running without the result cache (--no-cache silences this)")
            } catch {
                throw ValidationError("cache \(cache): \(error) (use --no-cache to run without it)")
            }
        }
        let ruleSet: RuleSet
        do {
            let judge = JudgeEnvironment(defaults: judgeDefaults, cache: resultCache)
            ruleSet = try RulesLocator.load(rules, codeWorkers: makeWorkerPool(), judge: judge)
        } catch {
            throw ValidationError("rules: \(error)")
        }
        return RewardEngine(rules: ruleSet, limits: limits, cache: resultCache)
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
