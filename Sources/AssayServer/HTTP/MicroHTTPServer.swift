import CMicroHTTPD
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The libmicrohttpd front end: epoll worker threads read requests, cap bodies, and hand each
/// request to Swift concurrency with suspend/resume, so the worker threads never block on the engine.
///
/// Lifecycle: ``start()``, then ``shutdown(timeout:)``, which stops accepting, waits for suspended requests
/// to finish (their engine tasks carry deadlines), and only then stops the daemon.
public final class MicroHTTPServer: Sendable {
    public let configuration: ServerConfiguration
    private let context: ServerContext
    private let daemon = Mutex<DaemonHandle?>(nil)
    private let boundPort = Atomic<UInt16>(0)

    /// `metrics`, when given, counts the requests refused by ``ServerConfiguration/access`` (401, 429).
    public init(configuration: ServerConfiguration, handler: any HTTPHandler, metrics: ServerMetrics? = nil) {
        self.configuration = configuration
        self.context = ServerContext(
            handler: handler, maxBodyBytes: configuration.maxBodyBytes,
            maxInFlightBodyBytes: configuration.maxInFlightBodyBytes, access: configuration.access, metrics: metrics)
    }

    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The port actually bound (useful when the configuration asked for 0).
    public var port: UInt16 { boundPort.load(ordering: .acquiring) }

    /// Binds and starts the worker threads.
    public func start() throws {
        let flags =
            MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue | MHD_USE_ERROR_LOG.rawValue
        let contextPointer = Unmanaged.passRetained(context).toOpaque()
        var ipv6 = false
        let started: OpaquePointer? = try SocketAddress.withAddress(host: configuration.host, port: configuration.port) {
            address, isIPv6 in
            ipv6 = isIPv6
            return assay_mhd_start(
                flags | (isIPv6 ? MHD_USE_IPv6.rawValue : 0), configuration.port, address,
                MHDCallbacks.access, contextPointer, MHDCallbacks.completed, contextPointer,
                UInt32(max(1, configuration.threads)), 64 * 1024, UInt32(configuration.connectionTimeoutSeconds),
                UInt32(configuration.connectionLimit), UInt32(configuration.listenBacklog))
        }
        guard let started else {
            Unmanaged<ServerContext>.fromOpaque(contextPointer).release()
            throw StartError(
                description: "could not listen on \(ipv6 ? "[\(configuration.host)]" : configuration.host):\(configuration.port) (address in use or not available)")
        }
        boundPort.store(assay_mhd_bound_port(started), ordering: .releasing)
        daemon.withLock { $0 = DaemonHandle(raw: started, context: contextPointer) }
    }

    /// Requests currently suspended while the engine works on them.
    public var requestsInFlight: Int { context.inFlight.load(ordering: .relaxed) }

    /// Request-body bytes currently held against `maxInFlightBodyBytes`.
    public var bodyBytesInFlight: Int { context.bodyBytes.load(ordering: .relaxed) }

    /// Stops accepting connections and requests, waits up to `timeout` for answered requests to be sent, then
    /// stops the daemon. Requests still being scored at the deadline are waited for all the same (their items
    /// have their own deadlines): libmicrohttpd aborts the process if it is stopped with a suspended connection.
    public func shutdown(timeout: Duration = .seconds(30)) async {
        guard let handle = daemon.withLock({ h -> DaemonHandle? in
            defer { h = nil }
            return h
        }) else { return }
        let listenFD = MHD_quiesce_daemon(handle.raw)
        if listenFD >= 0 { close(listenFD) }
        context.stopping.store(true, ordering: .sequentiallyConsistent)
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while context.inFlight.load(ordering: .sequentiallyConsistent) > 0 && ContinuousClock.now < deadline
            || context.suspended.load(ordering: .sequentiallyConsistent) > 0
        {
            try? await Task.sleep(for: .milliseconds(10))
        }
        // Let resumed connections flush their responses before the daemon goes away.
        try? await Task.sleep(for: .milliseconds(50))
        MHD_stop_daemon(handle.raw)
        Unmanaged<ServerContext>.fromOpaque(handle.context).release()
    }
}

/// The raw daemon pointer; only touched under the server's mutex.
struct DaemonHandle: @unchecked Sendable {
    let raw: OpaquePointer
    let context: UnsafeMutableRawPointer
}

/// Shared by every callback through MHD's `cls` pointer; immutable apart from its atomics.
final class ServerContext: Sendable {
    let handler: any HTTPHandler
    let maxBodyBytes: Int
    let maxInFlightBodyBytes: Int
    let inFlight = Atomic<Int>(0)
    /// Requests suspended while the engine works on them (dispatched, not yet resumed).
    let suspended = Atomic<Int>(0)
    /// Set by shutdown: new requests are answered 503 instead of being dispatched.
    let stopping = Atomic<Bool>(false)
    /// Body bytes reserved by requests that have not completed yet, across all connections.
    let bodyBytes = Atomic<Int>(0)
    let access: AccessPolicy
    /// Scoring requests in flight per client address (``AccessPolicy/maxClientConcurrency``).
    let clientSlots: ClientConcurrencyLimiter
    let metrics: ServerMetrics?

    init(
        handler: any HTTPHandler, maxBodyBytes: Int, maxInFlightBodyBytes: Int, access: AccessPolicy = AccessPolicy(),
        metrics: ServerMetrics? = nil
    ) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
        self.maxInFlightBodyBytes = maxInFlightBodyBytes
        self.access = access
        self.clientSlots = ClientConcurrencyLimiter(limit: access.maxClientConcurrency)
        self.metrics = metrics
    }
}

/// A connection pointer that crosses to the engine task; MHD documents resume as safe from any thread.
struct ConnectionHandle: @unchecked Sendable {
    let raw: OpaquePointer
}

/// Where the engine task leaves its response for the worker thread that resumes the connection.
final class ReplyBox: Sendable {
    private let value = Mutex<HTTPResponse?>(nil)
    func set(_ response: HTTPResponse) { value.withLock { $0 = response } }
    func take() -> HTTPResponse? { value.withLock { r in defer { r = nil }; return r } }
}

/// Per-request state, owned by MHD's `con_cls` slot; only MHD callbacks of that one connection touch it.
final class RequestState {
    let method: String
    let path: String
    var headers: [String: String] = [:]
    var peer: String?
    /// The client's address without the port: the key of the per-client limit.
    var client: String?
    /// Sent back in `X-Request-Id` and passed to the handler (``RequestID``).
    var requestID = ""
    /// Answered by the access policy (401) when the headers arrived; the body is never kept.
    var refusal: HTTPResponse?
    var body: [UInt8] = []
    var tooLarge = false
    /// The server-wide body budget was exhausted: answered 503.
    var overloaded = false
    var dispatched = false
    /// Bytes of the server-wide budget this request holds.
    private var reserved = 0
    let reply = ReplyBox()

    init(method: String, path: String) {
        self.method = method
        self.path = path
    }

    /// Grows this request's share of the server-wide body budget to `total` bytes; false if that would exceed it.
    func reserve(_ total: Int, in context: ServerContext) -> Bool {
        guard total > reserved else { return true }
        let extra = total - reserved
        let after = context.bodyBytes.add(extra, ordering: .relaxed).newValue
        if after > context.maxInFlightBodyBytes {
            context.bodyBytes.subtract(extra, ordering: .relaxed)
            return false
        }
        reserved = total
        return true
    }

    func releaseReservation(in context: ServerContext) {
        if reserved > 0 { context.bodyBytes.subtract(reserved, ordering: .relaxed) }
        reserved = 0
    }
}
