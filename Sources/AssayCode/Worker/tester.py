# Assay tester: runs function-level tests (HumanEval `check`, MBPP asserts) in a jail of its own (its own
# uid and pid namespace, like the forkserver's), calling the candidate's functions in the forkserver's
# child C over two pipes whose ends Swift passes for each item. It is persistent, so each distinct test
# source is parsed and compiled once; every item still gets a fresh namespace from the reference's code.
# Embedded in ForkServerSource+Tester.swift by scripts/embed-forkserver (after common.py); edit this file.
#
# Channels: 0 requests, 1 responses, 2 diagnostics, 5 the fd-passing socket.
#   tests {kind, trusted, tests, entry_point, wall} + (C->T read end, T->C write end) on fd 5
#     -> {total, results: [[pass, message]], timeout, reference_error?}
#
# The tests run here, the candidate there: units are one per MBPP statement, or one per top-level
# statement of `check` that holds an assert. Names the tests use that the reference's code does not
# define become proxies to C; values come back through Codec.decode as fresh built-in objects.

import ast, io, traceback
# Modules tests commonly use, loaded once.
import functools, math, heapq, bisect, re, string, typing, random, copy, operator
import fractions, decimal, statistics, datetime, hashlib, array, unittest

CANDIDATE_FRAME = 64 << 20
PREPARED = collections.OrderedDict()  # (kind, trusted, tests) -> compiled reference, module and units


class CandidateFailure(Exception):
    """The candidate process died, hung up, or sent something that is not a plain value."""


EXCEPTIONS = {name: obj for name, obj in vars(builtins).items()
              if isinstance(obj, type) and issubclass(obj, Exception)}


class Remote:
    """T's end of the pipe pair to C."""

    def __init__(self, rfd, wfd, deadline):
        self.rfd, self.wfd, self.deadline = rfd, wfd, deadline
        os.set_blocking(rfd, False)  # read_frame and write_frame wait with select only when they must
        os.set_blocking(wfd, False)
        self.codec = Codec(handle_for=self._no_handle, resolve=lambda h, t: RemoteObject(self, h, t))
        self.dead = None
        self.timed_out = False

    def _no_handle(self, v):
        if isinstance(v, RemoteObject):
            return v._handle
        raise TypeError("cannot pass a %s to the candidate" % type(v).__name__)

    def request(self, msg):
        if self.dead:
            raise CandidateFailure(self.dead)
        try:
            write_frame(self.wfd, msg, self.deadline)
            reply = read_frame(self.rfd, self.deadline, CANDIDATE_FRAME)
        except TimeoutError:
            self.dead = "time limit exceeded"
            self.timed_out = True
            raise CandidateFailure(self.dead)
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
            reply = read_frame(self.rfd, self.deadline, CANDIDATE_FRAME)
        except TimeoutError:
            self.dead = "time limit exceeded while loading"
            self.timed_out = True
            raise CandidateFailure(self.dead)
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


def prepare(spec):
    """Compiled (reference code, test module minus `check`, units, name of check's parameter), cached."""
    tests = spec.get("tests")
    key = (str(spec.get("kind")), str(spec.get("trusted")), tuple(str(t) for t in tests) if type(tests) is list else str(tests))
    if key in PREPARED:
        PREPARED.move_to_end(key)
        return PREPARED[key]
    trusted = compile(spec.get("trusted", ""), "<reference>", "exec")
    module = None
    param = "candidate"
    if spec["kind"] == "humaneval":
        tree = ast.parse(spec["tests"][0])
        rest = [n for n in tree.body if not (isinstance(n, ast.FunctionDef) and n.name == "check")]
        check = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "check"), None)
        if check is not None and check.args.args:
            param = check.args.args[0].arg
        module = compile(ast.Module(body=rest, type_ignores=[]), "<tests>", "exec")
    units = test_units(spec)
    referenced = set()
    for _, code in units:
        referenced |= code_names(code)
    prepared = (trusted, module, units, param, referenced)
    PREPARED[key] = prepared
    if len(PREPARED) > 512:
        PREPARED.popitem(last=False)
    return prepared


def op_tests(req):
    ct_r, tc_w = receive_fds(2)
    try:
        return run_tests(req, Remote(ct_r, tc_w, time.monotonic() + float(req.get("wall", 10))))
    finally:
        os.close(ct_r)
        os.close(tc_w)


def run_tests(spec, remote):
    try:
        trusted, module, units, param, referenced = prepare(spec)
        g = {"__name__": "__assay_tests__", "__builtins__": builtins}
        exec(trusted, g)
        if module is not None:
            exec(module, g)
    except Exception as e:
        return {"reference_error": "%s: %s" % (type(e).__name__, str(e)[:300]), "results": []}
    results = []
    try:
        hello = remote.hello()
    except CandidateFailure as e:
        return {"total": len(units), "results": [[False, str(e)[:300]] for _ in units], "timeout": remote.timed_out}
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
    entry = spec.get("entry_point")
    if entry:
        g[entry] = RemoteFunction(remote, entry)
        if spec["kind"] == "humaneval":
            g[param] = g[entry]
    for label, code in units:
        if remote.timed_out:
            results.append([False, "time limit exceeded"])
            continue
        try:
            exec(code, g)
            results.append([True, ""])
        except AssertionError as e:
            results.append([False, ("AssertionError: %s" % (str(e) or label))[:300]])
        except CandidateFailure as e:
            results.append([False, str(e)[:300]])
        except Exception as e:
            results.append([False, ("%s: %s" % (type(e).__name__, e))[:300]])
    return {"total": len(units), "results": results, "timeout": remote.timed_out}


def main():
    become_quiet_init()
    write_frame(1, {"pong": True, "pid": os.getpid(), "uid": os.getuid()})
    while True:
        try:
            req = read_frame(0)
        except (EOFError, OSError):
            os._exit(0)
        try:
            resp = op_tests(req) if req.get("op") == "tests" else {"error": "unknown op %r" % req.get("op")}
        except Exception as e:
            resp = {"error": "%s: %s" % (type(e).__name__, e)}
        write_frame(1, resp)
