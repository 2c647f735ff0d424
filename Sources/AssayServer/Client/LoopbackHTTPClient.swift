import AssayCore
import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over one keep-alive TCP connection, for tests and benchmarks on loopback.
///
/// It speaks plain HTTP/1.1 with Content-Length or chunked responses, and can send raw bytes for protocol tests.
/// The blocking socket work runs on a Dispatch thread, never on Swift's cooperative pool, so an in-process
/// server keeps the pool's threads for its engine.
public final class LoopbackHTTPClient: @unchecked Sendable {
    // @unchecked: the socket is used by one request at a time; callers must not overlap requests on one client.
    private var fd: Int32 = -1
    public let host: String
    public let port: UInt16
    /// The local IPv4 address connections are made from (`nil`: the kernel's choice). On Linux every address in
    /// 127.0.0.0/8 is loopback, so `127.0.0.2` and `127.0.0.3` look like two different clients to the server.
    public let sourceAddress: String?
    private var buffer: [UInt8] = []

    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
        /// The body parsed as JSON.
        public func json() throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(body)) }
    }

    public struct ClientError: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// A client of `host:port`, connecting from `sourceAddress` when given (the connection opens lazily).
    public init(host: String = "127.0.0.1", port: UInt16, sourceAddress: String? = nil) {
        self.host = host
        self.port = port
        self.sourceAddress = sourceAddress
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Sends one request and reads its response; reconnects if the server closed the connection.
    public func request(
        _ method: String, _ path: String, body: [UInt8] = [], contentType: String? = "application/json",
        extraHeaders: [(String, String)] = []
    ) async throws -> Response {
        try await offPool { [self] in
            var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\n"
            if let contentType, !body.isEmpty || method == "POST" { head += "Content-Type: \(contentType)\r\n" }
            if method == "POST" || !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
            for (name, value) in extraHeaders { head += "\(name): \(value)\r\n" }
            head += "\r\n"
            return try exchange(Array(head.utf8) + body)
        }
    }

    /// POSTs a JSON text.
    public func post(_ path: String, json: String) async throws -> Response {
        try await request("POST", path, body: Array(json.utf8))
    }

    /// Sends raw bytes (a hand-made request) and reads one response.
    public func raw(_ bytes: [UInt8]) async throws -> Response {
        try await offPool { [self] in try exchange(bytes) }
    }

    /// Sends bytes without waiting for an answer (for tests that hold a request half-sent).
    public func send(_ bytes: [UInt8]) async throws {
        try await offPool { [self] in
            if fd < 0 { try connect() }
            try sendAll(bytes)
        }
    }

    /// Reads the next response on this connection.
    public func receive() async throws -> Response {
        try await offPool { [self] in try readResponse() }
    }

    public func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
        buffer = []
    }

    private func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    private func exchange(_ bytes: [UInt8]) throws -> Response {
        if fd < 0 { try connect() }
        do {
            try sendAll(bytes)
            return try readResponse()
        } catch {
            // A kept-alive connection may have been closed by the server: retry once on a fresh one.
            close()
            try connect()
            try sendAll(bytes)
            return try readResponse()
        }
    }

    private func connect() throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw ClientError(description: "socket() failed: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(socketFD, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        if let sourceAddress {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            guard inet_pton(AF_INET, sourceAddress, &local.sin_addr) == 1 else {
                Glibc.close(socketFD)
                throw ClientError(description: "source address \(sourceAddress) is not a numeric IPv4 address")
            }
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                let code = errno
                Glibc.close(socketFD)
                throw ClientError(description: "bind to source address \(sourceAddress) failed: errno \(code)")
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &address.sin_addr)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard rc == 0 else {
            Glibc.close(socketFD)
            throw ClientError(description: "connect to \(host):\(port) failed: errno \(errno)")
        }
        fd = socketFD
        buffer = []
    }

    private func sendAll(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                // The server may answer (413) and close before reading everything; read what it said.
                if errno == EPIPE || errno == ECONNRESET { return }
                throw ClientError(description: "send failed: errno \(errno)")
            }
            offset += n
        }
    }

    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return true
            }
            if n == 0 { return false }
            if errno == EINTR { continue }
            if errno == ECONNRESET { return false }
            throw ClientError(description: "recv failed: errno \(errno)")
        }
    }

    private func readResponse() throws -> Response {
        var headerEnd: Int?
        while headerEnd == nil {
            headerEnd = Self.find([13, 10, 13, 10], in: buffer)
            if headerEnd == nil, try !fill() { throw ClientError(description: "connection closed before a response") }
        }
        let head = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
        buffer.removeFirst(headerEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError(description: "bad status line: \(head.prefix(80))")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if status == 100 { return try readResponse() }
        var body: [UInt8] = []
        if let length = headers["content-length"].flatMap({ Int($0) }) {
            while buffer.count < length {
                if try !fill() { throw ClientError(description: "connection closed mid-body") }
            }
            body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else if headers["transfer-encoding"]?.lowercased() == "chunked" {
            body = try readChunked()
        } else {
            while try fill() {}
            body = buffer
            buffer = []
        }
        if headers["connection"]?.lowercased() == "close" { close() }
        return Response(status: status, headers: headers, body: body)
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            var lineEnd = Self.find([13, 10], in: buffer)
            while lineEnd == nil {
                if try !fill() { throw ClientError(description: "closed in chunk header") }
                lineEnd = Self.find([13, 10], in: buffer)
            }
            let sizeText = String(decoding: buffer[0..<lineEnd!], as: UTF8.self).split(separator: ";")[0]
            let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) ?? 0
            buffer.removeFirst(lineEnd! + 2)
            while buffer.count < size + 2 {
                if try !fill() { throw ClientError(description: "closed in chunk") }
            }
            body.append(contentsOf: buffer[0..<size])
            buffer.removeFirst(size + 2)
            if size == 0 { return body }
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] && haystack[i..<i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
