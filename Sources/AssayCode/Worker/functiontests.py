# Function-level tests (HumanEval `check`, MBPP asserts) with the tests and the candidate in two
# processes. Appended to forkserver.py by scripts/embed-forkserver.
#
# T (trusted) runs the reference's own code: the prompt or test_setup_code, then the tests, split
# into units (one per MBPP statement; one per top-level statement of `check` that contains an
# assert). Names the tests use that the trusted code does not define are proxies to C.
# C (candidate) runs the completion, then serves calls: {"call": name|handle, "args", "kwargs"}.
# Values cross as tagged JSON built only from exact built-in types; anything else stays in C as
# an opaque handle that compares equal to nothing on T's side.

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


class CandidateFailure(Exception):
    """The candidate process died, hung up, or sent something that is not a plain value."""


EXCEPTIONS = {name: obj for name, obj in vars(builtins).items()
              if isinstance(obj, type) and issubclass(obj, Exception)}


class Remote:
    """T's end of the pipe pair to C."""

    def __init__(self, rfd, wfd):
        self.rfd, self.wfd = rfd, wfd
        self.codec = Codec(handle_for=self._no_handle, resolve=lambda h, t: RemoteObject(self, h, t))
        self.dead = None

    def _no_handle(self, v):
        if isinstance(v, RemoteObject):
            return v._handle
        raise TypeError("cannot pass a %s to the candidate" % type(v).__name__)

    def request(self, msg):
        if self.dead:
            raise CandidateFailure(self.dead)
        try:
            write_frame(self.wfd, msg)
            reply = read_frame(self.rfd)
        except (EOFError, OSError, ValueError) as e:
            self.dead = "candidate process ended (%s)" % (type(e).__name__ if not isinstance(e, EOFError) else "exit")
            raise CandidateFailure(self.dead)
        if type(reply) is not dict:
            raise CandidateFailure("malformed reply")
        if "raise" in reply:
            name = str(reply.get("raise"))[:80]
            message = str(reply.get("message", ""))[:500]
            cls = EXCEPTIONS.get(name)
            if cls is None or cls in (SystemExit, KeyboardInterrupt, GeneratorExit):
                raise CandidateFailure("%s: %s" % (name, message))
            raise cls(message)
        try:
            return self.codec.decode(reply.get("ok"))
        except Exception as e:
            raise CandidateFailure("candidate returned a value that is not plain data (%s)" % e)

    def hello(self):
        """C's first frame: its top-level names and their kinds, or why loading failed."""
        try:
            reply = read_frame(self.rfd)
        except (EOFError, OSError, ValueError):
            self.dead = "candidate process ended while loading"
            raise CandidateFailure(self.dead)
        if type(reply) is dict and type(reply.get("ok")) is dict:
            return {str(k): str(v) for k, v in reply["ok"].items()}
        self.dead = str(reply.get("message", "candidate failed to load") if type(reply) is dict else "malformed reply")[:400]
        raise CandidateFailure(self.dead)

    def call(self, target, args, kwargs):
        self.codec.count = 0
        enc_args = [self.codec.encode(a) for a in args]
        enc_kwargs = {str(k): self.codec.encode(x) for k, x in kwargs.items()}
        result = self.request({"call": target, "args": enc_args, "kwargs": enc_kwargs})
        return result


class RemoteFunction:
    def __init__(self, remote, name):
        self._remote, self._name = remote, name

    def __call__(self, *args, **kwargs):
        return self._remote.call(self._name, args, kwargs)

    def __repr__(self):
        return "<candidate function %s>" % self._name


class RemoteObject:
    """An object that stayed in C. It never compares equal to anything but itself."""

    def __init__(self, remote, handle, type_name):
        object.__setattr__(self, "_remote", remote)
        object.__setattr__(self, "_handle", handle)
        object.__setattr__(self, "_type", type_name)

    def __getattr__(self, name):
        return self._remote.request({"getattr": self._handle, "name": name})

    def __call__(self, *args, **kwargs):
        return self._remote.call({"h": self._handle}, args, kwargs)

    def __eq__(self, other):
        return other is self

    def __hash__(self):
        return id(self)

    def __repr__(self):
        return "<candidate %s object>" % self._type


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


def code_names(code):
    """Global names a code object (and the functions and comprehensions inside it) refers to."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, type(code)):
            names |= code_names(const)
    return names


def test_units(spec):
    """The tests as a list of (label, code object), compiled from the reference's sources."""
    if spec["kind"] == "mbpp":
        return [(src.strip()[:160], compile(src, "<test %d>" % i, "exec")) for i, src in enumerate(spec["tests"])]
    source = spec["tests"][0]
    tree = ast.parse(source)
    check = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "check"), None)
    if check is None:
        raise ValueError("the tests do not define check(candidate)")
    units, pending = [], []
    for stmt in check.body:
        pending.append(stmt)
        if any(isinstance(n, ast.Assert) for n in ast.walk(stmt)):
            units.append(pending)
            pending = []
    if pending and units:
        units[-1].extend(pending)
    elif pending:
        units.append(pending)
    out = []
    for i, body in enumerate(units):
        label = (ast.get_source_segment(source, body[-1]) or "check statement %d" % i).strip()
        out.append((label[:160], compile(ast.Module(body=body, type_ignores=[]), "<check %d>" % i, "exec")))
    return out


