import Glibc
import Foundation
import Synchronization

/// A cancellation flag shared between an async caller and the blocking I/O thread.
final class CancelFlag: Sendable {
    private let state = Mutex(false)
    var isSet: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
}

/// Raw outcome of the blocking spawn/pump/reap loop.
struct RawRun {
    var waitStatus: Int32 = 0
    var spawnErrno: Int32 = 0
    var stdout = Data()
    var stderr = Data()
    var stdoutTruncated = false
    var stderrTruncated = false
    var timedOut = false
    var outputExceeded = false
    var wallMilliseconds: Double = 0
}

/// Spawns `argv` with `posix_spawn` in its own session, feeds `stdin`, drains both outputs
/// with a cap, enforces the deadline by calling `killTree`, and reaps. Blocking: call it on
/// a dedicated thread.
func runBlocking(
    argv: [String], stdin input: Data, maxOutput: Int, timeout: Double, cancel: CancelFlag,
    killTree: (pid_t) -> Void
) -> RawRun {
    var raw = RawRun()
    // pipe2(O_CLOEXEC) is not visible to Swift, so pipe()+FD_CLOEXEC and the spawn happen
    // under one lock: a concurrent run can never inherit our pipe ends into its child.
    spawnLock.lock()
    var spawnLocked = true
    defer { if spawnLocked { spawnLock.unlock() } }
    var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
    guard makePipe(&inPipe) else { raw.spawnErrno = errno; return raw }
    guard makePipe(&outPipe) else { raw.spawnErrno = errno; closeAll(inPipe); return raw }
    guard makePipe(&errPipe) else { raw.spawnErrno = errno; closeAll(inPipe + outPipe); return raw }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

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
    // POSIX_SPAWN_SETSID (0x80, glibc >= 2.26): the child is a session and group leader
    // from the start, so kill(-pid) can never miss it.
    let flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | 0x80
    posix_spawnattr_setflags(&attr, Int16(flags))

    var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
    cargs.append(nil)
    defer { for p in cargs { free(p) } }
    var envp: [UnsafeMutablePointer<CChar>?] = [nil]

    let start = DispatchTime.now().uptimeNanoseconds
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, argv[0], &actions, &attr, &cargs, &envp)
    close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
    spawnLock.unlock()
    spawnLocked = false
    if rc != 0 {
        raw.spawnErrno = rc
        close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
        return raw
    }

    var inFD: Int32 = inPipe[1]
    var outFD: Int32 = outPipe[0]
    var errFD: Int32 = errPipe[0]
    if input.isEmpty { close(inFD); inFD = -1 } else { _ = fcntl(inFD, F_SETFL, O_NONBLOCK) }
    var inOffset = 0
    let deadline = start &+ UInt64(max(0, timeout) * 1e9)
    var buffer = [UInt8](repeating: 0, count: 65536)
    var exited = false
    var killed = false

    func killOnce() {
        if !killed { killed = true; killTree(pid) }
    }

    while outFD >= 0 || errFD >= 0 || !exited {
        let now = DispatchTime.now().uptimeNanoseconds
        if now >= deadline && !killed { raw.timedOut = true; killOnce() }
        if cancel.isSet && !killed { killOnce() }
        if !exited {
            var st: Int32 = 0
            let r = waitpid(pid, &st, WNOHANG)
            if r == pid { exited = true; raw.waitStatus = st; raw.wallMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                // The leader is gone: kill stragglers that may hold the pipes open.
                killOnce()
            }
        }
        if outFD < 0 && errFD < 0 {
            if exited { break }
            usleep(1_000)
            continue
        }
        var fds: [pollfd] = []
        if outFD >= 0 { fds.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
        if errFD >= 0 { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
        if inFD >= 0 { fds.append(pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0)) }
        let remainingMs = now >= deadline ? 0 : Int((deadline - now) / 1_000_000) + 1
        let waitMs = Int32(min(remainingMs, exited ? 20 : 50))
        let n = poll(&fds, nfds_t(fds.count), killed ? 20 : waitMs)
        if n < 0 { if errno == EINTR { continue }; break }
        for p in fds where p.revents != 0 {
            if p.fd == inFD {
                if p.revents & Int16(POLLOUT) != 0 {
                    let w = input.withUnsafeBytes { buf in
                        Glibc.write(inFD, buf.baseAddress! + inOffset, input.count - inOffset)
                    }
                    if w > 0 { inOffset += w }
                    if (w < 0 && errno != EAGAIN && errno != EINTR) || inOffset >= input.count { close(inFD); inFD = -1 }
                } else { close(inFD); inFD = -1 }
                continue
            }
            let isOut = p.fd == outFD
            let r = buffer.withUnsafeMutableBytes { Glibc.read(p.fd, $0.baseAddress, $0.count) }
            if r > 0 {
                let have = isOut ? raw.stdout.count : raw.stderr.count
                let keep = max(0, min(r, maxOutput - have))
                if keep > 0 {
                    if isOut { raw.stdout.append(contentsOf: buffer[0..<keep]) } else { raw.stderr.append(contentsOf: buffer[0..<keep]) }
                }
                if keep < r {
                    if isOut { raw.stdoutTruncated = true } else { raw.stderrTruncated = true }
                    if !raw.outputExceeded { raw.outputExceeded = true; killOnce() }
                }
            } else if r == 0 || (errno != EINTR && errno != EAGAIN) {
                close(p.fd)
                if isOut { outFD = -1 } else { errFD = -1 }
            }
        }
    }
    if inFD >= 0 { close(inFD) }
    if outFD >= 0 { close(outFD) }
    if errFD >= 0 { close(errFD) }
    if raw.wallMilliseconds == 0 { raw.wallMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
    return raw
}

let spawnLock = NSLock()

func makePipe(_ fds: inout [Int32]) -> Bool {
    guard pipe(&fds) == 0 else { return false }
    _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    return true
}

func closeAll(_ fds: [Int32]) {
    for fd in fds where fd >= 0 { close(fd) }
}
