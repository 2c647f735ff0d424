import ArgumentParser
import AssayCore
import AssayJudge
import AssayServer
@preconcurrency import Dispatch
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the reward server (POST /v1/score, POST /get_reward for OpenRLHF, GET /v1/rules, /healthz, /metrics).")

    @Option(help: "Address to bind (numeric IPv4 or IPv6). Anything but loopback needs --token-file or --insecure.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 8420

    @Option(help: "HTTP worker threads.")
    var threads: Int = 2

    @Option(help: "Largest request body, in bytes (413 above).")
    var maxBodyBytes: Int = 64 << 20

    @Option(help: "Request body bytes held by all requests together (503 above).")
    var maxInflightBytes: Int = 1 << 30

    @Option(help: "Most items per batch (413 above).")
    var maxItems: Int = 100_000

    @Option(help: "Rule that scores POST /get_reward (OpenRLHF's --remote_rm_url); labels become the reference answer. (default: r1-math)")
    var openrlhfRule: String?

    @Option(help: "Task given to /get_reward items (routes rules such as r1); none by default.")
    var openrlhfTask: String?

    @Option(help: "Extra special token to strip from OpenRLHF queries (repeatable; ChatML, Llama 3, DeepSeek, Gemma… are built in).")
    var openrlhfStripToken: [String] = []

    @Flag(help: "Print one line per request but successful /healthz and /metrics polls (status, request id, size, time, rule, item statuses).")
    var accessLog = false

    @Option(help: "File holding a bearer token: every route but GET /healthz then needs 'Authorization: Bearer <token>' (401 otherwise).")
    var tokenFile: String?

    @Flag(help: "Allow a non-loopback --host without --token-file (anyone who reaches the port can use the server).")
    var insecure = false

    @Option(help: "Scoring requests one client address may have in flight; more get 429 at once. 0: no limit. (default: 2 × cores)")
    var maxClientConcurrency: Int?

    @OptionGroup var engine: EngineOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard maxBodyBytes > 0, maxItems > 0, maxInflightBytes >= maxBodyBytes else { throw ValidationError("limits must be positive, and --max-inflight-bytes at least --max-body-bytes") }
        guard (maxClientConcurrency ?? 0) >= 0 else { throw ValidationError("--max-client-concurrency must be 0 (no limit) or more") }
        if tokenFile == nil && !insecure && !AccessPolicy.isLoopback(host: host) {
            throw ValidationError(
                "refusing to listen on \(host) without authentication: pass --token-file PATH (a file holding a bearer token clients send as 'Authorization: Bearer <token>'), or --insecure if every machine that can reach this address may use the server")
        }
    }

    /// The access policy of the options: the token file read and checked, the per-client limit resolved.
    func accessPolicy() throws -> AccessPolicy {
        var policy = AccessPolicy(maxClientConcurrency: maxClientConcurrency ?? 2 * ProcessInfo.processInfo.activeProcessorCount)
        if let tokenFile {
            do {
                let loaded = try BearerToken.load(file: tokenFile)
                if let warning = loaded.warning { printError(warning) }
                policy.token = loaded.token
            } catch {
                throw ValidationError(error.description)
            }
        } else if insecure && !AccessPolicy.isLoopback(host: host) {
            printError(
                "WARNING: --insecure: listening on \(host) with no authentication; anyone who can reach this port can score, read the rules and the metrics")
        }
        return policy
    }

    func run() async throws {
        let access = try accessPolicy()
        let rewardEngine = try engine.makeEngine()
        var configuration = ServerConfiguration()
        configuration.access = access
        configuration.host = host
        configuration.port = UInt16(port)
        configuration.threads = threads
        configuration.maxBodyBytes = maxBodyBytes
        configuration.maxInFlightBodyBytes = maxInflightBytes
        var log: (@Sendable (String) -> Void)?
        if accessLog {
            log = { @Sendable line in
                FileHandle.standardOutput.write(Data((Self.timestamp() + " " + line + "\n").utf8))
            }
        }
        let metrics = ServerMetrics()
        metrics.attach(JudgeAccounting.shared.registry)
        // An explicit rule must exist; the default may be absent from a custom rules directory (then /get_reward
        // answers 404 naming the option).
        if let openrlhfRule {
            guard let rule = rewardEngine.rules[openrlhfRule], rewardEngine.rules.resolve(rule, task: openrlhfTask) != nil else {
                throw ValidationError(
                    "--openrlhf-rule \(openrlhfRule)\(openrlhfTask.map { " with --openrlhf-task \($0)" } ?? ""): no such rule with components (rules: \(rewardEngine.rules.names.joined(separator: ", ")))")
            }
        }
        let openRLHF = OpenRLHFEndpoint(
            rule: openrlhfRule ?? "r1-math", task: openrlhfTask, extractor: OpenRLHFCompletionExtractor(extraSpecialTokens: openrlhfStripToken))
        let handler = AssayHTTPHandler(
            engine: rewardEngine, metrics: metrics, limits: .init(maxItems: maxItems), openRLHF: openRLHF, accessLog: log)
        let server = MicroHTTPServer(configuration: configuration, handler: handler, metrics: metrics)
        do {
            try server.start()
        } catch {
            throw ValidationError("\(error)")
        }
        let rules = rewardEngine.rules.names.joined(separator: ", ")
        let cacheText = rewardEngine.cache?.path ?? "off"
        print("assay \(AssayVersion.string) listening on http://\(host.contains(":") ? "[\(host)]" : host):\(server.port)")
        print("rules: \(rules)  cache: \(cacheText)  concurrency: \(rewardEngine.limits.concurrency)")
        let limitText = access.maxClientConcurrency > 0 ? "\(access.maxClientConcurrency) per client" : "no per-client limit"
        print("auth: \(access.token == nil ? "none" : "bearer token (--token-file)")  \(limitText)")
        fflush(nil)

        await ShutdownSignal.wait()
        print("shutting down: draining \(server.requestsInFlight) in-flight request(s)")
        fflush(nil)
        await server.shutdown()
        rewardEngine.cache?.close()
    }
}

extension ServeCommand {
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

/// Waits for SIGINT or SIGTERM.
enum ShutdownSignal {
    static func wait() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let stream = AsyncStream<Int32> { continuation in
            let queue = DispatchQueue(label: "assay.signals")
            // The sources are only cancelled once, from onTermination.
            nonisolated(unsafe) let sources = [SIGINT, SIGTERM].map { number in
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                return source
            }
            continuation.onTermination = { _ in sources.forEach { $0.cancel() } }
        }
        for await _ in stream { return }
    }
}