def run_trusted(results_fd, remote):
    """T: reads the tests (fd 3, a single frame), acknowledges, then reports one line per unit."""
    spec = read_frame(3)
    os.close(3)
    emit = lambda obj: os.write(results_fd, (json.dumps(obj) + "\n").encode())
    try:
        g = {"__name__": "__assay_tests__", "__builtins__": builtins}
        exec(compile(spec.get("trusted", ""), "<reference>", "exec"), g)
        if spec["kind"] == "humaneval":
            exec(compile(spec["tests"][0], "<tests>", "exec"), g)
        units = test_units(spec)
    except Exception as e:
        emit({"reference_error": "%s: %s" % (type(e).__name__, str(e)[:300])})
        os._exit(0)
    emit({"total": len(units)})
    try:
        hello = remote.hello()
    except CandidateFailure as e:
        for label, _ in units:
            emit({"pass": False, "message": str(e)[:300]})
        os._exit(0)
    entry = spec.get("entry_point")
    param = "candidate"
    if spec["kind"] == "humaneval":
        check = g.get("check")
        if callable(check) and getattr(check, "__code__", None) and check.__code__.co_argcount:
            param = check.__code__.co_varnames[0]
    referenced = set()
    for label, code in units:
        referenced.update(code_names(code))
    for name in referenced:
        # The candidate's own definitions shadow builtins, as they would in one namespace.
        if name in g or name not in hello:
            continue
        kind = hello[name]
        if kind.startswith("module:"):
            try:
                g[name] = __import__(kind[7:])
            except Exception:
                pass
        elif kind == "callable":
            g[name] = RemoteFunction(remote, name)
        else:
            try:
                g[name] = remote.request({"get": name})
            except Exception:
                pass
    if entry:
        g[entry] = RemoteFunction(remote, entry)
        if spec["kind"] == "humaneval":
            g[param] = g[entry]
    for label, code in units:
        try:
            exec(code, g)
            emit({"pass": True})
        except AssertionError as e:
            emit({"pass": False, "message": ("AssertionError: %s" % (str(e) or label))[:300]})
        except CandidateFailure as e:
            emit({"pass": False, "message": str(e)[:300]})
        except Exception as e:
            emit({"pass": False, "message": ("%s: %s" % (type(e).__name__, e))[:300]})
    os._exit(0)


def op_pytests(req):
    """Forks T (which takes the tests from fd 3), waits for its acknowledgement, forks C, and
    collects T's per-unit results until it exits or the wall deadline passes."""
    if req.get("fresh"):
        op_reset(req)
    limits = req.get("limits", {})
    wall = float(limits.get("wall", 10))
    start = time.monotonic()
    deadline = start + wall
    job = os.path.join(WORK, "job")
    os.makedirs(job, exist_ok=True)
    res_r, res_w = os.pipe()
    tc_r, tc_w = os.pipe()   # T -> C
    ct_r, ct_w = os.pipe()   # C -> T
    null = os.open(os.devnull, os.O_RDWR)
    t_limits = {"wall": wall, "as": 1 << 30, "nofile": 64, "fsize": 1 << 20}

    def trusted():
        enter_child(t_limits, "/", (null, null, null), keep=(3, res_w, ct_r, tc_w))
        run_trusted(4, Remote(5, 6))

    t_pid = fork_child(trusted)
    os.close(res_w)
    t_wait = ChildWaiter(t_pid)
    lines, buf = [], b""
    acknowledged = timed_out = False
    c_pid = None
    while True:
        now = time.monotonic()
        if now >= deadline:
            timed_out = True
            break
        r, _, _ = select.select([res_r], [], [], deadline - now)
        if not r:
            continue
        chunk = os.read(res_r, 65536)
        if not chunk:
            break
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            lines.append(json.loads(line))
        if not acknowledged and lines:
            acknowledged = True
            if "reference_error" not in lines[0]:
                def candidate():
                    enter_child(limits, job, (null, null, null), keep=(tc_r, ct_w))
                    serve_candidate(req.get("code", ""))
                c_pid = fork_child(candidate)
            for fd in (tc_r, tc_w, ct_r, ct_w):
                os.close(fd)
    if not acknowledged:
        for fd in (tc_r, tc_w, ct_r, ct_w):
            os.close(fd)
    os.close(res_r)
    os.close(null)
    c_status = None
    if c_pid is not None:
        c_wait = ChildWaiter(c_pid)
        c_status = c_wait.finish()
    t_wait.finish()
    resp = {"ms": round((time.monotonic() - start) * 1000, 3), "timeout": timed_out, "acknowledged": acknowledged}
    results = []
    for line in lines:
        if "reference_error" in line:
            resp["reference_error"] = line["reference_error"]
        elif "total" in line:
            resp["total"] = line["total"]
        else:
            results.append([bool(line.get("pass")), str(line.get("message", ""))])
    resp["results"] = results
    if c_status is not None and os.WIFSIGNALED(c_status):
        resp["candidate_signal"] = os.WTERMSIG(c_status)
    return resp
