import AssayCore
import AssayServer
import Foundation
import Testing

/// `assay serve` as a process: the bind rules at start-up, the token file, and what reaches its logs.
@Suite("assay serve access options", .serialized)
struct AccessProcessTests {
    /// One `assay serve` run with its stdout and stderr in files.
    final class Run: @unchecked Sendable {
        let process = Process()
        let directory: String

        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            let binary = try #require(ServeProcessTests.binary, "the assay binary was not built next to the tests")
            directory = NSTemporaryDirectory() + "assay-access-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: directory + "/out", contents: nil)
            _ = FileManager.default.createFile(atPath: directory + "/err", contents: nil)
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["serve", "--port", "0", "--no-cache", "--code-workers", "1"] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/out"))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/err"))
            try process.run()
        }

        var stdout: String { (try? String(contentsOfFile: directory + "/out", encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOfFile: directory + "/err", encoding: .utf8)) ?? "" }

        /// The port from "listening on http://HOST:PORT", or `nil` if the process exited first.
        func port() async throws -> UInt16? {
            let start = ContinuousClock.now
            while start.duration(to: .now) < .seconds(120) {
                if let line = stdout.split(separator: "\n").first(where: { $0.contains("listening on http://") }),
                    let port = line.split(separator: ":").last.flatMap({ UInt16($0) })
                {
                    return port
                }
                if !process.isRunning { return nil }
                try await Task.sleep(for: .milliseconds(20))
            }
            return nil
        }

        /// SIGTERM (if still running), then the exit status.
        func stop() -> Int32 {
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            process.waitUntilExit()
            return process.terminationStatus
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    static var rules: String { TestServer.repositoryRoot.appendingPathComponent("rules").path }

    func tokenFile(_ content: String, mode: Int = 0o600) throws -> String {
        let path = NSTemporaryDirectory() + "assay-token-\(UUID().uuidString)"
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func theDefaultBindIsLoopbackOnly() async throws {
        let run = try Run(["--rules", Self.rules])
        let port = try #require(try await run.port(), "\(run.stderr)")
        #expect(run.stdout.contains("listening on http://127.0.0.1:\(port)"))
        #expect(try await LoopbackHTTPClient(port: port).request("GET", "/healthz").status == 200)
        // Bound to 127.0.0.1 itself, not to every address: another loopback address is refused.
        await #expect(throws: LoopbackHTTPClient.ClientError.self) {
            _ = try await LoopbackHTTPClient(host: "127.0.0.2", port: port).request("GET", "/healthz")
        }
        #expect(run.stop() == 0)
        run.remove()
    }

    @Test(arguments: ["0.0.0.0", "::"])
    func aNonLoopbackBindWithoutATokenRefusesToStart(host: String) async throws {
        let run = try Run(["--rules", Self.rules, "--host", host])
        #expect(try await run.port() == nil, "it must not listen")
        #expect(run.stop() != 0)
        #expect(run.stderr.contains("--token-file") && run.stderr.contains("--insecure"), "\(run.stderr)")
        run.remove()
    }

    @Test func insecureAllowsANonLoopbackBindWithAWarning() async throws {
        let run = try Run(["--rules", Self.rules, "--host", "0.0.0.0", "--insecure"])
        let port = try #require(try await run.port(), "\(run.stderr)")
        #expect(run.stderr.contains("WARNING: --insecure"), "\(run.stderr)")
        #expect(try await LoopbackHTTPClient(port: port).post("/v1/score", json: String(decoding: AccessControlTests.body, as: UTF8.self)).status == 200)
        #expect(run.stop() == 0)
        run.remove()
    }

    @Test func aTokenFileAllowsANonLoopbackBindAndIsChecked() async throws {
        let good = try tokenFile("  tok-\(UUID().uuidString)\n")
        let token = try String(contentsOfFile: good, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let run = try Run(["--rules", Self.rules, "--host", "0.0.0.0", "--token-file", good])
        let port = try #require(try await run.port(), "\(run.stderr)")
        #expect(!run.stderr.contains("warning") && !run.stderr.contains("WARNING"), "\(run.stderr)")
        let client = LoopbackHTTPClient(port: port)
        #expect(try await client.request("POST", "/v1/score", body: AccessControlTests.body).status == 401)
        let authorized = try await client.request(
            "POST", "/v1/score", body: AccessControlTests.body, extraHeaders: [("Authorization", "Bearer \(token)")])
        #expect(authorized.status == 200)
        #expect(run.stop() == 0)
        run.remove()

        let empty = try tokenFile(" \n")
        let refused = try Run(["--rules", Self.rules, "--token-file", empty])
        #expect(try await refused.port() == nil)
        #expect(refused.stop() != 0)
        #expect(refused.stderr.contains("--token-file \(empty): the file is empty"), "\(refused.stderr)")
        refused.remove()

        let open = try tokenFile("tok-\(UUID().uuidString)", mode: 0o644)
        let warned = try Run(["--rules", Self.rules, "--token-file", open])
        #expect(try await warned.port() != nil)
        #expect(warned.stderr.contains("readable by group or others (mode 644)"), "\(warned.stderr)")
        #expect(warned.stop() == 0)
        warned.remove()
        for path in [good, empty, open] { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Scores items whose answers, completions and prompts are unique markers, sends a bad token and a broken body
    /// holding markers, and checks that no marker (nor the token or the judge key) reaches stdout or stderr.
    @Test func logsCarryNoAnswersCompletionsOrSecrets() async throws {
        let marker = "MARK\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        let token = "tok-\(marker)-token"
        let path = try tokenFile(token)
        let run = try Run(
            ["--rules", Self.rules, "--token-file", path, "--access-log", "--judge-api-key-env", "ASSAY_TEST_JUDGE_KEY"],
            environment: ["ASSAY_TEST_JUDGE_KEY": "sk-\(marker)-judgekey"])
        let port = try #require(try await run.port(), "\(run.stderr)")
        let client = LoopbackHTTPClient(port: port)
        let authorized = [("Authorization", "Bearer \(token)")]
        let items = """
            {"rule":"math","items":[
             {"id":"a","prompt":"\(marker)-prompt","completion":"so \\\\boxed{\(marker)-completion}","reference":{"answer":"\(marker)-reference"}},
             {"id":"b","completion":"\\\\boxed{7}","reference":{"answer":"7"}}]}
            """
        let scored = try await client.request(
            "POST", "/v1/score", body: Array(items.utf8), extraHeaders: authorized + [("X-Request-Id", "audit-1")])
        #expect(scored.status == 200, "\(scored.text)")
        let openrlhf = #"{"query":["\#(marker)-query"],"prompts":["\#(marker)-p"],"labels":["\#(marker)-label"]}"#
        #expect(try await client.request("POST", "/get_reward", body: Array(openrlhf.utf8), extraHeaders: authorized).status == 200)
        let filter = #"{"rule":"math","keep":"accuracy","items":[{"id":"f","completion":"\\boxed{\#(marker)-filtered}","reference":{"answer":"\#(marker)-gold"}}]}"#
        #expect(try await client.request("POST", "/v1/filter", body: Array(filter.utf8), extraHeaders: authorized).status == 200)
        let broken = #"{"rule":"math","items":[{"completion":"\#(marker)-broken"#
        #expect(try await client.request("POST", "/v1/score", body: Array(broken.utf8), extraHeaders: authorized).status == 400)
        let unknown = #"{"rule":"none-\#(marker)","items":[]}"#
        #expect(try await client.request("POST", "/v1/score", body: Array(unknown.utf8), extraHeaders: authorized).status == 404)
        let wrong = try await client.request(
            "POST", "/v1/score", body: Array(items.utf8), extraHeaders: [("Authorization", "Bearer \(marker)-wrong")])
        #expect(wrong.status == 401)
        #expect(run.stop() == 0)

        let output = run.stdout + run.stderr
        #expect(output.contains("POST /v1/score 200 id=audit-1 "), "the access log was on and captured: \(output)")
        #expect(output.contains("POST /v1/score 401 id="))
        let leaked = output.components(separatedBy: "\n").filter { $0.contains(marker) && !$0.contains("none-\(marker)") }
        #expect(leaked.isEmpty, "\(leaked)")
        #expect(!output.contains(token) && !output.contains("judgekey"))
        run.remove()
        try? FileManager.default.removeItem(atPath: path)
    }
}
