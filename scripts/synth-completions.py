#!/usr/bin/env python3
"""Synthesise k labelled completions per problem from a math set's gold answers.

Purpose: benchmark `assay bench` end to end (extraction, verification, pass@k, cons@k, breakdowns)
when no real model samples exist. Each completion is a short fake model output (a few sentences of
reasoning that may mention numbers from the problem) ending in a final answer, and each carries the
label the synthesiser *intended*: true when it wrote the gold (or a form of it that is certainly
equivalent), false when it wrote a near miss or no final answer at all.

Usage:
    synth-completions.py SET.jsonl -k 16 --seed 7 -o OUT.jsonl [--limit N] [--format grouped|lines]

Input: a JSONL set with `id`, `problem` (or `question`), `answer` (gold) and optionally `level` (MATH
1-5) and `final_answers` (OlympiadBench: the golds are taken from it with their `$...$` removed and
joined with ", ", unless an element mixes words and maths; the set's own `answer` is the same text with dollars).
Output (--format grouped, the default): one line per problem,
    {"id": <problem id>, "completions": [k strings], "labels": [k booleans]}
--format lines: one line per completion, {"id": <problem id>, "completion": str, "label": bool}.

How samples are drawn (one random.Random per problem, seeded with the string "<seed>/<id>", so the
output is deterministic for a seed, does not depend on PYTHONHASHSEED, and the first N problems are
the same with or without --limit):
- Skill p of the problem: MATH level 1..5 -> about 0.85, 0.72, 0.58, 0.44, 0.30 (+-0.1 jitter);
  sets without a level -> uniform in [0.1, 0.9]. 5 % of problems get p = 0 and 5 % p = 1, so that
  problems with c = 0 and c = n occur.
- Each sample is correct with probability p. A wrong sample is cut off with no final answer (label
  false) at a rate min(1, 0.05 / (1 - p)), which makes 5 % of all samples truncated when p <= 0.95
  and keeps the expected share of correct samples equal to p.
- Correct samples write the gold, rewritten by zero or more of these equivalence-preserving rules:
    unit     drop a unit word (\\text{ cm}, \\mbox{ inches}^2, ^\\circ without trig, a leading \\$) after a number
    left     \\left( \\right] ... -> ( ] (only when every \\left/\\right is such a bracket pair)
    slash    \\frac{a}{b} -> a/b for digit a, b when the fraction is the whole answer or a whole tuple element
    decimal  \\frac{a}{b} -> exact decimal when b has no prime factor other than 2 and 5 (whole answer only)
    dfrac    \\frac <-> \\dfrac
    spaces   a space after commas and around + - = written with no space between two operands
             (not with \\text, \\begin, thousands separators or 1e-5 style numbers)
  and are put in one of several templates: worked text ending in \\boxed{X}; R1 style
  <think>...</think>\\n<answer>X</answer> (X maybe boxed or in $...$); "The final answer is $X$.";
  "**Answer:** $X$".
- Wrong samples write a near miss: integer gold (also with a unit, a degree sign, \\$ or thousands
  separators) -> n+1, n-1, 2n or -n (always a different value); \\frac{a}{b} -> \\frac{a+1}{b}; decimal ->
  last digit changed; `x = <number>` -> the same for the number; anything else -> another problem's gold of a kind that cannot be equivalent (an
  integer for a tuple, list, matrix, expression or text gold; a tuple or interval for a non-integer
  scalar), also rejected when its normalised text or numeric value equals the gold's. For 30 % of
  problems one "popular" wrong answer is used for about 80 % of the wrong samples, so majority voting
  can pick it.
- The reasoning never mentions a number equal to a number in the gold, so a last-number fallback on a
  truncated sample cannot find the gold by accident. Completions are 200-1500 characters.

A one-line summary goes to stderr. --show-rewrites N also prints N random gold -> rewritten pairs.
"""
import argparse
import json
import re
import sys
from fractions import Fraction
import random

LEVEL_P = {1: 0.85, 2: 0.72, 3: 0.58, 4: 0.44, 5: 0.30}
EDGE_SHARE = 0.05        # share of problems with p = 0, and again with p = 1
TRUNCATE_SHARE = 0.05    # share of samples with no final answer
POPULAR_SHARE = 0.30     # share of problems with one popular wrong answer
POPULAR_USE = 0.80       # share of that problem's wrong samples that use it

