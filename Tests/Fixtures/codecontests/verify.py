#!/usr/bin/python3
"""Re-verify the CodeContests fixtures against the dataset and manifest.json.

Usage:
  /usr/bin/python3 verify.py                  # verify everything listed in manifest.json
  /usr/bin/python3 verify.py --only 55 140    # only these problem dirs
  /usr/bin/python3 verify.py --run 55 slow.py [--timeout 10] [--tests 0,3]
                                              # development: run one file, print every test
Options: --dataset PATH (default: ../../../../shared/datasets/code/codecontests_test.jsonl
         relative to this file, or $CODECONTESTS_JSONL); --strict-time (a correct solution slower
         than 1.5 s on a test is an error instead of a warning: timings depend on machine load).
Runs one program at a time (C++ is compiled with g++ -std=c++17 -O2 into a temporary directory),
per-test timeout 10 s, address space capped at 2 GiB. Needs python3 and g++; standard library only.

Comparison ("default mode", mirrors Sources/AssayCode/Harness/OutputComparator.swift, mode .lines):
split on "\n"; strip trailing whitespace (space, \t, \r, \v, \f) from every line; drop trailing blank
lines; every expected line is required and no extra line is allowed. Lines match if identical, or if
their single-space-separated fields match pairwise: identical text, or both plain decimal numbers
that are not both integers and |a-b| <= 1e-6 or |a-b| <= 1e-6*max(|a|,|b|). Two integers must be
equal exactly (after normalising sign / leading zeros).

Manifest semantics per solution:
  expect "pass":    passes every test (judged by checker.py if the problem has one, else by the
                    default comparison). Optional "differs_from_expected": exact list of tests whose
                    output fails the default comparison (i.e. a different but valid answer).
  expect "fail":    "failing_tests" is the exact list of tests failing under the judge (checker if
                    present, otherwise default comparison); no test may time out.
                    For checker problems "failing_tests_default" lists default-comparison failures.
  expect "timeout": test "slow_test" must run longer than 6 s (killed at the timeout, 10 s);
                    every test in "passing_tests" must pass.
  For checker problems the checker must also accept the dataset's own expected outputs.
Exit status 0 only if everything matches.
"""
import argparse
import importlib.util
import resource
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # loading checker.py must not leave __pycache__ in the fixture dirs

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATASET = os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "..", "shared", "datasets", "code", "codecontests_test.jsonl"))
GXX = shutil.which("g++", path="/usr/bin") or shutil.which("g++") or "g++"
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
TIMEOUT = 10.0
SLOW_THRESHOLD = 6.0
CORRECT_TIME_LIMIT = 1.5
TOL = 1e-6

# ---------------------------------------------------------------- comparison

_WS = " \t\r\n\x0b\x0c"
_NUM = re.compile(r"^([+-]?)(\d*)(\.\d*)?([eE][+-]?\d+)?$")


def number_token(tok):
    """(value, is_integer, normalized_integer) or None, like NumberToken.swift."""
    m = _NUM.match(tok)
    if not m:
        return None
    sign, ip, frac, exp = m.groups()
    fd = frac[1:] if frac else ""
    if not ip and not fd:
        return None
    try:
        v = float(tok)
    except ValueError:
        return None
    if v != v or v in (float("inf"), float("-inf")):
        return None
    is_int = frac is None and exp is None
    norm = ""
    if is_int:
        d = ip.lstrip("0")
        norm = "0" if not d else ("-" if sign == "-" else "") + d
    return v, is_int, norm


def tokens_match(a, e):
    if a == e:
        return True
    x, y = number_token(a), number_token(e)
    if x is None or y is None:
        return False
    if x[1] and y[1]:
        return x[2] == y[2]
    diff = abs(x[0] - y[0])
    return diff <= TOL or diff <= TOL * max(abs(x[0]), abs(y[0]))


