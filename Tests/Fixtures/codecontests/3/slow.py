import sys
from itertools import product


def main():
    s = sys.stdin.read().split()[0]
    n = len(s)
    holes = [i for i, c in enumerate(s) if c == "_"]
    xs = "0123456789" if "X" in s else "-"
    total = 0
    # brute force: every assignment of every '_' and of X (up to 10^9 candidates)
    for x in xs:
        base = list(s.replace("X", x))
        for digits in product("0123456789", repeat=len(holes)):
            for i, d in zip(holes, digits):
                base[i] = d
            if n > 1 and base[0] == "0":
                continue
            if int("".join(base)) % 25 == 0:
                total += 1
    print(total)


main()