# ---- numbers -----------------------------------------------------------------------------------

FRAC_ARG = r"(?:\{\s*(\d+)\s*\}|\s*(\d))"
FRAC_RE = re.compile(r"(-?)\s*\\([dt]?)frac\s*" + FRAC_ARG + r"\s*" + FRAC_ARG)
INT_BODY = r"\d{1,3}(?:(?:,\\!\s*|\{,\}|\\,|,)\d{3})+|\d+"
UNIT_WORDS = {"cm", "mm", "km", "m", "meter", "meters", "centimeters", "inch", "inches", "foot", "feet", "ft",
              "yard", "yards", "mile", "miles", "cent", "cents", "dollar", "dollars", "degree", "degrees",
              "unit", "units", "square", "sq", "hour", "hours", "minute", "minutes", "second", "seconds",
              "day", "days", "week", "weeks", "year", "years", "kg", "gram", "grams", "pound", "pounds",
              "mph", "people", "students", "ways"}
TRIG = re.compile(r"\\?(sin|cos|tan|cot|sec|csc)")
# Number with affixes: optional \$ prefix, the number, optional unit suffix.
AFFIX_RE = re.compile(
    r"(?P<pre>\\\$\s*)?(?P<sign>-?)(?P<num>" + INT_BODY + r"|\d*\.\d+|\\[dt]?frac\s*" + FRAC_ARG + r"\s*" + FRAC_ARG + r")"
    r"(?P<suf>\s*(?:\^\s*\\circ|\^\s*\{\s*\\circ\s*\}|\\(?:text|mbox)\{\s*(?P<word>[A-Za-z ]+?)\s*\}(?:\^[23])?))?")


def frac_parts(m, first=3):
    """(numerator, denominator) digits of a match whose two FRAC_ARG arguments start at group `first` (3 for FRAC_RE)."""
    a = m.group(first) or m.group(first + 1)
    b = m.group(first + 2) or m.group(first + 3)
    return a, b


def plain_value(num):
    """Exact value of an unsigned number text (integer with separators, decimal, or \\frac), else None."""
    num = num.strip()
    if re.fullmatch(INT_BODY, num):
        return Fraction(int(re.sub(r"\D", "", num)))
    if re.fullmatch(r"\d*\.\d+", num):
        return Fraction(num)
    m = re.fullmatch(r"\\[dt]?frac\s*" + FRAC_ARG + r"\s*" + FRAC_ARG, num)
    if m:
        a, b = frac_parts(m, 1)
        return Fraction(int(a), int(b)) if int(b) else None
    return None


def affixed(g):
    """Match of a single number with optional \\$ prefix and unit/degree suffix (the whole text), else None."""
    m = AFFIX_RE.fullmatch(g.strip())
    if not m:
        return None
    if m.group("word") is not None and not all(w.lower() in UNIT_WORDS for w in m.group("word").split()):
        return None
    return m


def number_value(g):
    """The value of a gold that is one number (units, degree sign and \\$ ignored), else None."""
    m = affixed(g)
    if not m:
        return None
    v = plain_value(m.group("num"))
    if v is None:
        return None
    return -v if m.group("sign") else v


def numbers_in(text):
    return re.findall(r"(?<![\w.])\d+(?:\.\d+)?", text)


def decimal_text(q):
    """Exact decimal text of a non-negative Fraction whose denominator is 2^a 5^b."""
    whole, rest = divmod(q.numerator, q.denominator)
    digits = ""
    while rest:
        rest *= 10
        d, rest = divmod(rest, q.denominator)
        digits += str(d)
    return f"{whole}.{digits}" if digits else str(whole)


def terminating(b):
    b = int(b)
    if b == 0:
        return False
    for p in (2, 5):
        while b % p == 0:
            b //= p
    return b == 1


# ---- structure ---------------------------------------------------------------------------------

def split_top_level(s):
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


def has_thousands(g):
    return bool(re.search(r"\d,\d{3}(?!\d)|,\\!|\{,\}|\\,", g))


