import AssayCore

/// A request as the route layer sees it: the body is fully read (and capped) by the front end.
public struct HTTPRequest: Sendable {
    public var method: String
    /// Path without the query string.
    public var path: String
    public var query: String?
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: [UInt8]
    /// The client's `host:port`, when known.
    public var peer: String?
    /// The request's id (the client's sanitised `X-Request-Id`, or generated), echoed in the response.
    public var requestID: String?

    public init(
        method: String, path: String, query: String? = nil, headers: [String: String] = [:], body: [UInt8] = [],
        peer: String? = nil, requestID: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.peer = peer
        self.requestID = requestID
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    public var headers: [(String, String)]

    public init(status: Int, contentType: String = "application/json", body: [UInt8], headers: [(String, String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    public static func json(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, body: Array(text.utf8))
    }

    /// The API's error shape: `{"error": {"status", "code", "field", "message"}}`.
    public static func error(_ status: Int, code: String, field: String?, message: String) -> HTTPResponse {
        var out = "{\"error\":{\"status\":\(status),\"code\":"
        JSONText.appendQuoted(code, to: &out)
        if let field {
            out += ",\"field\":"
            JSONText.appendQuoted(field, to: &out)
        }
        out += ",\"message\":"
        JSONText.appendQuoted(message, to: &out)
        out += "}}"
        return json(status, out)
    }
}

/// Answers requests. `respondInline` is tried first on the front end's own thread for trivial, non-blocking
/// routes (health, rule list); everything else goes to `respond`, off the front end's threads.
public protocol HTTPHandler: Sendable {
    func respondInline(to request: HTTPRequest) -> HTTPResponse?
    func respond(to request: HTTPRequest) async -> HTTPResponse
    /// Called when the front end itself answers (413, 400…), so metrics see every request.
    func observe(frontEndResponse: HTTPResponse, for request: HTTPRequest)
}
