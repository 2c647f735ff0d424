#!/usr/bin/env python3
"""Independent reference computation of pass@1, pass@k and cons@k, for the AssayBench tests.

Written from the definitions, not for speed; standard library only.

Usage:
    independent_metrics.py SAMPLES.jsonl --k 1,2,4
    independent_metrics.py --self-test

Input, one JSON object per line:
    {"problem": str, "sample": int (0-based index within its problem), "correct": bool,
     "vote": str or null, "meta": {field: str}}

Output (stdout), one JSON object:
    {"n_problems": int, "pass@1": float, "pass@k": {"<k>": float}, "cons@k": {"<k>": float},
     "breakdown": {"<field>": {"<value>": {"n_problems", "pass@1", "pass@k", "cons@k"}}}}

Definitions (per problem; a set's value is the plain mean over its problems):
- The samples of a problem are ordered by "sample". n = their number, c = the correct ones.
- pass@1 = c / n.
- pass@k = 1.0 if n - c < k, else 1 - comb(n - c, k) / comb(n, k) (exact rationals, then float).
- cons@k: the samples, in order, are cut into floor(n / k) consecutive blocks of k (leftover samples
  are ignored). In a block, samples whose vote is null do not vote; the winning vote has the most
  votes, ties going to the vote that first appears earliest in the block. The block scores 1 if the
  first sample of the block carrying the winning vote is correct, else 0; a block with no votes
  scores 0. The problem's cons@k is the mean over its blocks.
- A k is reported (in pass@k and cons@k) only if k <= n for every problem of the group being
  summarised; other ks are omitted.
- breakdown: for every field found in any problem's meta, the problems that have the field are
  grouped by its value and each group is summarised as above (so the ks reported in a group follow
  the same rule within the group). A problem's meta is the meta of its first sample (lowest
  "sample"); problems without the field are left out of that field's breakdown.
An empty input gives n_problems 0, pass@1 null and empty maps.
"""
import argparse
import itertools
import json
import math
import sys
from fractions import Fraction


def pass_at_k(n, c, k):
    """Exact pass@k of one problem as a Fraction."""
    if n - c < k:
        return Fraction(1)
    return 1 - Fraction(math.comb(n - c, k), math.comb(n, k))


def block_score(block):
    """block: list of (correct, vote) in order. 1 or 0 by the cons@k rule."""
    counts = {}
    first_at = {}
    for i, (_, vote) in enumerate(block):
        if vote is None:
            continue
        counts[vote] = counts.get(vote, 0) + 1
        if vote not in first_at:
            first_at[vote] = i
    if not counts:
        return 0
    best = None
    for vote in counts:
        if best is None or counts[vote] > counts[best] or (counts[vote] == counts[best] and first_at[vote] < first_at[best]):
            best = vote
    return 1 if block[first_at[best]][0] else 0


