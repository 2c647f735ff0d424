#!/usr/bin/python3
"""Build the (gold, completion, label) pairs used by the math verifier benchmark and differential test.

Usage: /usr/bin/python3 scripts/make-math-pairs.py [--datasets DIR] [--out FILE] [--seed N]

Defaults: DIR = <repo>/../shared/datasets, FILE = <repo>/.build/bench/math-pairs.jsonl, seed 20240601.
Standard library only; deterministic for a given seed and input (one seeded random.Random, rows processed
in file order). Every output line is {"id", "gold", "completion", "label", "source"}.

1. Labelled completions (2,000): completions/math_completions.jsonl as is: gold = gold_answer,
   label = label, source = "labelled/<dataset>" (Qwen2.5-Math on MATH, GPT-3 on GSM8K).

2. Synthetic completions around the gold answers of math/{math500, aime2024, aime2025, amc23,
   olympiadbench, gsm8k_test}.jsonl. Olympiad golds lose their surrounding `$…$`; multi-answer golds are
   the final answers joined with ", "; rows with a unit or a gold that still holds `$` are skipped.
   For every gold we write one EQUIVALENT rewrite (label true) and, when one applies, one NEAR-MISS
   (label false). The transformation is drawn uniformly from the ones that apply to that gold:

   Equivalent (label true)                        Near-miss (label false)
   -------------------------------------------    --------------------------------------------------
   dfrac       \\frac -> \\dfrac                   off_by_one     integer n -> n+1 or n-1
   tfrac       \\frac -> \\tfrac                   sign_flip      a nonzero number -> its negation
   slash       \\frac{a}{b} -> a/b                  swap_frac      \\frac{a}{b} -> \\frac{b}{a} (a != b)
   frac_short  \\frac{a}{b} -> \\frac ab (digits)   bracket        (a, b) <-> [a, b] at a finite end
   decimal     \\frac{a}{b} -> exact decimal when    drop_element   unordered list -> its first element
               b has no prime factor but 2 and 5    percent_scale  integer n -> 100 n
   thousands   integer >= 1000 -> 1,234 / 1{,}234 / last_digit     decimal: last digit + 1 (mod 10)
               1\\,234 (one drawn)                   sqrt_drop      k\\sqrt{m} -> k
   var_prefix  number -> "x = number"              plus_to_minus  first binary + -> -
   reorder     unordered list -> reversed order    exponent_bump  first ^2 / ^{n} -> ^3 / ^{n+1}
   left_right  (a, b) -> \\left( a, b \\right)
   point_zero  integer n < 1000 -> n.0
   identity    unchanged (only when nothing else applies)

   "Unordered list" = a top-level comma list with no enclosing bracket (all solutions of an equation,
   OlympiadBench multi-answer golds); tuples and intervals keep their order.

   Completion templates (drawn per pair): R1 style
       <think>\\n…reasoning…\\n</think>\\n<answer>\\nThe final answer is $\\boxed{X}$.\\n</answer>
   and plain "…reasoning…\\n\\nThe final answer is \\boxed{X}." (or "Therefore, the final answer is $\\boxed{X}$.").
   The reasoning is neutral filler without numbers. source = "synthetic/<set>/<eq|nm>:<transformation>".
"""
import argparse
import ast
import json
import os
import random
import re
import sys
from fractions import Fraction

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FRAC = re.compile(r"(-?)\\[dt]?frac\{(\d+)\}\{(\d+)\}")
INT = re.compile(r"-?\d+")
DEC = re.compile(r"-?\d*\.\d+")
NUMBER = re.compile(r"-?(\d+|\d*\.\d+|\\[dt]?frac\{\d+\}\{\d+\})")
SQRT_TERM = re.compile(r"(\d+)\s*\\sqrt\{(\d+)\}")

FILLER = [
    "Let me restate the problem and identify what is being asked.",
    "I will set up the relevant equations and simplify them carefully.",
    "Checking the computation once more confirms the result.",
    "Substituting back into the original conditions shows that everything is consistent.",
    "We simplify the expression and collect like terms.",
    "The key observation is the symmetry of the configuration.",
]


def split_top_level(s):
    """Split on commas that are not inside (), [], {}."""
    parts, depth, cur = [], 0, []
    for ch in s:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur).strip())
    return parts


def is_unordered_list(g):
    if g[:1] in "([" or g.startswith("\\left") or g.startswith("\\{"):
        return False
    if re.search(r"\d,\d{3}\b|,\\!|\{,\}", g.replace(" ", "")):
        return False  # thousands separators (1,000 / 10,\!080 / 1{,}000), not a list
    parts = split_top_level(g)
    return len(parts) >= 2 and all(parts)