# `x = ...`, `a_1 = ...`, `f(x) = ...`: an answer that names itself (group 1 the name and "=", group 2 the value)
RELATION_RE = re.compile(r"([A-Za-z](?:_\{?\w+\}?)?(?:\([a-z]\))?\s*=\s*)([^=]+)")


def kind(g):
    """Coarse kind of an answer, used to pick wrong answers that cannot be equivalent to the gold."""
    s = g.strip()
    if number_value(s) is not None:
        return "int" if re.fullmatch(r"-?\d+", s) else "number"
    if "\\begin{" in s:
        return "matrix"
    rel = RELATION_RE.fullmatch(s)
    if rel:
        return "relation:" + kind(rel.group(2))
    bare = re.sub(r"\\left|\\right", "", s).strip()
    if bare[:1] in "([" or bare.startswith("\\{") or "\\cup" in s:
        return "bracket"
    if re.search(r"=|<|>|\\(?:in|le|ge|leq|geq|leqslant|geqslant|ne|neq)(?![A-Za-z])", s):
        return "relation"
    if "," in s and not has_thousands(s):
        return "list"
    if "\\text" in s or "\\mbox" in s:
        return "text"
    letters = re.sub(r"\\[A-Za-z]+", "", s)
    if re.search(r"[A-Za-z]", letters):
        return "expr"
    return "constant"


def normalised(g):
    s = g
    s = re.sub(r"\\(?:text|mbox|textbf|mathrm)\{([^{}]*)\}", r"\1", s)
    s = re.sub(r"\\left|\\right|\\!|\\,|\\;|\\ |\$|\\%|%|\^\s*\\circ|\^\s*\{\s*\\circ\s*\}", "", s)
    s = re.sub(r"\\[dt]frac", r"\\frac", s)
    s = re.sub(r"\s+", "", s).lower()
    return s


def could_be_equal(a, b):
    if normalised(a) == normalised(b):
        return True
    va, vb = number_value(a), number_value(b)
    if va is not None and va == vb:
        return True
    for x, y in ((a, b), (b, a)):  # "k = 1" names its answer: compare the right side too
        rel = RELATION_RE.fullmatch(x.strip())
        if rel and could_be_equal(rel.group(2), y):
            return True
    return False


# ---- equivalent rewrites -----------------------------------------------------------------------

def rw_unit(g):
    m = affixed(g)
    if not m or not (m.group("pre") or m.group("suf")):
        return None
    if m.group("suf") and "circ" in m.group("suf") and TRIG.search(g):
        return None
    return m.group("sign") + m.group("num")


def rw_left(g):
    if "\\left" not in g and "\\right" not in g:
        return None
    out = re.sub(r"\\left\s*(\(|\[|\\\{|\|)", r"\1", g)
    out = re.sub(r"\\right\s*(\)|\]|\\\}|\|)", r"\1", out)
    return None if ("\\left" in out or "\\right" in out) else out


def rw_slash(g):
    m = FRAC_RE.fullmatch(g.strip())
    if m:
        a, b = frac_parts(m)
        return f"{m.group(1)}{a}/{b}"
    # whole elements of a tuple/interval/list: preceded by ( [ , and followed by , ) ]
    pat = re.compile(r"(?<=[(\[,])(\s*-?\s*)\\[dt]?frac\s*" + FRAC_ARG + r"\s*" + FRAC_ARG + r"(?=\s*[,)\]])")
    if "\\begin" in g or not pat.search(g):
        return None
    return pat.sub(lambda mm: f"{mm.group(1)}{frac_parts(mm, 2)[0]}/{frac_parts(mm, 2)[1]}", g)


def rw_decimal(g):
    m = FRAC_RE.fullmatch(g.strip())
    if not m:
        return None
    a, b = frac_parts(m)
    if not terminating(b):
        return None
    return m.group(1) + decimal_text(Fraction(int(a), int(b)))


def rw_dfrac(g):
    if re.search(r"\\dfrac(?![A-Za-z])", g):
        return re.sub(r"\\dfrac(?![A-Za-z])", r"\\frac", g)
    if re.search(r"\\frac(?![A-Za-z])", g):
        return re.sub(r"\\frac(?![A-Za-z])", r"\\dfrac", g)
    return None