def cons_at_k(samples, k):
    """samples: list of (correct, vote) in order. Exact mean over the floor(n/k) blocks, as a Fraction."""
    blocks = [samples[i * k:(i + 1) * k] for i in range(len(samples) // k)]
    return Fraction(sum(block_score(b) for b in blocks), len(blocks))


def summarise(problems, ks):
    """problems: list of lists of (correct, vote), each in sample order."""
    n_problems = len(problems)
    if n_problems == 0:
        return {"n_problems": 0, "pass@1": None, "pass@k": {}, "cons@k": {}}
    usable = [k for k in ks if all(k <= len(p) for p in problems)]
    out = {"n_problems": n_problems}
    out["pass@1"] = float(sum(Fraction(sum(1 for ok, _ in p if ok), len(p)) for p in problems) / n_problems)
    out["pass@k"] = {}
    out["cons@k"] = {}
    for k in usable:
        total = sum(pass_at_k(len(p), sum(1 for ok, _ in p if ok), k) for p in problems)
        out["pass@k"][str(k)] = float(total / n_problems)
    for k in usable:
        total = sum(cons_at_k(p, k) for p in problems)
        out["cons@k"][str(k)] = float(total / n_problems)
    return out


def compute(rows, ks):
    by_problem = {}
    order = []
    for row in rows:
        pid = row["problem"]
        if pid not in by_problem:
            by_problem[pid] = []
            order.append(pid)
        by_problem[pid].append(row)
    problems = {}
    metas = {}
    for pid in order:
        rs = sorted(by_problem[pid], key=lambda r: r["sample"])  # sorted() is stable: ties keep file order
        indices = [r["sample"] for r in rs]
        if len(set(indices)) != len(indices):
            raise SystemExit(f"problem {pid!r}: duplicate sample index")
        problems[pid] = [(bool(r["correct"]), r.get("vote")) for r in rs]
        metas[pid] = rs[0].get("meta") or {}
    result = summarise([problems[pid] for pid in order], ks)
    fields = sorted({f for pid in order for f in metas[pid]})
    result["breakdown"] = {}
    for field in fields:
        groups = {}
        for pid in order:
            if field in metas[pid]:
                groups.setdefault(str(metas[pid][field]), []).append(problems[pid])
        result["breakdown"][field] = {value: summarise(groups[value], ks) for value in sorted(groups)}
    return result


def self_test():
    failures = []

    def check(name, got, want):
        if got != want:
            failures.append(f"{name}: got {got!r}, want {want!r}")

    # pass@k against brute force over all k-subsets of the n samples.
    for n in range(1, 9):
        for c in range(n + 1):
            outcomes = [True] * c + [False] * (n - c)
            for k in range(1, n + 1):
                subsets = list(itertools.combinations(range(n), k))
                hit = sum(1 for s in subsets if any(outcomes[i] for i in s))
                check(f"pass@{k} n={n} c={c}", pass_at_k(n, c, k), Fraction(hit, len(subsets)))
    # pass@1 is c/n.
    check("pass@1 n=7 c=3", pass_at_k(7, 3, 1), Fraction(3, 7))

    T, F = True, False
    # cons@k, hand-worked.
    # Tie a:2, b:2; a appears first; its first sample (index 0) is wrong -> 0.
    check("tie, first vote wrong", cons_at_k([(F, "a"), (T, "b"), (F, "a"), (T, "b")], 4), Fraction(0))
    # Tie b:2, a:2; b appears first; its first sample is right -> 1.
    check("tie, first vote right", cons_at_k([(T, "b"), (F, "a"), (F, "a"), (T, "b")], 4), Fraction(1))
    # Null does not vote; y wins 2:1; the first y (index 2) is right even though the second is not -> 1.
    check("null abstains, first carrier decides", cons_at_k([(F, None), (F, "x"), (T, "y"), (F, "y")], 4), Fraction(1))
    # The first carrier of the winning vote decides, not any carrier: y wins 2:1, first y wrong -> 0.
    check("first carrier wrong, later right", cons_at_k([(F, "y"), (T, "y"), (T, "x")], 3), Fraction(0))
    # No votes at all -> 0, even if a sample is correct.
    check("no votes", cons_at_k([(T, None), (T, None)], 2), Fraction(0))
    # n = 10, k = 4: two blocks, two leftovers ignored. Block 1: a wins 2:1:1, first a right -> 1.
    # Block 2: b wins 2:1, first b wrong -> 0. Leftovers (right) do not count. -> 1/2.
    ten = [(T, "a"), (T, "a"), (F, "b"), (F, "c"), (F, "b"), (F, "b"), (T, "a"), (F, None), (T, "a"), (T, "a")]
    check("blocks and leftovers", cons_at_k(ten, 4), Fraction(1, 2))
    # k = 1: each sample its own block; null -> 0.
    check("k=1", cons_at_k([(T, "a"), (F, "b"), (T, None), (T, "c")], 1), Fraction(2, 4))
    # Majority beats an earlier singleton: a:1 then b:2 -> b; first b (index 1) right -> 1.
    check("majority over first", cons_at_k([(F, "a"), (T, "b"), (F, "b")], 3), Fraction(1))

    # End to end: lines out of order, meta breakdown, k omitted when some problem has fewer samples.
    rows = []
    p1 = [(T, "1"), (F, "2"), (F, "2"), (T, "1")]          # c=2, n=4; cons@2: [1,2] tie->1 right=1; [2,1] tie->2 wrong=0 -> 1/2
    p2 = [(F, "7"), (F, "7"), (F, None), (F, "8")]          # c=0 -> all zero
    p3 = [(T, "5"), (T, "5")]                               # n=2, c=2
    for pid, samples, level in (("p1", p1, "1"), ("p2", p2, "2"), ("p3", p3, "1")):
        for i, (ok, vote) in enumerate(samples):
            rows.append({"problem": pid, "sample": i, "correct": ok, "vote": vote, "meta": {"level": level}})
    rows.reverse()
    got = compute(rows, [1, 2, 4])
    # pass@2: p1 = 1 - C(2,2)/C(4,2) = 5/6; p2 = 0; p3 = 1 -> mean 11/18. k=4 omitted (p3 has n=2).
    want = {
        "n_problems": 3,
        "pass@1": float(Fraction(1, 2) / 3 + Fraction(1, 3)),
        "pass@k": {"1": float(Fraction(1, 2)), "2": float(Fraction(11, 18))},
        "cons@k": {"1": float((Fraction(2, 4) + 0 + 1) / 3), "2": float((Fraction(1, 2) + 0 + 1) / 3)},
        "breakdown": {"level": {
            "1": {"n_problems": 2, "pass@1": 0.75, "pass@k": {"1": 0.75, "2": float((Fraction(5, 6) + 1) / 2)},
                  "cons@k": {"1": 0.75, "2": 0.75}},
            "2": {"n_problems": 1, "pass@1": 0.0, "pass@k": {"1": 0.0, "2": 0.0, "4": 0.0},
                  "cons@k": {"1": 0.0, "2": 0.0, "4": 0.0}},
        }},
    }
    check("end to end", got, want)

    if failures:
        for f in failures:
            print("FAIL", f, file=sys.stderr)
        return 1
    print("self-test passed", file=sys.stderr)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("samples", nargs="?", help="samples JSONL")
    ap.add_argument("--k", default="1", help="comma-separated ks, e.g. 1,2,4 (default 1)")
    ap.add_argument("--self-test", action="store_true", help="check against brute force and hand-worked cases")
    args = ap.parse_args()
    if args.self_test:
        sys.exit(self_test())
    if not args.samples:
        ap.error("a samples file is required (or --self-test)")
    ks = []
    for part in args.k.split(","):
        k = int(part)
        if k < 1:
            ap.error("every k must be at least 1")
        if k not in ks:
            ks.append(k)
    with open(args.samples, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    json.dump(compute(rows, ks), sys.stdout, sort_keys=False)
    print()


if __name__ == "__main__":
    main()