def normalized_lines(text):
    lines = [ln.rstrip(_WS) for ln in text.split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def line_matches(a, e):
    if a == e:
        return True
    fa, fe = a.split(" "), e.split(" ")
    return len(fa) == len(fe) and all(tokens_match(x, y) for x, y in zip(fa, fe))


def default_compare(actual, expected):
    a, e = normalized_lines(actual), normalized_lines(expected)
    if len(a) != len(e):
        return False
    return all(line_matches(x, y) for x, y in zip(a, e))

# ---------------------------------------------------------------- running


def load_dataset(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                rows[r["id"]] = r
    return rows


def compile_cpp(src, workdir):
    exe = os.path.join(workdir, re.sub(r"[^A-Za-z0-9_.-]", "_", os.path.relpath(src, HERE)) + ".bin")
    r = subprocess.run([GXX, "-std=c++17", "-O2", "-o", exe, src], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("compile failed: %s\n%s" % (src, r.stderr[-2000:]))
    return [exe]


def command_for(path, workdir):
    if path.endswith(".py"):
        return [PYTHON, path]
    if path.endswith(".cpp"):
        return compile_cpp(path, workdir)
    raise ValueError("unknown language: " + path)


MEMORY_LIMIT = 2 << 30  # address-space cap for every test run (bytes)


def _limits():
    os.setsid()
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ValueError, OSError):
        pass


def run_one(cmd, stdin, timeout):
    """Returns (stdout or None on timeout/crash, seconds, status)."""
    t0 = time.perf_counter()
    try:
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             preexec_fn=_limits)
    except OSError as ex:
        return None, 0.0, "error: %s" % ex
    try:
        out, err = p.communicate(stdin.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, 9)
        except OSError:
            p.kill()
        p.communicate()
        return None, time.perf_counter() - t0, "timeout"
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        return out.decode("utf-8", "replace"), dt, "exit %d: %s" % (p.returncode, err.decode("utf-8", "replace")[-300:])
    return out.decode("utf-8", "replace"), dt, "ok"


def load_checker(pdir, name):
    path = os.path.join(pdir, name)
    spec = importlib.util.spec_from_file_location("checker_" + os.path.basename(pdir), path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.check


def judge(checker, inp, out, exp):
    """(judge verdict, default-comparison verdict)."""
    d = default_compare(out, exp)
    if checker is None:
        return d, d
    try:
        c = bool(checker(inp, out, exp))
    except Exception:
        c = False
    return c, d


def run_tests(cmd, row, tests, timeout, checker):
    """Runs the tests one after another: [(index, seconds, status, judge verdict, default verdict)]."""
    res = []
    for i in tests:
        out, dt, st = run_one(cmd, row["inputs"][i], timeout)
        if out is None or st != "ok":
            res.append((i, dt, st, False, False))
            continue
        j, d = judge(checker, row["inputs"][i], out, row["outputs"][i])
        res.append((i, dt, st, j, d))
    return res

# ---------------------------------------------------------------- verify


def verify_solution(pdir, prob, sol, row, workdir, checker, strict_time, log):
    errors, warnings = [], []
    path = os.path.join(pdir, sol["file"])
    tag = "%s/%s" % (prob["dir"], sol["file"])
    try:
        cmd = command_for(path, workdir)
    except Exception as ex:
        return ["%s: %s" % (tag, ex)], warnings
    n = len(row["inputs"])
    exp = sol["expect"]
    if exp == "timeout":
        slow = sol["slow_test"]
        res = run_tests(cmd, row, [slow], TIMEOUT, checker)[0]
        if res[1] <= SLOW_THRESHOLD:
            errors.append("%s: slow test %d took only %.2fs (%s)" % (tag, slow, res[1], res[2]))
        small = sol.get("passing_tests", [])
        bad = [r[0] for r in run_tests(cmd, row, small, TIMEOUT, checker) if not r[3]]
        if bad:
            errors.append("%s: should pass tests %s" % (tag, bad))
        if not small:
            errors.append("%s: no passing_tests listed" % tag)
        log("  %-28s timeout  test %d: %s%.2fs; %d small tests %s" % (
            tag, slow, ">" if res[2] == "timeout" else "", res[1], len(small), "ok" if not bad else "BAD"))
        return errors, warnings
    results = run_tests(cmd, row, list(range(n)), TIMEOUT, checker)
    judged_fail = sorted(r[0] for r in results if not r[3])
    default_fail = sorted(r[0] for r in results if not r[4])
    timeouts = sorted(r[0] for r in results if r[2] == "timeout")
    crashes = sorted(r[0] for r in results if r[2] not in ("ok", "timeout"))
    tmax = max((r[1] for r in results), default=0.0)
    if exp == "pass":
        if judged_fail:
            errors.append("%s: expected pass, failed tests %s (timeouts %s, crashes %s)" % (
                tag, judged_fail, timeouts, crashes))
        want_diff = sol.get("differs_from_expected", [])
        if checker is not None and default_fail != sorted(want_diff):
            errors.append("%s: default-comparison differences %s, manifest says %s" % (tag, default_fail, want_diff))
        if tmax > CORRECT_TIME_LIMIT:
            msg = "%s: slowest test %.2fs > %.1fs" % (tag, tmax, CORRECT_TIME_LIMIT)
            (errors if strict_time else warnings).append(msg)
    elif exp == "fail":
        if timeouts:
            errors.append("%s: timed out on %s" % (tag, timeouts))
        if judged_fail != sorted(sol["failing_tests"]):
            errors.append("%s: failing tests %s, manifest says %s" % (tag, judged_fail, sol["failing_tests"]))
        if checker is not None and "failing_tests_default" in sol and default_fail != sorted(sol["failing_tests_default"]):
            errors.append("%s: default-comparison failures %s, manifest says %s" % (
                tag, default_fail, sol["failing_tests_default"]))
        if not judged_fail:
            errors.append("%s: wrong variant passes every test" % tag)
    else:
        errors.append("%s: unknown expect %r" % (tag, exp))
    log("  %-28s %-7s %d tests, max %.2fs, failing %s%s" % (
        tag, exp, n, tmax, judged_fail if len(judged_fail) < 12 else "%d tests" % len(judged_fail),
        "" if checker is None else " (default-comparison failing %s)" % (
            default_fail if len(default_fail) < 12 else "%d tests" % len(default_fail))))
    return errors, warnings


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", default=os.environ.get("CODECONTESTS_JSONL", DEFAULT_DATASET))
    ap.add_argument("--manifest", default=os.path.join(HERE, "manifest.json"))
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--strict-time", action="store_true")
    ap.add_argument("--run", nargs=2, metavar=("DIR", "FILE"))
    ap.add_argument("--timeout", type=float, default=TIMEOUT)
    ap.add_argument("--tests")
    args = ap.parse_args()
    rows = load_dataset(args.dataset)
    workdir = tempfile.mkdtemp(prefix="cc-verify-")
    try:
        if args.run:
            d, f = args.run
            pdir = os.path.join(HERE, d)
            row = rows["codecontests-test-%s" % d]
            checker = load_checker(pdir, "checker.py") if os.path.exists(os.path.join(pdir, "checker.py")) else None
            cmd = command_for(os.path.join(pdir, f), workdir)
            tests = [int(x) for x in args.tests.split(",")] if args.tests else list(range(len(row["inputs"])))
            res = run_tests(cmd, row, tests, args.timeout, checker)
            for i, dt, st, j, dflt in res:
                print("test %3d  %6.3fs  %-8s judge=%s default=%s" % (i, dt, st[:40], "PASS" if j else "FAIL",
                                                                     "PASS" if dflt else "FAIL"))
            print("judge-failing:", [r[0] for r in res if not r[3]])
            print("default-failing:", [r[0] for r in res if not r[4]])
            print("max time: %.3f" % max(r[1] for r in res))
            return 0
        with open(args.manifest, encoding="utf-8") as f:
            manifest = json.load(f)
        t0 = time.time()
        errors, warnings = [], []
        for prob in manifest["problems"]:
            if args.only and prob["dir"] not in args.only:
                continue
            row = rows.get(prob["id"])
            if row is None:
                errors.append("%s: not in dataset" % prob["id"])
                continue
            if prob["tests"] != len(row["inputs"]):
                errors.append("%s: manifest says %d tests, dataset has %d" % (prob["id"], prob["tests"], len(row["inputs"])))
            pdir = os.path.join(HERE, prob["dir"])
            checker = load_checker(pdir, prob["checker"]) if prob.get("checker") else None
            print("%s (%d tests%s)" % (prob["id"], len(row["inputs"]), ", checker" if checker else ""), flush=True)
            if checker is not None:
                rejected = [i for i, (inp, exp) in enumerate(zip(row["inputs"], row["outputs"]))
                            if not judge(checker, inp, exp, exp)[0]]
                if rejected:
                    errors.append("%s: checker rejects the dataset's own expected output on tests %s" % (prob["id"], rejected))
            for sol in prob["solutions"]:
                e, w = verify_solution(pdir, prob, sol, row, workdir, checker, args.strict_time,
                                       lambda s: print(s, flush=True))
                errors += e
                warnings += w
        for w in warnings:
            print("WARNING:", w)
        for e in errors:
            print("ERROR:", e)
        print("%s in %.1fs" % ("OK" if not errors else "%d ERRORS" % len(errors), time.time() - t0))
        return 1 if errors else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