def rw_spaces(g):
    if re.search(r"\\text|\\mbox|\\operatorname|\\mathrm|\\begin", g) or has_thousands(g) or re.search(r"\d[eE][-+]?\d", g):
        return None
    out = re.sub(r"(?<=[A-Za-z0-9})\]])([+=-])(?=[A-Za-z0-9\\({])", r" \1 ", g)
    out = re.sub(r"(?<!\\),(?=\S)", ", ", out)
    return out if out != g else None


def rewrite(g, rng):
    """The gold, maybe rewritten by a few equivalence-preserving rules; returns (text, [rule names])."""
    used = []
    x = g
    for name, fn in (("unit", rw_unit), ("left", rw_left)):
        y = fn(x)
        if y is not None and rng.random() < 0.5:
            x, used = y, used + [name]
    slash, dec = rw_slash(x), rw_decimal(x)
    options = [(n, y) for n, y in (("slash", slash), ("decimal", dec)) if y is not None]
    if options and rng.random() < 0.6:
        n, x = rng.choice(options)
        used.append(n)
    for name, fn in (("dfrac", rw_dfrac), ("spaces", rw_spaces)):
        y = fn(x)
        if y is not None and rng.random() < 0.4:
            x, used = y, used + [name]
    return x, used


# ---- near misses -------------------------------------------------------------------------------

class WrongPool:
    """Golds of the whole set, by kind, to draw 'another problem's gold' from."""

    def __init__(self, golds):
        self.ints = [g for g in golds if kind(g) == "int"]
        self.brackets = [g for g in golds if kind(g) == "bracket"]

    def other(self, gold, rng):
        k = kind(gold).replace("relation:", "")  # `x = value` is judged by its value
        pool = self.brackets if k in ("number", "constant", "int") else self.ints
        for _ in range(50):
            if not pool:
                break
            cand = rng.choice(pool)
            if not could_be_equal(cand, gold):
                return cand
        # No usable candidate: make one of the safe kind.
        if pool is self.brackets:
            return f"({rng.randint(1, 20)}, {rng.randint(-9, 9)})"
        while True:
            cand = str(rng.randint(-20, 200))
            if not could_be_equal(cand, gold):
                return cand


def near_miss(gold, pool, rng):
    g = gold.strip()
    m = affixed(g)
    if m and re.fullmatch(INT_BODY, m.group("num")):
        n = int(re.sub(r"\D", "", m.group("num"))) * (-1 if m.group("sign") else 1)
        options = sorted({n + 1, n - 1, 2 * n, -n} - {n})
        v = rng.choice(options)
        return (m.group("pre") or "") + str(v) + (m.group("suf") or "")
    if m and re.fullmatch(r"\d*\.\d+", m.group("num")):
        num = m.group("num")
        num = num[:-1] + str((int(num[-1]) + rng.randint(1, 9)) % 10)
        return (m.group("pre") or "") + m.group("sign") + num + (m.group("suf") or "")
    rel = RELATION_RE.fullmatch(g)
    if rel and kind(rel.group(2)) in ("int", "number"):
        return rel.group(1) + near_miss(rel.group(2), pool, rng)
    f = FRAC_RE.fullmatch(g)
    if f:
        a, b = frac_parts(f)
        return f"{f.group(1)}\\{f.group(2)}frac{{{int(a) + 1}}}{{{b}}}"
    return pool.other(g, rng)


# ---- text --------------------------------------------------------------------------------------

OPENERS = [
    "Let's think step by step.",
    "Okay, let me work through this carefully.",
    "We need to find the requested quantity, so let me set things up.",
    "Let me first make sure I understand what is being asked.",
    "Alright, I will organise the given information before computing anything.",
]
WITH_TWO = [
    "The statement gives us {a} and {b}, so let me write those down first.",
    "Combining {a} with {b} gives an intermediate quantity that we will need later.",
    "Since {a} and {b} both appear, a short table of the cases keeps things organised.",
    "Relating {a} to {b} is the main step here.",
]
WITH_ONE = [
    "We start from {a} and work forward step by step.",
    "Let me double-check the case involving {a} separately, since it is easy to overlook.",
    "The condition involving {a} restricts the possibilities considerably.",
    "Substituting {a} back into the expression, the remaining terms simplify.",
    "Note that {a} enters only once, which simplifies the bookkeeping.",
]
PLAIN = [
    "I will set up an equation from the information in the statement and simplify it.",
    "Simplifying term by term keeps the algebra manageable.",
    "Let me verify the computation once more to avoid an arithmetic slip.",
    "Hmm, wait, I should make sure no case was missed.",
    "This is consistent with all the conditions in the problem.",
    "Rewriting the expression in a cleaner form makes the structure clearer.",
    "The symmetry of the situation suggests a simpler route, so let me use it.",
    "Collecting like terms and cancelling common factors gives a cleaner form.",
    "I considered another approach, but the direct computation is shorter.",
    "Each step follows from the previous one, so the result should be reliable.",
]
CLOSERS = ["So the computation is complete.", "Putting everything together, we are done.",
           "This settles the question.", "Everything checks out."]


