"""Checker for codecontests-test-132: any array a of 3 positive integers whose 7 subset sums, sorted, equal b."""
import re

_INT = re.compile(r"^[0-9]{1,19}$")


def check(input: str, output: str, expected: str) -> bool:
    try:
        inp = input.split()
        t = int(inp[0])
        bs = [int(v) for v in inp[1:1 + 7 * t]]
        if len(bs) != 7 * t:
            return False
        toks = output.split()
        if len(toks) != 3 * t or not all(_INT.match(tok) for tok in toks):
            return False
        vals = [int(tok) for tok in toks]
        for i in range(t):
            a1, a2, a3 = vals[3 * i:3 * i + 3]
            if min(a1, a2, a3) < 1:
                return False
            sums = sorted([a1, a2, a3, a1 + a2, a1 + a3, a2 + a3, a1 + a2 + a3])
            if sums != bs[7 * i:7 * i + 7]:
                return False
        return True
    except Exception:
        return False
