#!/usr/bin/env python3
"""Helpers of scripts/bench-set (standard library only).

pairs SET COMPLETIONS OUT      one (id, gold, completion, label) line per sample, for mathverify-baseline.py
compare ASSAY_JSON ASSAY_SAMPLES MV_JSON MV_VERDICTS
                               prints both graders' pass@1, label agreement, time and the speed ratio
"""
import json
import sys


def pairs(set_path, completions_path, out_path):
    gold = {}
    with open(set_path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            gold[str(row["id"])] = str(row["answer"])
    n = 0
    with open(completions_path, encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as out:
        for line in f:
            row = json.loads(line)
            labels = row.get("labels") or [None] * len(row["completions"])
            for i, (text, label) in enumerate(zip(row["completions"], labels)):
                out.write(json.dumps({"id": f"{row['id']}#{i}", "gold": gold[row["id"]], "completion": text,
                                      "label": bool(label), "source": "synthetic/set"}) + "\n")
                n += 1
    print(f"{n} (gold, completion) pairs written", file=sys.stderr)


def compare(assay_json, assay_samples, mv_json, mv_verdicts):
    ours = json.load(open(assay_json, encoding="utf-8"))
    theirs = json.load(open(mv_json, encoding="utf-8"))
    samples = [json.loads(l) for l in open(assay_samples, encoding="utf-8")]
    verdicts = [json.loads(l) for l in open(mv_verdicts, encoding="utf-8")]
    n = len(samples)
    # pass@1 as the mean over problems of the share correct, from math-verify's verdicts.
    per_problem = {}
    for v in verdicts:
        problem = v["id"].rsplit("#", 1)[0]
        per_problem.setdefault(problem, []).append(v["verdict"])
    mv_pass1 = sum(sum(v) / len(v) for v in per_problem.values()) / len(per_problem)
    ours_wrong = sum(s["correct"] != s["label"] for s in samples)
    mv_wrong = sum(v["verdict"] != v["label"] for v in verdicts)
    ours_s = ours["seconds"]
    mv_s = theirs["total_timed_seconds"]
    print(f"{'':28}{'pass@1':>9}{'≠ label':>10}{'seconds':>10}{'samples/s':>12}")
    print(f"{'assay (1 worker)':28}{ours['pass@1']:9.4f}{ours_wrong:10d}{ours_s:10.3f}{n / ours_s:12.0f}")
    print(f"{'math-verify ' + theirs['math_verify']:28}{mv_pass1:9.4f}{mv_wrong:10d}{mv_s:10.3f}{n / mv_s:12.0f}")
    print(f"labels: the synthesiser's intent; assay is {mv_s / ours_s:.0f}× faster on {n} samples "
          f"(math-verify timed around parse+verify only, assay around the whole engine batch)")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "pairs":
        pairs(*sys.argv[2:])
    elif len(sys.argv) == 6 and sys.argv[1] == "compare":
        compare(*sys.argv[2:])
    else:
        sys.exit(__doc__)