def reasoning(nums, rng, target):
    """Sentences of fake reasoning, about `target` characters long."""
    parts = [rng.choice(OPENERS)]
    size = len(parts[0])
    while size < target:
        for _ in range(5):  # avoid repeating a sentence when possible
            r = rng.random()
            if len(nums) >= 2 and r < 0.3:
                a, b = rng.sample(nums, 2)
                sentence = rng.choice(WITH_TWO).format(a=a, b=b)
            elif nums and r < 0.55:
                sentence = rng.choice(WITH_ONE).format(a=rng.choice(nums))
            else:
                sentence = rng.choice(PLAIN)
            if sentence not in parts:
                break
        parts.append(sentence)
        size += len(sentence) + 1
    text = ""
    for p in parts:  # occasional paragraph breaks
        text += p if not text else ("\n\n" if rng.random() < 0.25 else " ") + p
    return text


def with_answer(x, nums, rng):
    """A completion that ends with final answer x (x has no unescaped $ unless only boxed templates are used)."""
    dollar_ok = "$" not in x  # no $...$ around an answer holding \$ (readers may end the math at \$)
    styles = ["boxed", "r1"] + (["final", "answer_colon"] if dollar_ok else [])
    style = rng.choice(styles)
    body = reasoning(nums, rng, rng.randint(200, 1100))
    closer = rng.choice(CLOSERS)
    if style == "boxed":
        end = rng.choice([f"Therefore, the answer is $\\boxed{{{x}}}$.", f"\\boxed{{{x}}}",
                          f"So we get \\boxed{{{x}}}."])
        text = f"{body} {closer}\n\n{end}"
    elif style == "r1":
        inner = [f"\\boxed{{{x}}}", x, f"The final answer is $\\boxed{{{x}}}$."]
        if dollar_ok:
            inner.append(f"${x}$")
        text = f"<think>\n{body}\n</think>\n<answer>{rng.choice(inner)}</answer>"
    elif style == "final":
        text = f"{body} {closer}\n\nThe final answer is ${x}$." + rng.choice(["", " I hope it is correct."])
    else:
        text = f"{body}\n\n**Answer:** ${x}$"
    while len(text) > 1500:  # very long answers: shorten the reasoning
        body = body[: max(0, len(body) - 100)].rsplit(" ", 1)[0] + "."
        text = f"{body}\n\n\\boxed{{{x}}}"
    return text


def truncated(nums, rng):
    body = reasoning(nums, rng, rng.randint(300, 1200))
    cut = rng.randint(200, len(body))
    body = body[:cut]
    return f"<think>\n{body}" if rng.random() < 0.5 else body


# ---- main --------------------------------------------------------------------------------------

