#if canImport(Glibc)
import Glibc
#endif

/// Who may use the server: an optional bearer token and a per-client limit on scoring requests in flight.
///
/// The front end applies both before the route layer sees a request: the token when the headers arrive (a refused
/// request's body is never read), the limit when a request is handed to the engine.
public struct AccessPolicy: Sendable, Equatable {
    /// When set, every route except `GET`/`HEAD /healthz` needs `Authorization: Bearer <token>` (401 otherwise).
    public var token: BearerToken?
    /// Scoring requests one client address may have in flight; more get 429 at once. 0 means no limit.
    public var maxClientConcurrency: Int

    /// No token and no limit by default: `assay serve` reads both from its options.
    public init(token: BearerToken? = nil, maxClientConcurrency: Int = 0) {
        self.token = token
        self.maxClientConcurrency = maxClientConcurrency
    }

    /// Whether a request may proceed without a token (the health probe).
    static func isOpen(method: String, path: String) -> Bool {
        path == "/healthz" && (method == "GET" || method == "HEAD")
    }

    /// 401 for a request without the right bearer token, `nil` when it may proceed.
    func refusal(method: String, path: String, authorization: String?) -> HTTPResponse? {
        guard let token, !Self.isOpen(method: method, path: path), !token.accepts(authorization: authorization) else { return nil }
        var response = HTTPResponse.error(
            401, code: "unauthorized", field: "Authorization",
            message: authorization == nil
                ? "this server requires Authorization: Bearer <token> (assay serve --token-file)"
                : "the bearer token is not the server's (assay serve --token-file)")
        response.headers.append(("WWW-Authenticate", "Bearer"))
        return response
    }

    /// 429 for a client already at ``maxClientConcurrency``.
    func tooManyRequests() -> HTTPResponse {
        var response = HTTPResponse.error(
            429, code: "too_many_requests", field: "(client)",
            message: "this client already has \(maxClientConcurrency) scoring request(s) in flight (server option --max-client-concurrency); retry after one finishes")
        response.headers.append(("Retry-After", "1"))
        return response
    }

    /// Whether `host` (numeric, as given to `--host`) is a loopback address: 127.0.0.0/8, `::1`, `::ffff:127.x.y.z`,
    /// or `localhost`. Anything else, including `0.0.0.0` and `::`, can be reached from other machines.
    public static func isLoopback(host: String) -> Bool {
        if host == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, bare, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }  // ::1
        return bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
    }
}
