# Assay forkserver: a warm Python interpreter that runs inside the jail (normally PID 1 of its own
# pid namespace, as an unprivileged uid, no network, read-only system paths, private /tmp) and forks
# one child per run. Embedded in ForkServerSource+Forkserver.swift by scripts/embed-forkserver; edit this file.
#
# Channels (fds): 0 requests in, 1 responses out, 2 diagnostics, 5 an AF_UNIX socket on which Swift
# passes each function-test item's two pipe ends (the other two go to the tester, tester.py, which
# runs in a jail of its own).
# Frames: 4-byte big-endian length + JSON (ASCII). Binary payloads are base64.
#
# Ops:
#   ping                      -> {"pong": true, ...}
#   reset                     wipe the work directory
#   run    {mode: python|exec, code|argv, stdin, files, modes, collect, limits}
#          -> {status, code, signal, stdout, stderr, ms, cpu_ms, files}
#   candidate {code, limits}  + two pipe ends on fd 5: fork C, which loads the code and answers the
#          tester's calls; then wait for a {"op": "stop"} frame -> {exited, signal, code, ms}
#
# Function tests never share a process with the candidate: the tester runs the tests and calls the
# candidate's functions in C over pipes that carry plain values only, decoded by the tester into fresh
# objects. C cannot make the tester's comparisons lie, exit it, patch its builtins, read its frames or
# even signal it (another uid, another pid namespace). This process never sees a test.
import fcntl, io, resource, traceback
# Modules candidates commonly import, loaded once here. Not more: every module loaded makes each fork and
# exit dearer (page tables to copy and tear down), while a rare import costs only its own run. Not
# `random` either: its after-fork reseed would run in every child (a child that imports it seeds it).
import functools, math, heapq, bisect, re, string, typing, copy, operator, array
# compile() sets up the AST types the first time it runs (about 150 pages): once here, not in every child.
compile("def f(x: int) -> int:\n    return [y for y in x]\n", "<warm-up>", "exec")

WORK = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
IS_INIT = os.getpid() == 1
CHILD_GROUPS = set()  # process groups of this op's children, when not PID 1


def set_limits(limits):
    wall = float(limits.get("wall", 10))
    cpu = int(limits.get("cpu") or (int(wall) + 1))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for key, res in (("as", resource.RLIMIT_AS), ("fsize", resource.RLIMIT_FSIZE),
                     ("nofile", resource.RLIMIT_NOFILE), ("nproc", resource.RLIMIT_NPROC)):
        value = limits.get(key)
        if value:
            resource.setrlimit(res, (int(value), int(value)))


CHILD_DEFAULT_SIGNALS = tuple(int(s) for s in SIGNALS + (signal.SIGPIPE,))


def enter_child(limits, cwd, stdio, keep=()):
    """Trusted set-up in a fresh child, before any untrusted code runs."""
    if not IS_INIT:
        os.setpgid(0, 0)
    for s in CHILD_DEFAULT_SIGNALS:
        _signal.signal(s, _signal.SIG_DFL)  # not signal.signal, whose enum conversions touch many pages
    wanted = list(stdio) + list(keep)
    staged = [fcntl.fcntl(fd, fcntl.F_DUPFD, 256) for fd in wanted]  # above every target: no clobbering
    for target, fd in enumerate(staged):
        os.dup2(fd, target)
    os.closerange(len(wanted), 65536)
    os.chdir(cwd)
    set_limits(limits)


def make_stdio():
    return (io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "r", closefd=False)),
                             encoding="utf-8", errors="surrogateescape", newline="\n"),
            io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False)),
                             encoding="utf-8", errors="surrogateescape", newline="\n"),
            io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "w", closefd=False)),
                             encoding="utf-8", errors="backslashreplace", newline="\n", line_buffering=True))


# A child's sys.stdin/stdout/stderr over its fds 0-2, built once here (this process never uses them, so
# their buffers are empty at every fork) instead of in every child: each child gets its own copy. The
# streams they replace stay referenced, so a child does not spend its time deallocating them.
CHILD_STDIO = make_stdio()
OWN_STDIO = (sys.stdin, sys.stdout, sys.stderr, sys.__stdin__, sys.__stdout__, sys.__stderr__)
# Children's fds 0-2 in function-test runs; opened once, never written to by this process.
DEVNULL = os.open(os.devnull, os.O_RDWR | os.O_CLOEXEC)


def fresh_stdio():
    sys.stdin, sys.stdout, sys.stderr = CHILD_STDIO
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = CHILD_STDIO


def run_main(code):
    """Runs a program as __main__ in this (child) process and exits with its status."""
    fresh_stdio()
    sys.argv = ["main.py"]
    status = 0
    try:
        exec(compile(code, "main.py", "exec"), {"__name__": "__main__", "__builtins__": builtins, "__file__": "main.py"})
    except SystemExit as e:
        if e.code is None:
            status = 0
        elif isinstance(e.code, int):
            status = e.code & 0xFF
        else:
            print(e.code, file=sys.stderr)
            status = 1
    except BaseException as e:
        traceback.print_exception(type(e), e, e.__traceback__.tb_next)  # from main.py on, not the harness
        status = 1
    try:
        sys.stdout.flush()
    except BaseException:
        status = status or 120
    try:
        sys.stderr.flush()
    except BaseException:
        pass
    os._exit(status)


