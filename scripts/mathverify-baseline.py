#!/usr/bin/env python3
"""math-verify baseline on (gold, completion, label) pairs, for the differential test and bench-math.

Usage (inside the bench venv, see scripts/setup-bench-venv):
    .build/bench-venv/bin/python scripts/mathverify-baseline.py [PAIRS] [--out VERDICTS] [--limit N]

PAIRS defaults to .build/bench/math-pairs.jsonl (written by scripts/make-math-pairs.py); VERDICTS to
.build/bench/mathverify-verdicts.jsonl (one line per pair: id, source, label, verdict, what math-verify
extracted from gold and completion, µs, error).

Per item, following the math-verify README: gold = parse("$" + gold + "$") (falling back to
parse("\\boxed{" + gold + "}") when that finds nothing), answer = parse(completion), verdict =
verify(gold, answer). Everything runs in-process in this one interpreter, on the main thread (math-verify's
timeouts use SIGALRM, which only works there); only parse+parse+verify is timed (time.perf_counter_ns),
not JSON I/O. math-verify's own timeouts (parsing_timeout=5 s, timeout_seconds=5 s by default) are left
on; a timeout or any exception counts as verdict false and is recorded in `error`. A probe at start-up
records what math-verify does when called from a worker thread (`thread_probe` in the summary).
Note: math-verify memoises LaTeX parsing (functools.lru_cache), so repeated golds get cheaper; that is
its normal in-process behaviour and is left as is.

Prints one JSON summary on stdout: accuracy against labels (all, labelled completions, synthetic, per
source), median / p99 / mean µs per item, total timed seconds, and the labelled completions where
math-verify disagrees with the label (first --show, default 30).
"""
import argparse
import importlib.metadata as metadata
import json
import os
import statistics
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_math_verify():
    try:
        from math_verify import parse, verify  # noqa: WPS433
    except ImportError:
        sys.exit("math-verify is not installed: run scripts/setup-bench-venv and use .build/bench-venv/bin/python")
    return parse, verify


def parse_gold(parse, gold):
    parsed = parse("$" + gold + "$")
    if not parsed:
        parsed = parse("\\boxed{" + gold + "}")
    return parsed


def describe(parsed):
    """What math-verify extracted: the string it matched (second element) or the sympy value."""
    if not parsed:
        return None
    if len(parsed) > 1 and isinstance(parsed[1], str):
        return parsed[1]
    return str(parsed[0])


def thread_probe(parse, verify):
    result = {}

    def run():
        try:
            ok = verify(parse("$\\frac{1}{2}$"), parse("The answer is $\\boxed{0.5}$."))
            result["verdict"] = ok
        except BaseException as exc:  # noqa: BLE001
            result["error"] = f"{type(exc).__name__}: {exc}"

    t = threading.Thread(target=run)
    t.start()
    t.join()
    if "error" in result:
        return "raises in a worker thread: " + result["error"]
    return f"returned {result.get('verdict')} in a worker thread (no exception; failures are swallowed by raise_on_error=False)"


def percentile(sorted_values, q):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, int(round(q * (len(sorted_values) - 1)))))
    return sorted_values[k]


def main():
    ap = argparse.ArgumentParser(description="math-verify baseline")
    ap.add_argument("pairs", nargs="?", default=os.path.join(ROOT, ".build", "bench", "math-pairs.jsonl"))
    ap.add_argument("--out", default=os.path.join(ROOT, ".build", "bench", "mathverify-verdicts.jsonl"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N pairs (0 = all)")
    ap.add_argument("--show", type=int, default=30, help="labelled disagreements to list")
    args = ap.parse_args()

    parse, verify = load_math_verify()
    with open(args.pairs, encoding="utf-8") as f:
        pairs = [json.loads(line) for line in f if line.strip()]
    if args.limit:
        pairs = pairs[: args.limit]

    probe = thread_probe(parse, verify)
    # Warm-up (imports inside sympy / latex2sympy happen lazily on first use); not timed.
    verify(parse_gold(parse, "1"), parse("\\boxed{1}"))

    verdicts, times_us, errors = [], [], 0
    wall0 = time.perf_counter()
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for p in pairs:
            error = None
            gold_parsed = answer_parsed = None
            t0 = time.perf_counter_ns()
            try:
                gold_parsed = parse_gold(parse, p["gold"])
                answer_parsed = parse(p["completion"])
                ok = bool(verify(gold_parsed, answer_parsed))
            except BaseException as exc:  # noqa: BLE001  (TimeoutException, RecursionError, …)
                if isinstance(exc, KeyboardInterrupt):
                    raise
                ok = False
                error = f"{type(exc).__name__}: {exc}"[:300]
            t1 = time.perf_counter_ns()
            us = (t1 - t0) / 1000.0
            times_us.append(us)
            errors += error is not None
            rec = {"id": p["id"], "source": p.get("source", ""), "label": bool(p["label"]), "verdict": ok,
                   "gold": p["gold"], "gold_parsed": describe(gold_parsed), "extracted": describe(answer_parsed),
                   "us": round(us, 1), "error": error}
            verdicts.append(rec)
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    wall = time.perf_counter() - wall0

    def acc(rows):
        return round(sum(r["verdict"] == r["label"] for r in rows) / len(rows), 4) if rows else None

    labelled = [r for r in verdicts if r["source"].startswith("labelled/")]
    synthetic = [r for r in verdicts if not r["source"].startswith("labelled/")]
    groups = {}
    for r in verdicts:
        parts = r["source"].split("/")
        key = parts[0] + "/" + (parts[2].split(":")[0] if len(parts) > 2 else parts[1])
        groups.setdefault(key, []).append(r)
    by_transform = {}
    for r in synthetic:
        by_transform.setdefault(r["source"].split("/")[-1], []).append(r)
    disagreements = [r for r in labelled if r["verdict"] != r["label"]]
    ts = sorted(times_us)
    summary = {
        "math_verify": metadata.version("math-verify"),
        "sympy": metadata.version("sympy"),
        "latex2sympy2_extended": metadata.version("latex2sympy2_extended"),
        "python": sys.version.split()[0],
        "pairs": len(verdicts),
        "accuracy_all": acc(verdicts),
        "accuracy_labelled": acc(labelled),
        "labelled": len(labelled),
        "accuracy_synthetic": acc(synthetic),
        "synthetic": len(synthetic),
        "accuracy_by_group": {k: {"n": len(v), "accuracy": acc(v)} for k, v in sorted(groups.items())},
        "accuracy_by_transformation": {k: {"n": len(v), "accuracy": acc(v)} for k, v in sorted(by_transform.items())},
        "median_us": round(statistics.median(ts), 1) if ts else None,
        "p99_us": round(percentile(ts, 0.99), 1) if ts else None,
        "mean_us": round(statistics.fmean(ts), 1) if ts else None,
        "max_us": round(ts[-1], 1) if ts else None,
        "total_timed_seconds": round(sum(ts) / 1e6, 3),
        "wall_seconds": round(wall, 3),
        "errors": errors,
        "thread_probe": probe,
        "verdicts_file": args.out,
        "labelled_disagreements": len(disagreements),
        "labelled_disagreements_shown": [
            {"id": r["id"], "label": r["label"], "mathverify": r["verdict"], "gold": r["gold"],
             "extracted": r["extracted"], "error": r["error"]}
            for r in disagreements[: args.show]
        ],
    }
    json.dump(summary, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