def strip_dollars(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == "$" and s[-1] == "$" and "$" not in s[1:-1]:
        s = s[1:-1].strip()
    return s


def unwrap_math(s):
    """`$a$, $b$.` -> `a, b` when the text is only $...$ segments joined by commas; otherwise as is."""
    s = s.strip()
    if re.fullmatch(r"\$[^$]+\$(?:\s*,\s*\$[^$]+\$)*\.?", s):
        return ", ".join(seg.strip() for seg in re.findall(r"\$([^$]+)\$", s))
    return s


def gold_of(row):
    fa = row.get("final_answers")
    if isinstance(fa, list) and fa and all(isinstance(a, str) for a in fa):
        return ", ".join(unwrap_math(a) for a in fa)
    a = row["answer"]
    return strip_dollars(a if isinstance(a, str) else json.dumps(a))


def safe_numbers(problem, gold):
    """Numbers of the problem text that equal no number in the gold (nor the gold's value)."""
    banned = {Fraction(t) for t in numbers_in(gold)}
    v = number_value(gold)
    if v is not None:
        banned.add(abs(v))
    out = []
    for t in numbers_in(problem):
        if Fraction(t) not in banned and t not in out:
            out.append(t)
    return out


def skill(row, rng):
    r = rng.random()
    if r < EDGE_SHARE:
        return 0.0
    if r < 2 * EDGE_SHARE:
        return 1.0
    level = row.get("level")
    if isinstance(level, str) and level.startswith("Level "):
        level = level[6:]
    try:
        level = int(level)
    except (TypeError, ValueError):
        level = None
    if level in LEVEL_P:
        return min(0.98, max(0.02, LEVEL_P[level] + rng.uniform(-0.1, 0.1)))
    return rng.uniform(0.1, 0.9)


def synth_problem(row, gold, pool, k, seed, log):
    rng = random.Random(f"{seed}/{row['id']}")
    p = skill(row, rng)
    nums = safe_numbers(str(row.get("problem") or row.get("question") or ""), gold)
    popular = near_miss(gold, pool, rng) if rng.random() < POPULAR_SHARE else None
    completions, labels = [], []
    # Truncations replace wrong samples, at a rate that makes them TRUNCATE_SHARE of all samples when p <= 0.95.
    cut_rate = min(1.0, TRUNCATE_SHARE / (1.0 - p)) if p < 1.0 else 0.0
    for _ in range(k):
        if rng.random() < p:
            x, used = rewrite(gold, rng)
            log.append((gold, x, used))
            completions.append(with_answer(x, nums, rng))
            labels.append(True)
        elif rng.random() < cut_rate:
            completions.append(truncated(nums, rng))
            labels.append(False)
        else:
            w = popular if popular is not None and rng.random() < POPULAR_USE else near_miss(gold, pool, rng)
            if rng.random() < 0.3:
                w = rewrite(w, rng)[0]
            completions.append(with_answer(w, nums, rng))
            labels.append(False)
    return completions, labels


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("set", help="problem set JSONL (id, problem|question, answer, optional level)")
    ap.add_argument("-k", type=int, default=16, help="completions per problem (default 16)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--out", help="output JSONL (default stdout)")
    ap.add_argument("--limit", type=int, help="only the first N problems")
    ap.add_argument("--format", choices=["grouped", "lines"], default="grouped")
    ap.add_argument("--show-rewrites", type=int, default=0, metavar="N",
                    help="print N random 'gold -> written form' examples of correct samples to stderr")
    args = ap.parse_args()
    if args.k < 1:
        ap.error("-k must be at least 1")

    with open(args.set, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    golds = [gold_of(r) for r in rows]
    pool = WrongPool(golds)
    if args.limit is not None:
        rows, golds = rows[: args.limit], golds[: args.limit]

    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    log = []
    n_true = n_all = all_true = all_false = 0
    for row, gold in zip(rows, golds):
        completions, labels = synth_problem(row, gold, pool, args.k, args.seed, log)
        n_true += sum(labels)
        n_all += len(labels)
        all_true += all(labels)
        all_false += not any(labels)
        if args.format == "grouped":
            out.write(json.dumps({"id": row["id"], "completions": completions, "labels": labels},
                                 ensure_ascii=False) + "\n")
        else:
            for c, l in zip(completions, labels):
                out.write(json.dumps({"id": row["id"], "completion": c, "label": l}, ensure_ascii=False) + "\n")
    if args.out:
        out.close()
    print(f"synth-completions: {len(rows)} problems, {n_all} samples, intended correct "
          f"{n_true / max(1, n_all):.3f} ({n_true}); all-correct problems {all_true}, all-wrong {all_false}",
          file=sys.stderr)
    if args.show_rewrites:
        changed = [e for e in log if e[0] != e[1]]
        show = random.Random(args.seed).sample(changed, min(args.show_rewrites, len(changed)))
        for g, x, used in show:
            print(f"  {g!r} -> {x!r}  [{'+'.join(used)}]", file=sys.stderr)


if __name__ == "__main__":
    main()
