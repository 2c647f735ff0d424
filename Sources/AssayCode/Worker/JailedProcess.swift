import Foundation
import Glibc

/// One long-lived program in its own `assay-sandbox` jail, spoken to in frames: fd 0 requests, fd 1
/// responses, fd 2 diagnostics (kept as a tail), fd 5 an `AF_UNIX` socket for passing descriptors.
/// Not thread-safe: its owner serialises use.
final class JailedProcess {
    let label: String
    private(set) var pid: pid_t = 0
    private var requestFD: Int32 = -1
    private var responseFD: Int32 = -1
    private var stderrFD: Int32 = -1
    private var passingFD: Int32 = -1
    private var stderrTail = Data()

    init(label: String) {
        self.label = label
    }

    deinit { stop() }

    var isRunning: Bool { pid > 0 }

    /// Spawns `argv` and waits for its greeting frame (`{"pong": true}`).
    func start(_ argv: [String], timeout: Double) throws(WorkerFailure) {
        stop()
        try spawn(argv)
        do {
            let hello = try FramedPipe.readObject(responseFD, deadline: Self.deadline(timeout))
            guard hello["pong"] as? Bool == true else { throw FramedPipe.Failure.malformed("no greeting") }
        } catch {
            let why = "\(label) did not start (\(error)): \(drainStderr())"
            stop()
            throw .unavailable(why)
        }
    }

    func send(_ object: [String: Any], deadline: UInt64) throws(FramedPipe.Failure) {
        try FramedPipe.writeAll(requestFD, try FramedPipe.frame(object), deadline: deadline)
    }

    func receive(deadline: UInt64) throws(FramedPipe.Failure) -> [String: Any] {
        try FramedPipe.readObject(responseFD, deadline: deadline)
    }

    /// Passes `fds` (duplicates; the caller still owns and closes its own) over the socket on fd 5.
    func pass(_ fds: [Int32]) throws(FramedPipe.Failure) {
        guard DescriptorPassing.send(passingFD, fds) else { throw .io(errno) }
    }

    /// The last diagnostics the program wrote, for error messages.
    func drainStderr() -> String {
        guard stderrFD >= 0 else { return String(decoding: stderrTail.suffix(600), as: UTF8.self) }
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(stderrFD, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            stderrTail.append(contentsOf: buffer[0..<n])
            if stderrTail.count > 8192 { stderrTail = stderrTail.suffix(4096) }
        }
        return String(decoding: stderrTail.suffix(600), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Kills the jail's supervisor (which takes the namespace down with it) and closes every channel.
    func stop() {
        if pid > 0 {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            pid = 0
        }
        for fd in [requestFD, responseFD, stderrFD, passingFD] where fd >= 0 { close(fd) }
        requestFD = -1; responseFD = -1; stderrFD = -1; passingFD = -1
    }

    static func deadline(_ seconds: Double) -> UInt64 {
        DispatchTime.now().uptimeNanoseconds &+ UInt64(max(0, seconds) * 1e9)
    }

    private func spawn(_ argv: [String]) throws(WorkerFailure) {
        spawnLock.lock()
        defer { spawnLock.unlock() }
        var req: [Int32] = [-1, -1], resp: [Int32] = [-1, -1], err: [Int32] = [-1, -1], sock: [Int32] = [-1, -1]
        guard makePipe(&req), makePipe(&resp), makePipe(&err),
              socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &sock) == 0
        else {
            closeAll(req + resp + err + sock)
            throw .unavailable("pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, req[0], 0)
        posix_spawn_file_actions_adddup2(&actions, resp[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        posix_spawn_file_actions_adddup2(&actions, sock[1], 5)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attr, &mask)
        posix_spawnattr_setflags(&attr, Int16(Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | 0x80))  // | SETSID
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cargs.append(nil)
        defer { for p in cargs { free(p) } }
        var envp: [UnsafeMutablePointer<CChar>?] = [nil]
        var child: pid_t = 0
        let rc = posix_spawn(&child, argv[0], &actions, &attr, &cargs, &envp)
        close(req[0]); close(resp[1]); close(err[1]); close(sock[1])
        guard rc == 0 else {
            closeAll([req[1], resp[0], err[0], sock[0]])
            throw .unavailable("posix_spawn \(argv[0]): \(String(cString: strerror(rc)))")
        }
        pid = child
        requestFD = req[1]; responseFD = resp[0]; stderrFD = err[0]; passingFD = sock[0]
        for fd in [requestFD, responseFD, stderrFD] { _ = fcntl(fd, F_SETFL, O_NONBLOCK) }
        stderrTail = Data()
    }
}

/// `SCM_RIGHTS` over an `AF_UNIX` socket: one byte of payload carrying descriptors.
enum DescriptorPassing {
    static func send(_ socket: Int32, _ fds: [Int32]) -> Bool {
        let word = MemoryLayout<Int>.size
        func align(_ n: Int) -> Int { (n + word - 1) & ~(word - 1) }
        let header = align(MemoryLayout<cmsghdr>.size)
        let payload = fds.count * MemoryLayout<Int32>.size
        var control = [UInt8](repeating: 0, count: header + align(payload))
        control.withUnsafeMutableBytes { raw in
            let cmsg = raw.baseAddress!.assumingMemoryBound(to: cmsghdr.self)
            cmsg.pointee.cmsg_len = header + payload  // CMSG_LEN
            cmsg.pointee.cmsg_level = SOL_SOCKET
            cmsg.pointee.cmsg_type = 1  // SCM_RIGHTS
            for (i, fd) in fds.enumerated() {
                raw.storeBytes(of: fd, toByteOffset: header + i * MemoryLayout<Int32>.size, as: Int32.self)
            }
        }
        var byte: UInt8 = 0x2A
        return withUnsafeMutablePointer(to: &byte) { bytePointer in
            var iov = iovec(iov_base: bytePointer, iov_len: 1)
            return withUnsafeMutablePointer(to: &iov) { iovPointer in
                control.withUnsafeMutableBytes { raw in
                    var message = msghdr()
                    message.msg_iov = iovPointer
                    message.msg_iovlen = 1
                    message.msg_control = raw.baseAddress
                    message.msg_controllen = raw.count
                    while true {
                        let n = sendmsg(socket, &message, 0)
                        if n == 1 { return true }
                        if n < 0 && errno == EINTR { continue }
                        return false
                    }
                }
            }
        }
    }
}
