#if canImport(Glibc)
import Glibc
#endif

/// Builds the `sockaddr` that libmicrohttpd binds to from a numeric host (IPv4 or IPv6) and port.
enum SocketAddress {
    struct InvalidHost: Error, CustomStringConvertible {
        var host: String
        var description: String { "--host must be a numeric IPv4 or IPv6 address (e.g. 127.0.0.1, 0.0.0.0, ::1); got \"\(host)\"" }
    }

    static func withAddress<R>(
        host: String, port: UInt16, _ body: (UnsafePointer<sockaddr>, Bool) throws -> R
    ) throws -> R {
        let name = host == "localhost" ? "127.0.0.1" : host
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, name, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            return try withUnsafePointer(to: &v4) {
                try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0, false) }
            }
        }
        var v6 = sockaddr_in6()
        let bare = name.hasPrefix("[") && name.hasSuffix("]") ? String(name.dropFirst().dropLast()) : name
        if inet_pton(AF_INET6, bare, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            return try withUnsafePointer(to: &v6) {
                try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0, true) }
            }
        }
        throw InvalidHost(host: host)
    }

    /// `host:port` or `[v6]:port` of a socket address (IPv4 or IPv6; other families give `nil`).
    static func describe(_ address: UnsafePointer<sockaddr>) -> String? {
        guard let described = hostAndPort(address) else { return nil }
        let host = described.host
        return (host.contains(":") ? "[\(host)]" : host) + ":" + String(described.port)
    }

    /// The numeric host of a socket address, without the port (IPv4 or IPv6; other families give `nil`).
    static func host(_ address: UnsafePointer<sockaddr>) -> String? { hostAndPort(address)?.host }

    private static func hostAndPort(_ address: UnsafePointer<sockaddr>) -> (host: String, port: UInt16)? {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                var addr = v4.pointee.sin_addr
                guard inet_ntop(AF_INET, &addr, &text, socklen_t(text.count)) != nil else { return nil }
                return (Self.string(text), UInt16(bigEndian: v4.pointee.sin_port))
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                var addr = v6.pointee.sin6_addr
                guard inet_ntop(AF_INET6, &addr, &text, socklen_t(text.count)) != nil else { return nil }
                return (Self.string(text), UInt16(bigEndian: v6.pointee.sin6_port))
            }
        default:
            return nil
        }
    }

    private static func string(_ chars: [CChar]) -> String {
        String(decoding: chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
