import AssayCore
import AssayServer
import Foundation
import Synchronization
import Testing

/// Bearer token, request ids and the per-client limit, over a real server on loopback.
@Suite("Access control over loopback", .serialized)
struct AccessControlTests {
    static let body = Array(scoreBody(rule: "format", items: [ScoreItem(id: 1, completion: wellFormed)]).utf8)

    func expectUnauthorized(_ response: LoopbackHTTPClient.Response, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == 401, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.headers["www-authenticate"] == "Bearer", sourceLocation: sourceLocation)
        let error = try response.json()["error"]
        #expect(error?["code"] == "unauthorized", sourceLocation: sourceLocation)
        #expect(error?["field"] == "Authorization", sourceLocation: sourceLocation)
        #expect(error?["status"] == 401, sourceLocation: sourceLocation)
    }

    @Test func loopbackIsTheDefaultBindAndIsRecognised() {
        #expect(ServerConfiguration().host == "127.0.0.1")
        for host in ["127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "[::1]", "::ffff:127.0.0.1", "localhost"] {
            #expect(AccessPolicy.isLoopback(host: host), "\(host)")
        }
        for host in ["0.0.0.0", "::", "10.0.0.5", "128.0.0.1", "::2", "::ffff:10.0.0.1", "fe80::1", "example.com", ""] {
            #expect(!AccessPolicy.isLoopback(host: host), "\(host)")
        }
    }

    @Test func everyRouteButHealthzNeedsTheBearerToken() async throws {
        let token = "tok-" + UUID().uuidString
        let server = try TestServer(access: AccessPolicy(token: BearerToken(token)))
        let client = server.client()
        try expectUnauthorized(try await client.request("POST", "/v1/score", body: Self.body))
        let wrong = ["Bearer wrong", "Bearer " + token.dropLast(), "Bearer " + token + "x", "Basic " + token, token, "Bearer", "Bearer  "]
        for value in wrong {
            try expectUnauthorized(try await client.request("POST", "/v1/score", body: Self.body, extraHeaders: [("Authorization", value)]))
        }
        for (method, path) in [("GET", "/v1/rules"), ("GET", "/metrics"), ("POST", "/get_reward"), ("POST", "/v1/filter"), ("GET", "/nowhere"), ("POST", "/healthz")] {
            try expectUnauthorized(try await client.request(method, path, body: method == "POST" ? Self.body : []))
        }
        #expect(try await client.request("GET", "/healthz").status == 200, "the health probe stays open")

        for scheme in ["Bearer", "bearer"] {
            let scored = try await client.request("POST", "/v1/score", body: Self.body, extraHeaders: [("Authorization", "\(scheme) \(token)")])
            #expect(scored.status == 200, "\(scored.text)")
            #expect(try scored.json().results.first?["reward"] == 1)
        }
        let authorized = [("Authorization", "Bearer \(token)")]
        #expect(try await client.request("GET", "/v1/rules", extraHeaders: authorized).status == 200)
        let metrics = try await client.request("GET", "/metrics", extraHeaders: authorized).text
        #expect(metrics.contains(#"assay_access_refusals_total{reason="unauthorized"} 14"#), "\(metrics)")
        #expect(metrics.contains(#"assay_http_requests_total{route="/v1/score",code="401"} 8"#))
        await server.stop()
    }

    @Test func anUnauthorizedBodyIsNeverRead() async throws {
        // If the server waited for the body it declared, the 5 s idle timeout would close the connection unanswered:
        // the 401 itself shows it was not waited for.
        let server = try TestServer(connectionTimeoutSeconds: 5, access: AccessPolicy(token: BearerToken("secret-token")))
        let client = server.client()
        let head = "POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n"
        try await client.send(Array(head.utf8))  // and none of the body
        let response = try await client.receive()
        try expectUnauthorized(response)
        #expect(server.server.bodyBytesInFlight == 0, "nothing of the declared 50 MB was reserved")
        client.close()
        #expect(try await server.client().request("GET", "/healthz").status == 200)
        await server.stop()
    }

    @Test func requestIDsAreEchoedSanitisedAndLogged() async throws {
        let lines = Mutex<[String]>([])
        let server = try TestServer(
            access: AccessPolicy(token: BearerToken("secret-token")), accessLog: { line in lines.withLock { $0.append(line) } })
        let client = server.client()
        let authorized = [("Authorization", "Bearer secret-token")]

        let traced = try await client.request(
            "POST", "/v1/score", body: Self.body, extraHeaders: authorized + [("X-Request-Id", "trace-42.abc")])
        #expect(traced.status == 200)
        #expect(traced.headers["x-request-id"] == "trace-42.abc")
        #expect(lines.withLock { $0 }.contains { $0.hasPrefix("POST /v1/score 200 id=trace-42.abc ") }, "\(lines.withLock { $0 })")

        var generated: Set<String> = []
        for _ in 0..<3 {
            let response = try await client.request("POST", "/v1/score", body: Self.body, extraHeaders: authorized)
            let id = try #require(response.headers["x-request-id"])
            #expect(id.count == 16 && id.allSatisfy(\.isHexDigit), "\(id)")
            generated.insert(id)
        }
        #expect(generated.count == 3, "each request gets its own id")

        let messy = "a b\tcü" + String(repeating: "x", count: 300)
        let cleaned = try await client.request("GET", "/healthz", extraHeaders: [("X-Request-Id", messy)])
        #expect(cleaned.headers["x-request-id"] == "abc" + String(repeating: "x", count: 125))

        let refused = try await client.request("POST", "/v1/score", body: Self.body, extraHeaders: [("X-Request-Id", "refused-1")])
        #expect(refused.status == 401)
        #expect(refused.headers["x-request-id"] == "refused-1")
        #expect(lines.withLock { $0 }.contains { $0.hasPrefix("POST /v1/score 401 id=refused-1 client=127.0.0.1:") })
        await server.stop()
    }

    @Test func aDecodedPathCannotForgeALogLine() async throws {
        let lines = Mutex<[String]>([])
        let server = try TestServer(accessLog: { line in lines.withLock { $0.append(line) } })
        let client = server.client()
        // libmicrohttpd percent-decodes the path: %0A is a newline, %C3%BC a ü, %5C a backslash.
        let response = try await client.request("GET", "/nope%0AGET%20/healthz%20200%20id=forged%C3%BC%5C")
        #expect(response.status == 404)
        let logged = lines.withLock { $0 }
        #expect(logged.contains { $0.hasPrefix(#"GET /nope\x0AGET\x20/healthz\x20200\x20id=forged\xC3\xBC\x5C 404 id="#) }, "\(logged)")
        #expect(logged.allSatisfy { !$0.contains("\n") })
        let long = try await client.request("GET", "/" + String(repeating: "a", count: 2_000))
        #expect(long.status == 404 || long.status == 414)
        #expect(lines.withLock { $0 }.allSatisfy { $0.utf8.count < 600 }, "a long path is cut in the log")
        #expect(LogField.sanitized("ok/path") == "ok/path")
        #expect(LogField.sanitized(String(repeating: "b", count: 300)) == String(repeating: "b", count: 256) + "…")
        await server.stop()
    }

    @Test func oneClientAtItsLimitGets429WhileAnotherIsServed() async throws {
        var holding: HoldingHandler?
        let server = try TestServer(
            access: AccessPolicy(maxClientConcurrency: 2),
            wrapHandler: { inner in
                let wrapped = HoldingHandler(inner)
                holding = wrapped
                return wrapped
            })
        let gate = try #require(holding)
        // Client A (127.0.0.2) fills its two slots with requests the handler holds.
        let held = (0..<2).map { _ in server.client(from: "127.0.0.2") }
        let tasks = held.map { client in
            Task { try await client.request("POST", "/v1/score", body: Self.body, extraHeaders: [("X-Test-Hold", "1")]) }
        }
        let start = ContinuousClock.now
        while server.server.requestsInFlight < 2 && start.duration(to: .now) < .seconds(20) {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(server.server.requestsInFlight == 2)

        let a = server.client(from: "127.0.0.2")
        for _ in 0..<3 {
            let refused = try await a.request("POST", "/v1/score", body: Self.body)
            #expect(refused.status == 429, "\(refused.text)")
            #expect(refused.headers["retry-after"] == "1")
            #expect(try refused.json()["error"]?["code"] == "too_many_requests")
            #expect(try refused.json()["error"]?["field"] == "(client)")
        }
        #expect(try await a.request("GET", "/v1/rules").status == 200, "cheap routes are not limited")
        let b = server.client(from: "127.0.0.3")
        for _ in 0..<3 {
            let served = try await b.request("POST", "/v1/score", body: Self.body)
            #expect(served.status == 200, "\(served.text)")
        }

        gate.open()
        for task in tasks { #expect(try await task.value.status == 200) }
        #expect(try await a.request("POST", "/v1/score", body: Self.body).status == 200, "A's slots were given back")
        let metrics = try await b.request("GET", "/metrics").text
        #expect(metrics.contains(#"assay_access_refusals_total{reason="client_concurrency"} 3"#), "\(metrics)")
        #expect(metrics.contains(#"assay_http_requests_total{route="/v1/score",code="429"} 3"#))
        await server.stop()
    }
}

/// Holds requests that carry `X-Test-Hold` until ``open()``, then answers like the real handler.
final class HoldingHandler: HTTPHandler {
    let inner: AssayHTTPHandler
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    init(_ inner: AssayHTTPHandler) { self.inner = inner }

    func respondInline(to request: HTTPRequest) -> HTTPResponse? { inner.respondInline(to: request) }

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        if request.headers["x-test-hold"] != nil {
            await withCheckedContinuation { continuation in
                let now = state.withLock { s in
                    if !s.isOpen { s.waiters.append(continuation) }
                    return s.isOpen
                }
                if now { continuation.resume() }
            }
        }
        return await inner.respond(to: request)
    }

    func observe(frontEndResponse: HTTPResponse, for request: HTTPRequest) {
        inner.observe(frontEndResponse: frontEndResponse, for: request)
    }

    func open() {
        let waiters = state.withLock { s in
            s.isOpen = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