def is_bracketed_pair(g):
    """A single tuple or interval: the first bracket closes at the very end, with a top-level comma."""
    s = g.strip()
    if s[:1] not in "([" or s[-1:] not in ")]":
        return False
    depth = 0
    for i, ch in enumerate(s):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0 and i != len(s) - 1:
                return False
    return depth == 0 and len(split_top_level(s[1:-1])) >= 2


# ---- equivalent rewrites -------------------------------------------------------------------------

def eq_dfrac(g):
    return g.replace("\\frac", "\\dfrac") if "\\frac" in g and "\\dfrac" not in g else None


def eq_tfrac(g):
    return g.replace("\\frac", "\\tfrac") if "\\frac" in g and "\\tfrac" not in g else None


def eq_slash(g):
    m = FRAC.fullmatch(g)
    return f"{m[1]}{m[2]}/{m[3]}" if m else None


def eq_frac_short(g):
    m = FRAC.fullmatch(g)
    return f"{m[1]}\\frac{m[2]}{m[3]}" if m and len(m[2]) == 1 and len(m[3]) == 1 else None


def eq_decimal(g):
    m = FRAC.fullmatch(g)
    if not m or int(m[3]) == 0:
        return None
    b = int(m[3])
    while b % 2 == 0:
        b //= 2
    while b % 5 == 0:
        b //= 5
    if b != 1:
        return None
    q = Fraction(int(m[2]), int(m[3]))
    whole, rest = divmod(q.numerator, q.denominator)
    digits = ""
    while rest:
        rest *= 10
        d, rest = divmod(rest, q.denominator)
        digits += str(d)
    text = f"{whole}.{digits}" if digits else str(whole)
    return m[1] + text


def eq_thousands(g, rng):
    if not INT.fullmatch(g) or abs(int(g)) < 1000:
        return None
    plain = f"{int(g):,}"
    return rng.choice([plain, plain.replace(",", "{,}"), plain.replace(",", "\\,")])


def eq_var_prefix(g):
    return f"x = {g}" if NUMBER.fullmatch(g) else None


def eq_reorder(g):
    if not is_unordered_list(g):
        return None
    parts = split_top_level(g)
    rev = list(reversed(parts))
    return ", ".join(rev) if rev != parts else None


def eq_left_right(g):
    s = g.strip()
    if s.startswith("(") and s.endswith(")") and is_bracketed_pair(s):
        return "\\left(" + s[1:-1] + "\\right)"
    return None


def eq_point_zero(g):
    return f"{g}.0" if INT.fullmatch(g) and abs(int(g)) < 1000 else None


# ---- near misses ---------------------------------------------------------------------------------

def nm_off_by_one(g, rng):
    return str(int(g) + rng.choice([1, -1])) if INT.fullmatch(g) else None


def nm_sign_flip(g):
    if not NUMBER.fullmatch(g) or re.fullmatch(r"-?[0.]+", g):
        return None
    return g[1:] if g.startswith("-") else "-" + g


def nm_swap_frac(g):
    m = FRAC.fullmatch(g)
    if not m or m[2] == m[3] or int(m[2]) == 0:
        return None
    return f"{m[1]}\\frac{{{m[3]}}}{{{m[2]}}}"


def nm_bracket(g):
    s = g.strip()
    if not is_bracketed_pair(s):
        return None
    parts = split_top_level(s[1:-1])
    # Change a bracket next to a finite endpoint ([-\infty, 0] would be a malformed, not a wrong, answer).
    if not parts[0].lstrip().startswith("-\\infty"):
        return ("[" if s[0] == "(" else "(") + s[1:]
    if not parts[-1].rstrip().endswith("\\infty"):
        return s[:-1] + ("]" if s[-1] == ")" else ")")
    return None


def nm_drop_element(g):
    if not is_unordered_list(g):
        return None
    parts = split_top_level(g)
    return parts[0] if len(set(parts)) > 1 else None  # "-2,-2" is one value: dropping changes nothing


def nm_percent_scale(g):
    return str(int(g) * 100) if INT.fullmatch(g) and int(g) != 0 else None


def nm_last_digit(g):
    if not DEC.fullmatch(g):
        return None
    return g[:-1] + str((int(g[-1]) + 1) % 10)


def nm_sqrt_drop(g):
    m = SQRT_TERM.fullmatch(g)
    return m[1] if m and m[2] not in ("0", "1") else None


def nm_plus_to_minus(g):
    m = re.search(r"(?<=[\w})])\s*\+\s*(?=[\w\\({])", g)
    if not m or not re.search(r"[a-zA-Z\\]", g):
        return None
    return g[: m.start()] + " - " + g[m.end():]


