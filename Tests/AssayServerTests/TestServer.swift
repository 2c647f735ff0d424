import AssayCode
import AssayCore
import AssayJudge
import AssayMath
import AssayServer
import AssayText
import Foundation

/// A real server (libmicrohttpd on an ephemeral loopback port) over the repository's rules plus test rules.
final class TestServer: Sendable {
    let server: MicroHTTPServer
    let engine: RewardEngine
    let directory: String
    let metrics = ServerMetrics()

    /// One pool for every test server in the process (own uids and directory, apart from the code tests').
    static let codeWorkers = WorkerPool(
        configuration: WorkerConfiguration(baseDirectory: "/tmp/assay-sandbox-server-tests", firstUID: 61_700), size: 2)

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Test-only rules: a catastrophic regex component, and a cached rule.
    static let testRules: [String: String] = [
        "blowup.yaml": """
            description: format plus a pattern that backtracks catastrophically on long runs of letters
            components:
              format:
                verifier: format
              letters:
                verifier: format
                weight: 0
                params: {mode: pattern, pattern: '^(\\w+\\s?)+$', match_limit: 100000}
            """,
        "cached.yaml": """
            description: r1 with the cache forced on
            cache: always
            components:
              format: {verifier: format}
              language: {verifier: language, weight: 0.5, params: {target: en}}
            """,
        "by-task.yaml": """
            routes:
              format: format
              default: cached
            """,
    ]

    init(
        limits: EngineLimits = EngineLimits(), apiLimits: AssayHTTPHandler.APILimits = .init(),
        maxBodyBytes: Int = 64 << 20, maxInFlightBodyBytes: Int = 1 << 30, withCache: Bool = true,
        connectionTimeoutSeconds: Int = 30, access: AccessPolicy = AccessPolicy(), cachePath: String? = nil,
        accessLog: (@Sendable (String) -> Void)? = nil,
        wrapHandler: (AssayHTTPHandler) -> any HTTPHandler = { $0 }
    ) throws {
        directory = NSTemporaryDirectory() + "assay-server-tests-\(UUID().uuidString)"
        let rulesDirectory = directory + "/rules"
        try FileManager.default.createDirectory(atPath: rulesDirectory, withIntermediateDirectories: true)
        let shipped = Self.repositoryRoot.appendingPathComponent("rules").path
        for name in try FileManager.default.contentsOfDirectory(atPath: shipped) where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(atPath: shipped + "/" + name, toPath: rulesDirectory + "/" + name)
        }
        for (name, text) in Self.testRules {
            try text.write(toFile: rulesDirectory + "/" + name, atomically: true, encoding: .utf8)
        }
        var registry = VerifierRegistry()
        TextVerifiers.register(into: &registry)
        MathVerifiers.register(into: &registry)
        CodeVerifiers.register(into: &registry, pool: Self.codeWorkers)
        JudgeVerifiers.register(into: &registry, environment: JudgeEnvironment())  // shipped judge rules load; no endpoint
        let rules = try RuleSet.load(directory: rulesDirectory, registry: registry)
        let cache = withCache ? try ResultCache(path: cachePath ?? directory + "/cache.sqlite") : nil
        engine = RewardEngine(rules: rules, limits: limits, cache: cache)
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.maxBodyBytes = maxBodyBytes
        configuration.maxInFlightBodyBytes = maxInFlightBodyBytes
        configuration.connectionTimeoutSeconds = connectionTimeoutSeconds
        configuration.access = access
        let handler = AssayHTTPHandler(engine: engine, metrics: metrics, limits: apiLimits, accessLog: accessLog)
        server = MicroHTTPServer(configuration: configuration, handler: wrapHandler(handler), metrics: metrics)
        try server.start()
    }

    var port: UInt16 { server.port }

    func client(from sourceAddress: String? = nil) -> LoopbackHTTPClient {
        LoopbackHTTPClient(port: port, sourceAddress: sourceAddress)
    }

    func stop() async {
        await server.shutdown(timeout: .seconds(10))
        engine.cache?.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Builds a score request body.
func scoreBody(rule: String, items: [ScoreItem], advantages: String? = nil) -> String {
    var out = "{\"rule\":"
    JSONText.appendQuoted(rule, to: &out)
    if let advantages { out += ",\"advantages\":\"\(advantages)\"" }
    out += ",\"items\":["
    for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        out += String(decoding: try! JSONEncoder().encode(item), as: UTF8.self)
    }
    return out + "]}"
}

let wellFormed = "<think>\nWe add the two numbers and check the sum carefully.\n</think>\n<answer>\n42\n</answer>"
let noTags = "The answer is 42."

extension JSONValue {
    var results: [JSONValue] { self["results"]?.arrayValue ?? [] }
}
