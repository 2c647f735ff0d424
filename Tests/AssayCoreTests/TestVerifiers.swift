import AssayCore
import Foundation

// Test doubles for the engine: they let a test choose each item's outcome through its reference.
// The real verifiers (format, language, …) are tested in their own modules and through the server.

/// Scores `reference.score` with verdict `reference.verdict` and status `reference.status`; throws when
/// `reference.throw` is true.
struct ScriptedVerifier: Verifier {
    let name = "scripted"
    let version = "1"
    var cost: VerifierCost
    let canonicalParams: JSONValue

    init(params: inout VerifierParams) throws {
        cost = try params.bool("expensive", default: false) ? .expensive : .cheap
        canonicalParams = .object(params.values)
    }

    struct Boom: Error {}

    func verify(_ input: VerificationInput) async throws -> VerifierResult {
        let reference = input.reference?.objectValue ?? [:]
        if reference["throw"]?.boolValue == true { throw Boom() }
        if let sleep = reference["sleep_ms"]?.intValue {
            try await Task.sleep(for: .milliseconds(sleep))
        }
        let score = reference["score"]?.doubleValue ?? 0
        let verdict = reference["verdict"]?.stringValue ?? (score > 0 ? "correct" : "wrong")
        let status = reference["status"]?.stringValue.flatMap(ItemStatus.init(rawValue:)) ?? .ok
        return VerifierResult(score: score, verdict: Verdict(rawValue: verdict), status: status)
    }
}

/// Counts its calls, so cache tests can tell a hit from a re-run.
final class CallCounter: Sendable {
    let count = Counter()
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.lock(); value += 1; lock.unlock() }
        var current: Int { lock.lock(); defer { lock.unlock() }; return value }
    }
}

struct CountingVerifier: Verifier {
    let name = "counting"
    let version = "1"
    let cost = VerifierCost.expensive
    let canonicalParams: JSONValue = [:]
    let counter: CallCounter

    func verify(_ input: VerificationInput) async throws -> VerifierResult {
        counter.count.increment()
        return VerifierResult(score: Double(input.completion.count), verdict: .correct)
    }
}

func testRegistry(counter: CallCounter = CallCounter()) -> VerifierRegistry {
    var registry = VerifierRegistry()
    registry.register("scripted", summary: "test double") { try ScriptedVerifier(params: &$0) }
    registry.register("counting", summary: "test double") { _ in CountingVerifier(counter: counter) }
    return registry
}

func loadRule(_ yaml: String, file: String = "test.yaml", registry: VerifierRegistry = testRegistry()) throws(RuleError) -> Rule {
    try RuleLoader(registry: registry).load(yaml: yaml, file: file)
}

func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "assay-tests-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