def reap_all():
    """Kills every process but this one (all of them belong to the finished run) and reaps them.
    As PID 1 of the namespace, kill(-1) reaches every descendant, double-forked or not."""
    if IS_INIT:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
    else:
        for pid in list(CHILD_GROUPS):
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        CHILD_GROUPS.clear()
    while True:
        try:
            pid, _ = os.waitpid(-1, 0)
        except ChildProcessError:
            return
        except InterruptedError:
            continue


class ChildWaiter:
    """Tracks one child's exit through a pidfd, so select() wakes when it ends."""

    def __init__(self, pid):
        self.pid = pid
        self.fd = os.pidfd_open(pid)
        self.status = None

    def poll(self):
        if self.status is None:
            got, st = os.waitpid(self.pid, os.WNOHANG)
            if got == self.pid:
                self.status = st
        return self.status

    def finish(self):
        """Kills the child if it still runs and returns its wait status."""
        if self.poll() is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.status = os.waitpid(self.pid, 0)[1]
        os.close(self.fd)
        return self.status


def fork_child(body):
    """Forks a child that runs `body` (which must not return normally) and exits 126 on any error."""
    gc.freeze()  # the child's collections then skip the inherited heap, so it is not copied page by page
    pid = os.fork()
    if pid == 0:
        try:
            body()
        except BaseException as e:
            try:
                os.write(2, ("assay-forkserver: %s: %s\n" % (type(e).__name__, e)).encode())
            finally:
                os._exit(126)
        os._exit(126)
    if not IS_INIT:
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass
        CHILD_GROUPS.add(pid)
    return pid


def run_child(req, limits, job, stdio):
    enter_child(limits, job, stdio)
    if req.get("mode") == "exec":
        argv = req["argv"]
        os.execve(argv[0], argv, {"PATH": "/usr/bin:/bin", "HOME": WORK, "LANG": "C.UTF-8", "TMPDIR": WORK})
    run_main(req.get("code", ""))


def op_run(req):
    limits = req.get("limits", {})
    job = os.path.join(WORK, "job")
    os.makedirs(job, exist_ok=True)
    modes = req.get("modes", {})
    for name, data in req.get("files", {}).items():
        if "/" in name or name in ("", ".", ".."):
            return {"status": "error", "error": "bad file name %r" % name}
        path = os.path.join(job, name)
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        os.chmod(path, int(modes.get(name, 0o644)))
    stdin = base64.b64decode(req.get("stdin", ""))
    cap = int(limits.get("output", 64 << 10))
    wall = float(limits.get("wall", 10))
    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    pid = fork_child(lambda: run_child(req, limits, job, (in_r, out_w, err_w)))
    for fd in (in_r, out_w, err_w):
        os.close(fd)
    deadline = start + wall
    waiter = ChildWaiter(pid)
    outs = {out_r: bytearray(), err_r: bytearray()}
    readers = [out_r, err_r]
    pending = memoryview(stdin)
    writer = in_w if pending else None
    if writer is None:
        os.close(in_w)
    else:
        os.set_blocking(in_w, False)
    timed_out = over = False
    while True:
        if waiter.poll() is not None and not readers:
            break
        now = time.monotonic()
        if now >= deadline:
            timed_out = True
            break
        watch = readers + ([waiter.fd] if waiter.status is None else [])
        wr = [writer] if writer is not None else []
        timeout = deadline - now if waiter.status is None else min(0.05, deadline - now)
        r, w, _ = select.select(watch, wr, [], timeout)
        if waiter.status is not None and not r:
            break  # exited; whatever still holds the pipes is killed below
        if w:
            try:
                pending = pending[os.write(writer, pending[:65536]):]
            except BlockingIOError:
                pass
            except BrokenPipeError:
                pending = pending[:0]
            if not pending:
                os.close(writer)
                writer = None
        for fd in r:
            if fd not in outs:
                waiter.poll()
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                readers.remove(fd)
                continue
            buf = outs[fd]
            room = cap - len(buf)
            buf += chunk[:max(room, 0)]
            if len(chunk) > room:
                over = True
        if over:
            break
    st = waiter.finish()
    ms = (time.monotonic() - start) * 1000
    for fd in readers + [out_r, err_r] + ([writer] if writer is not None else []):
        try:
            os.close(fd)
        except OSError:
            pass
    usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_ms = ((usage1.ru_utime + usage1.ru_stime) - (usage0.ru_utime + usage0.ru_stime)) * 1000
    resp = {"ms": round(ms, 3), "cpu_ms": round(cpu_ms, 3), "stdout": b64(bytes(outs[out_r])),
            "stderr": b64(bytes(outs[err_r][-8192:]))}
    if timed_out:
        resp["status"] = "timeout"
    elif over:
        resp["status"] = "output_limit"
    elif os.WIFSIGNALED(st):
        sig = os.WTERMSIG(st)
        resp["status"] = "timeout" if sig == signal.SIGXCPU else "signaled"
        resp["signal"] = sig
    else:
        code = os.WEXITSTATUS(st)
        resp["status"] = "ok" if code == 0 else "exited"
        resp["code"] = code
    collected = {}
    for name in req.get("collect", []):
        path = os.path.join(job, name)
        if "/" not in name and os.path.isfile(path) and os.path.getsize(path) <= 64 << 20:
            with open(path, "rb") as f:
                collected[name] = b64(f.read())
    resp["files"] = collected
    return resp


