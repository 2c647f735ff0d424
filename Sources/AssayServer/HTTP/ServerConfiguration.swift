/// The front end's bounds and socket settings. Defaults follow the measured probe in shared/notes.
public struct ServerConfiguration: Sendable, Equatable {
    public var host: String = "127.0.0.1"
    /// 0 picks a free port (see ``MicroHTTPServer/port``).
    public var port: UInt16 = 8420
    /// libmicrohttpd worker threads (epoll); the engine runs elsewhere.
    public var threads: Int = 2
    /// Bodies above this are answered 413 before or while they are read.
    public var maxBodyBytes: Int = 64 << 20
    /// Body bytes held by all requests together (read or being scored); past it new bodies get 503 + Retry-After,
    /// so many large concurrent uploads cannot exhaust memory.
    public var maxInFlightBodyBytes: Int = 1 << 30
    public var connectionLimit: Int = 1000
    /// Idle keep-alive connections are closed after this many seconds.
    public var connectionTimeoutSeconds: Int = 30
    public var listenBacklog: Int = 1024
    /// Bearer token and per-client concurrency limit (none by default).
    public var access = AccessPolicy()

    public init() {}
}
