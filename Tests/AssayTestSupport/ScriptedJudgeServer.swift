import AssayCore
import AssayServer
import Foundation
import Synchronization

/// A stand-in for an OpenAI-compatible chat endpoint (a judge, or a policy model being sampled). No model can run
/// on this machine, so this is a real HTTP server (libmicrohttpd on a loopback port, keep-alive and all) whose
/// replies come from a script instead of a model.
public final class ScriptedJudgeServer: Sendable {
    public struct Call: Sendable {
        public var number: Int
        public var model: String
        public var system: String
        public var user: String
        public var maxTokens: Int?
        public var temperature: Double?
        public var authorization: String?
        public var peer: String?
    }

    public indirect enum Reply: Sendable {
        /// A 200 chat completion whose message content is the text.
        case content(String, promptTokens: Int = 60, completionTokens: Int = 2, finishReason: String = "stop")
        /// Any status with a raw body (and headers).
        case status(Int, body: String, headers: [(String, String)] = [])
        /// Waits, then replies.
        case after(Duration, Reply)
    }

    public typealias Script = @Sendable (Call) async -> Reply

    private let server: MicroHTTPServer
    private let handler: Handler

    public init(threads: Int = 4, script: @escaping Script) throws {
        handler = Handler(script: script)
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.threads = threads
        server = MicroHTTPServer(configuration: configuration, handler: handler)
        try server.start()
    }

    public var baseURL: String { "http://127.0.0.1:\(server.port)/v1" }
    public var calls: [Call] { handler.state.withLock { $0.calls } }
    public var callCount: Int { handler.state.withLock { $0.calls.count } }
    /// The most requests the script was answering at once.
    public var maxConcurrent: Int { handler.state.withLock { $0.peak } }

    public func stop() async { await server.shutdown(timeout: .seconds(2)) }

    /// A judge that compares the reference and the candidate's answer as the default template shows them
    /// (case and surrounding space ignored), the way a competent grader would for short answers.
    public static let grader: Script = { call in
        guard let reference = section(call.user, after: "Reference answer:"),
            let answer = section(call.user, after: "Candidate's final answer:")
        else { return .content("I cannot find the answers.") }
        return .content(normalized(reference) == normalized(answer) ? "CORRECT" : "INCORRECT")
    }

    public static func section(_ text: String, after heading: String) -> String? {
        guard let start = text.range(of: heading + "\n") else { return nil }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    public static func normalized(_ s: String) -> String {
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
                    maxTokens: object["max_tokens"]?.intValue, temperature: object["temperature"]?.doubleValue,
                    authorization: request.headers["authorization"], peer: request.peer)
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
            case .content(let text, let prompt, let completion, let finishReason):
                var out = #"{"id":"chatcmpl-test","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"#
                JSONText.appendQuoted(text, to: &out)
                out += #"},"finish_reason":"#
                JSONText.appendQuoted(finishReason, to: &out)
                out += #"}],"usage":{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion),"total_tokens":\#(prompt + completion)}}"#
                return .json(200, out)
            }
        }
    }
}