def op_reset(req):
    import shutil  # only when a run left files behind
    for entry in os.listdir(WORK):
        path = os.path.join(WORK, entry)
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)
        except OSError:
            pass
    return {"ok": True}


def op_ping(req):
    return {"pong": True, "pid": os.getpid(), "init": IS_INIT, "python": sys.version.split()[0], "work": WORK,
            "uid": os.getuid()}


def serve_candidate(code):
    """C: runs the completion, reports its top-level names, then answers calls until EOF."""
    fresh_stdio()
    g = {"__name__": "__candidate__", "__builtins__": builtins}
    try:
        exec(compile(code, "solution.py", "exec"), g)
        names = {}
        for k, v in list(g.items()):
            if type(k) is str and not k.startswith("__"):
                names[k] = "module:" + v.__name__ if isinstance(v, type(os)) else ("callable" if callable(v) else "value")
        hello = {"ok": names}
    except BaseException as e:
        hello = {"raise": "CandidateLoadError", "message": "%s: %s" % (type(e).__name__, str(e)[:400])}
    table = {}

    def keep(v):
        table[id(v)] = v
        return id(v)

    codec = Codec(handle_for=keep, resolve=lambda h, t: table[int(h)])
    write_frame(4, hello)
    if "raise" in hello:
        os._exit(0)
    while True:
        try:
            msg = read_frame(3)
        except EOFError:
            os._exit(0)
        try:
            codec.count = 0
            if "getattr" in msg:
                value = getattr(table[int(msg["getattr"])], str(msg["name"]))
            elif "get" in msg:
                value = g[str(msg["get"])]
            else:
                target = msg["call"]
                fn = g[target] if type(target) is str else table[int(target["h"])]
                args = [codec.decode(a) for a in msg.get("args", [])]
                kwargs = {k: codec.decode(x) for k, x in msg.get("kwargs", {}).items()}
                value = fn(*args, **kwargs)
            reply = {"ok": codec.encode(value)}
        except BaseException as e:
            reply = {"raise": type(e).__name__, "message": str(e)[:500]}
        write_frame(4, reply)


def fresh_job(job):
    """An empty work directory holding only a new, empty `job`: the common case (the last run wrote no
    file) costs a listing, an rmdir and a mkdir; anything else is wiped by op_reset."""
    try:
        with os.scandir(WORK) as it:
            if [e.name for e in it] == ["job"]:
                os.rmdir(job)  # fails unless `job` is an empty directory (not a link, not a file)
                os.mkdir(job)
                return
    except OSError:
        pass
    op_reset({})
    os.makedirs(job, exist_ok=True)


def op_candidate(req):
    """Forks C with the item's pipe ends, then waits for the caller's stop frame (sent once the tester
    has answered); C is killed then if it still runs, and reap_all clears the rest of the namespace."""
    job = os.path.join(WORK, "job")
    if req.get("fresh"):
        fresh_job(job)
    else:
        os.makedirs(job, exist_ok=True)
    tc_r, ct_w = receive_fds(2)
    limits = req.get("limits", {})
    start = time.monotonic()

    def candidate():
        enter_child(limits, job, (DEVNULL, DEVNULL, DEVNULL), keep=(tc_r, ct_w))
        serve_candidate(req.get("code", ""))

    pid = fork_child(candidate)
    for fd in (tc_r, ct_w):
        os.close(fd)
    # The caller sends stop once the tester has answered; a child that ended before then ended alone.
    while read_frame(0).get("op") != "stop":
        pass
    got, st = os.waitpid(pid, os.WNOHANG)
    exited_alone = got == pid
    if not exited_alone:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        st = os.waitpid(pid, 0)[1]
    resp = {"ms": round((time.monotonic() - start) * 1000, 3), "exited": exited_alone}
    if os.WIFSIGNALED(st):
        resp["signal"] = os.WTERMSIG(st)
    else:
        resp["code"] = os.WEXITSTATUS(st)
    return resp


OPS = {"ping": op_ping, "reset": op_reset, "run": op_run, "candidate": op_candidate}


def main():
    become_quiet_init()
    os.makedirs(WORK, exist_ok=True)
    write_frame(1, op_ping({}))
    while True:
        try:
            req = read_frame(0)
        except (EOFError, OSError):
            os._exit(0)
        try:
            op = OPS.get(req.get("op"))
            resp = op(req) if op else {"error": "unknown op %r" % req.get("op")}
        except Exception as e:
            resp = {"error": "%s: %s" % (type(e).__name__, e)}
        reap_all()
        write_frame(1, resp)
