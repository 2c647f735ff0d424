import Foundation
import Glibc

/// Length-prefixed JSON frames (4-byte big-endian length, then the JSON) over non-blocking pipe
/// ends, with a deadline on every read and write.
enum FramedPipe {
    enum Failure: Error, Equatable {
        case timeout
        case closed
        case io(Int32)
        case malformed(String)
    }

    static let maxFrame = 256 << 20

    /// Writes all of `bytes` to `fd` before `deadline` (uptime nanoseconds).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], deadline: UInt64) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n > 0 { offset += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && errno != EAGAIN { throw errno == EPIPE ? .closed : .io(errno) }
            try waitFor(fd, events: Int16(POLLOUT), deadline: deadline)
        }
    }

    /// Reads exactly `count` bytes from `fd` before `deadline`.
    static func readExactly(_ fd: Int32, _ count: Int, deadline: UInt64) throws(Failure) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + offset, count - offset) }
            if n > 0 { offset += n; continue }
            if n == 0 { throw .closed }
            if errno == EINTR { continue }
            if errno != EAGAIN { throw .io(errno) }
            try waitFor(fd, events: Int16(POLLIN), deadline: deadline)
        }
        return out
    }

    static func waitFor(_ fd: Int32, events: Int16, deadline: UInt64) throws(Failure) {
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= deadline { throw .timeout }
            var p = pollfd(fd: fd, events: events, revents: 0)
            let ms = Int32(min(1_000, (deadline - now) / 1_000_000 + 1))
            let r = poll(&p, 1, ms)
            if r > 0 { return }
            if r < 0 && errno != EINTR { throw .io(errno) }
        }
    }

    /// One frame holding `object` serialised as JSON.
    static func frame(_ object: [String: Any]) throws(Failure) -> [UInt8] {
        let data: Data
        do { data = try JSONSerialization.data(withJSONObject: object) } catch { throw .malformed("\(error)") }
        let n = UInt32(data.count)
        return [UInt8(n >> 24), UInt8((n >> 16) & 0xff), UInt8((n >> 8) & 0xff), UInt8(n & 0xff)] + [UInt8](data)
    }

    /// Reads one frame and parses it as a JSON object.
    static func readObject(_ fd: Int32, deadline: UInt64) throws(Failure) -> [String: Any] {
        let header = try readExactly(fd, 4, deadline: deadline)
        let n = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        guard n <= maxFrame else { throw .malformed("frame of \(n) bytes") }
        let body = try readExactly(fd, n, deadline: deadline)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw .malformed("response is not a JSON object")
        }
        return object
    }
}
