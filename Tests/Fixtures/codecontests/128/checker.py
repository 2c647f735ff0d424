"""Checker for codecontests-test-128: print distinct positive a, b, c with a + b + c = n and gcd(a, b) = c."""
import re
from math import gcd

_INT = re.compile(r"^[0-9]{1,19}$")


def check(input: str, output: str, expected: str) -> bool:
    try:
        inp = input.split()
        t = int(inp[0])
        ns = [int(v) for v in inp[1:1 + t]]
        if len(ns) != t:
            return False
        toks = output.split()
        if len(toks) != 3 * t:
            return False
        if not all(_INT.match(tok) for tok in toks):
            return False
        vals = [int(tok) for tok in toks]
        for i, n in enumerate(ns):
            a, b, c = vals[3 * i:3 * i + 3]
            if min(a, b, c) < 1 or len({a, b, c}) != 3:
                return False
            if a + b + c != n or gcd(a, b) != c:
                return False
        return True
    except Exception:
        return False