def nm_exponent_bump(g):
    if "\\mbox" in g or "\\text" in g:
        return None  # the exponent may belong to a unit (cm^2), which graders ignore
    m = re.search(r"\^(\d)(?!\d)|\^\{(\d+)\}", g)
    if not m:
        return None
    new = f"^{int(m[1]) + 1}" if m[1] else f"^{{{int(m[2]) + 1}}}"
    return g[: m.start()] + new + g[m.end():]


EQUIVALENT = [
    ("dfrac", lambda g, r: eq_dfrac(g)),
    ("tfrac", lambda g, r: eq_tfrac(g)),
    ("slash", lambda g, r: eq_slash(g)),
    ("frac_short", lambda g, r: eq_frac_short(g)),
    ("decimal", lambda g, r: eq_decimal(g)),
    ("thousands", eq_thousands),
    ("var_prefix", lambda g, r: eq_var_prefix(g)),
    ("reorder", lambda g, r: eq_reorder(g)),
    ("left_right", lambda g, r: eq_left_right(g)),
    ("point_zero", lambda g, r: eq_point_zero(g)),
]
NEAR_MISS = [
    ("off_by_one", nm_off_by_one),
    ("sign_flip", lambda g, r: nm_sign_flip(g)),
    ("swap_frac", lambda g, r: nm_swap_frac(g)),
    ("bracket", lambda g, r: nm_bracket(g)),
    ("drop_element", lambda g, r: nm_drop_element(g)),
    ("percent_scale", lambda g, r: nm_percent_scale(g)),
    ("last_digit", lambda g, r: nm_last_digit(g)),
    ("sqrt_drop", lambda g, r: nm_sqrt_drop(g)),
    ("plus_to_minus", lambda g, r: nm_plus_to_minus(g)),
    ("exponent_bump", lambda g, r: nm_exponent_bump(g)),
]


def pick(table, gold, rng):
    """All applicable (name, result) pairs are computed with their own sub-seeds, then one is drawn."""
    options = []
    for name, fn in table:
        out = fn(gold, random.Random(rng.random()))
        if out is not None and out != gold:
            options.append((name, out))
    return rng.choice(options) if options else None


def completion(x, rng):
    reasoning = " ".join(rng.sample(FILLER, 3))
    style = rng.randrange(3)
    if style == 0:
        return f"<think>\n{reasoning}\n</think>\n<answer>\nThe final answer is $\\boxed{{{x}}}$.\n</answer>"
    if style == 1:
        return f"{reasoning}\n\nThe final answer is \\boxed{{{x}}}."
    return f"{reasoning}\n\nTherefore, the final answer is $\\boxed{{{x}}}$."


def strip_dollars(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == "$" and s[-1] == "$" and "$" not in s[1:-1]:
        s = s[1:-1].strip()
    return s


def golds(datasets):
    """(set name, row id, gold) for every usable public gold answer, in file order."""
    for name in ["math500", "aime2024", "aime2025", "amc23", "olympiadbench", "gsm8k_test"]:
        path = os.path.join(datasets, "math", name + ".jsonl")
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                gold = row["answer"]
                if name == "olympiadbench":
                    if row.get("unit") not in (None, "None", ""):
                        continue
                    answers = row.get("final_answers")
                    if isinstance(answers, str):
                        answers = ast.literal_eval(answers)
                    gold = ", ".join(strip_dollars(a) for a in answers)
                gold = gold.strip()
                if not gold or "$" in gold:
                    continue
                yield name, row["id"], gold


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--datasets", default=os.path.join(os.path.dirname(ROOT), "shared", "datasets"))
    ap.add_argument("--out", default=os.path.join(ROOT, ".build", "bench", "math-pairs.jsonl"))
    ap.add_argument("--seed", type=int, default=20240601)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    rows = []
    with open(os.path.join(args.datasets, "completions", "math_completions.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            rows.append({"id": r["id"], "gold": r["gold_answer"], "completion": r["completion"],
                         "label": bool(r["label"]), "source": f"labelled/{r['dataset']}"})
    counts = {}
    for name, rid, gold in golds(args.datasets):
        eq = pick(EQUIVALENT, gold, rng) or ("identity", gold)
        pairs = [("eq", eq, True)]
        nm = pick(NEAR_MISS, gold, rng)
        if nm:
            pairs.append(("nm", nm, False))
        for kind, (tname, text), label in pairs:
            rows.append({"id": f"syn-{name}-{rid}-{kind}", "gold": gold, "completion": completion(text, rng),
                         "label": label, "source": f"synthetic/{name}/{kind}:{tname}"})
            key = f"{kind}:{tname}"
            counts[key] = counts.get(key, 0) + 1
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    summary = {"out": args.out, "rows": len(rows), "labelled": 2000 if len(rows) >= 2000 else len(rows),
               "synthetic": len(rows) - 2000, "true": sum(r["label"] for r in rows),
               "transformations": dict(sorted(counts.items()))}
    json.dump(summary, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
