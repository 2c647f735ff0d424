"""Checker for codecontests-test-90: any n with 1 <= n <= 2e18 and n mod x = y mod n."""
import re

_INT = re.compile(r"^[0-9]{1,19}$")


def check(input: str, output: str, expected: str) -> bool:
    try:
        inp = input.split()
        t = int(inp[0])
        xs = [int(v) for v in inp[1:1 + 2 * t]]
        if len(xs) != 2 * t:
            return False
        toks = output.split()
        if len(toks) != t or not all(_INT.match(tok) for tok in toks):
            return False
        for i, tok in enumerate(toks):
            n = int(tok)
            x, y = xs[2 * i], xs[2 * i + 1]
            if not (1 <= n <= 2 * 10 ** 18) or n % x != y % n:
                return False
        return True
    except Exception:
        return False
