import AssayCore
import AssayServer
import Foundation
import Synchronization

/// A stand-in for an OpenAI-compatible judge. No model can run on this machine, so this is a real HTTP server
/// (libmicrohttpd on a loopback port, keep-alive and all) whose replies come from a script instead of a model.
final class ScriptedJudgeServer: Sendable {
    struct Call: Sendable {
        var number: Int
        var model: String
        var system: String
        var user: String
        var maxTokens: Int?
        var authorization: String?
        var peer: String?
    }

    indirect enum Reply: Sendable {
        /// A 200 chat completion whose message content is the text.
        case content(String, promptTokens: Int = 60, completionTokens: Int = 2)
        /// Any status with a raw body (and headers).
        case status(Int, body: String, headers: [(String, String)] = [])
        /// Waits, then replies.
        case after(Duration, Reply)
    }

    typealias Script = @Sendable (Call) async -> Reply

    private let server: MicroHTTPServer
    private let handler: Handler

    init(threads: Int = 4, script: @escaping Script) throws {
        handler = Handler(script: script)
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.threads = threads
        server = MicroHTTPServer(configuration: configuration, handler: handler)
        try server.start()
    }

    var baseURL: String { "http://127.0.0.1:\(server.port)/v1" }
    var calls: [Call] { handler.state.withLock { $0.calls } }
    var callCount: Int { handler.state.withLock { $0.calls.count } }
    var maxConcurrent: Int { handler.state.withLock { $0.peak } }

    func stop() async { await server.shutdown(timeout: .seconds(2)) }

    /// A judge that compares the reference and the candidate's answer as the default template shows them
    /// (case and surrounding space ignored), the way a competent grader would for short answers.
    static let grader: Script = { call in
        guard let reference = section(call.user, after: "Reference answer:"),
            let answer = section(call.user, after: "Candidate's final answer:")
        else { return .content("I cannot find the answers.") }
        return .content(normalized(reference) == normalized(answer) ? "CORRECT" : "INCORRECT")
    }

    static func section(_ text: String, after heading: String) -> String? {
        guard let start = text.range(of: heading + "\n") else { return nil }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    static func normalized(_ s: String) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().replacingOccurrences(of: ".", with: "")
    }

    final class Handler: HTTPHandler {
        struct State {
            var calls: [Call] = []
            var inFlight = 0
            var peak = 0
        }

        let state = Mutex(State())
        let script: Script

        init(script: @escaping Script) { self.script = script }

        func respondInline(to request: HTTPRequest) -> HTTPResponse? { nil }
        func observe(frontEndResponse: HTTPResponse, for request: HTTPRequest) {}

        func respond(to request: HTTPRequest) async -> HTTPResponse {
            guard request.method == "POST", request.path == "/v1/chat/completions",
                let body = try? JSONDecoder().decode(JSONValue.self, from: Data(request.body)),
                case .object(let object) = body, case .array(let messages) = object["messages"] ?? .null
            else {
                return .json(404, #"{"error":{"message":"not a chat completion request"}}"#)
            }
            var system = "", user = ""
            for case .object(let message) in messages {
                if message["role"]?.stringValue == "system" { system = message["content"]?.stringValue ?? "" }
                if message["role"]?.stringValue == "user" { user = message["content"]?.stringValue ?? "" }
            }
            let call = state.withLock { s -> Call in
                s.inFlight += 1
                s.peak = max(s.peak, s.inFlight)
                let call = Call(
                    number: s.calls.count + 1, model: object["model"]?.stringValue ?? "", system: system, user: user,
                    maxTokens: object["max_tokens"]?.intValue, authorization: request.headers["authorization"], peer: request.peer)
                s.calls.append(call)
                return call
            }
            defer { state.withLock { $0.inFlight -= 1 } }
            return await render(await script(call))
        }

        private func render(_ reply: Reply) async -> HTTPResponse {
            switch reply {
            case .after(let delay, let next):
                try? await Task.sleep(for: delay)
                return await render(next)
            case .status(let code, let body, let headers):
                return HTTPResponse(status: code, body: Array(body.utf8), headers: headers)
            case .content(let text, let prompt, let completion):
                var out = #"{"id":"chatcmpl-test","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"#
                JSONText.appendQuoted(text, to: &out)
                out += #"},"finish_reason":"stop"}],"usage":{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion),"total_tokens":\#(prompt + completion)}}"#
                return .json(200, out)
            }
        }
    }
}

/// A port that accepts connections into its backlog and never answers: a judge that hangs.
final class SilentServer: Sendable {
    let port: UInt16
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
    }

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    func close() { _ = Glibc.close(fd) }
}
