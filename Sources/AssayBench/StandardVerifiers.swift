import AssayCode
import AssayCore
import AssayJudge
import AssayMath
import AssayText
import Foundation

/// The verifiers every front end (server, CLI, bench, trainer) registers.
public enum StandardVerifiers {
    /// The registry; `code` runs on `codeWorkers` (workers start on first use, so an unused pool costs nothing),
    /// `judge` asks the endpoint of `judge` (its defaults, client and verdict cache).
    public static func registry(codeWorkers: WorkerPool = WorkerPool(), judge: JudgeEnvironment = JudgeEnvironment())
        -> VerifierRegistry
    {
        var registry = VerifierRegistry()
        TextVerifiers.register(into: &registry)
        MathVerifiers.register(into: &registry)
        CodeVerifiers.register(into: &registry, pool: codeWorkers)
        JudgeVerifiers.register(into: &registry, environment: judge)
        return registry
    }
}

/// Finds the rules directory: an explicit path, `$ASSAY_RULES_DIR`, `./rules`, then the rules installed
/// beside the executable (`<prefix>/share/assay/rules`, or the source tree's `rules/` for a `.build` binary).
public enum RulesLocator {
    public static func locate(_ explicit: String?) -> String {
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["ASSAY_RULES_DIR"], !env.isEmpty { return env }
        var candidates = ["rules"]
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(executable.appendingPathComponent("../share/assay/rules").standardized.path)
        // .build/<triple>/<config>/assay → the package root's rules/
        candidates.append(executable.appendingPathComponent("../../../rules").standardized.path)
        candidates.append(executable.appendingPathComponent("../../rules").standardized.path)
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
        }
        return "rules"
    }

    /// Loads the rules with the standard verifiers.
    public static func load(_ explicit: String?, codeWorkers: WorkerPool = WorkerPool(), judge: JudgeEnvironment = JudgeEnvironment())
        throws(RuleError) -> RuleSet
    {
        try RuleSet.load(directory: locate(explicit), registry: StandardVerifiers.registry(codeWorkers: codeWorkers, judge: judge))
    }
}
