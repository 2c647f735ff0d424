# Shared by the forkserver and the tester (scripts/embed-forkserver prepends it to both programs):
# framing (4-byte big-endian length + JSON) and the plain-value codec used between tests and candidate.
import _signal, os, sys, gc, json, socket, struct, time, select, signal, base64, builtins, collections, itertools


MAX_FRAME = 256 << 20
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGQUIT, signal.SIGALRM)
FD_PASSING = 5  # AF_UNIX socket on which Swift passes the per-item pipe ends


def b64(data):
    return base64.b64encode(data).decode()


def wait_for(fd, deadline, writable=False):
    """Returns once `fd` is ready, or raises TimeoutError at `deadline` (None: return at once, blocking I/O)."""
    while deadline is not None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        r, w, _ = select.select([] if writable else [fd], [fd] if writable else [], [], remaining)
        if r or w:
            return


_ENCODE = json.JSONEncoder(separators=(",", ":")).encode
_DECODE = json.JSONDecoder().decode


def read_frame(fd, deadline=None, limit=MAX_FRAME):
    """One frame from `fd`. With a deadline `fd` must be non-blocking (reads are tried first and waited
    for only when nothing is there), and TimeoutError is raised when it passes."""
    def exact(n):
        parts = []
        while n:
            try:
                b = os.read(fd, min(n, 1 << 20))
            except BlockingIOError:
                wait_for(fd, deadline)
                continue
            if not b:
                raise EOFError
            parts.append(b)
            n -= len(b)
            if n and deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError
        return parts[0] if len(parts) == 1 else b"".join(parts)
    (n,) = struct.unpack(">I", exact(4))
    if n > limit:
        raise ValueError("frame too large")
    return _DECODE(exact(n).decode())


def write_frame(fd, obj, deadline=None):
    """One frame to `fd`. With a deadline `fd` must be non-blocking, and TimeoutError is raised when
    it passes."""
    data = _ENCODE(obj).encode()
    view = memoryview(struct.pack(">I", len(data)) + data)
    while view:
        try:
            view = view[os.write(fd, view):]
        except BlockingIOError:
            wait_for(fd, deadline, writable=True)


_passing = []


def receive_fds(count):
    """The pipe ends Swift passed for this item (SCM_RIGHTS, one byte, on FD_PASSING)."""
    if not _passing:
        _passing.append(socket.socket(fileno=FD_PASSING))
    _, fds, _, _ = socket.recv_fds(_passing[0], 1, count)
    if len(fds) != count:
        for fd in fds:
            os.close(fd)
        raise ValueError("expected %d descriptors, got %d" % (count, len(fds)))
    return fds


def become_quiet_init():
    for s in SIGNALS:
        signal.signal(s, signal.SIG_IGN)
    try:
        import ctypes
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: no /proc/<pid>/mem, fd, environ for peers
    except Exception:
        pass


MAX_ITEMS = 1_000_000
# Built-in types and functions may cross by name (e.g. a test passing `int` or `len`); the
# receiving side resolves the name in its own builtins.
BUILTIN_VALUES = {k: v for k, v in vars(builtins).items()
                  if (isinstance(v, type) or type(v) is type(len)) and not k.startswith("_")}


class Codec:
    """Tagged JSON for plain values. `encode` accepts only exact built-in types (subclasses, whose
    methods the candidate controls, become handles); `decode` builds fresh objects or fails."""

    def __init__(self, handle_for=None, resolve=None):
        self.handle_for, self.resolve, self.count = handle_for, resolve, 0

    def encode(self, v, depth=0):
        self.count += 1
        if depth > 200 or self.count > MAX_ITEMS:
            raise ValueError("value too large or too deep to transfer")
        t = type(v)
        if v is None or t is bool or t is str:
            return v
        if t is int:
            return v if -(1 << 53) < v < (1 << 53) else {"i": int.__repr__(v)}
        if t is float:
            return {"f": float.__repr__(v)}
        if t is list:
            return [self.encode(x, depth + 1) for x in list.__iter__(v)]
        if t is tuple:
            return {"t": [self.encode(x, depth + 1) for x in tuple.__iter__(v)]}
        if t in (dict, collections.OrderedDict, collections.defaultdict, collections.Counter):
            return {"d": [[self.encode(k, depth + 1), self.encode(x, depth + 1)] for k, x in dict.items(v)]}
        if t is set:
            return {"s": [self.encode(x, depth + 1) for x in set.__iter__(v)]}
        if t is frozenset:
            return {"fs": [self.encode(x, depth + 1) for x in frozenset.__iter__(v)]}
        if t is bytes or t is bytearray:
            return {"b": b64(bytes(v))}
        if t is complex:
            return {"c": [float.__repr__(v.real), float.__repr__(v.imag)]}
        if t is range:
            return {"r": [v.start, v.stop, v.step]}
        if (t is type or t is type(len)) and BUILTIN_VALUES.get(getattr(v, "__name__", None)) is v:
            return {"bt": v.__name__}
        if t in (map, filter, zip, enumerate, reversed, type(iter([])), type(iter(())), type(iter("")),
                 type(x for x in ()), itertools.chain, itertools.islice):
            items = []
            for x in v:
                items.append(self.encode(x, depth + 1))
            return {"it": items}
        if self.handle_for is None:
            raise TypeError("cannot pass a %s to the candidate" % t.__name__)
        return {"h": self.handle_for(v), "type": t.__name__[:60]}

    def decode(self, v, depth=0):
        if depth > 200:
            raise ValueError("value too deep")
        t = type(v)
        if v is None or t in (bool, int, float, str):
            return v
        if t is list:
            return [self.decode(x, depth + 1) for x in v]
        if t is not dict or len(v) not in (1, 2):
            raise ValueError("malformed value")
        (tag, body), = list(v.items())[:1]
        if tag == "i":
            return int(body)
        if tag == "f":
            return float(body)
        if tag == "t":
            return tuple(self.decode(x, depth + 1) for x in body)
        if tag == "d":
            return {self.decode(k, depth + 1): self.decode(x, depth + 1) for k, x in body}
        if tag == "s":
            return {self.decode(x, depth + 1) for x in body}
        if tag == "fs":
            return frozenset(self.decode(x, depth + 1) for x in body)
        if tag == "b":
            return base64.b64decode(body)
        if tag == "c":
            return complex(float(body[0]), float(body[1]))
        if tag == "r":
            return range(int(body[0]), int(body[1]), int(body[2]))
        if tag == "bt" and type(body) is str and body in BUILTIN_VALUES:
            return BUILTIN_VALUES[body]
        if tag == "it":
            return iter([self.decode(x, depth + 1) for x in body])
        if tag == "h" and self.resolve is not None:
            return self.resolve(body, v.get("type", "object"))
        raise ValueError("unknown tag %r" % tag)


