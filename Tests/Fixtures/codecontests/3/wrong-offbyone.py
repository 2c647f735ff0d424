import sys


def count(s):
    n = len(s)
    total = 0
    xs = range(10) if "X" in s else [None]
    for x in xs:
        t = s.replace("X", str(x)) if x is not None else s
        if n == 1:
            total += 1 if t in ("0", "_") else 0
            continue
        for end in ("00", "25", "50", "75"):
            ways = 1
            for i, ch in enumerate(t):
                if i >= n - 2:
                    allowed = {end[i - (n - 2)]}
                else:
                    allowed = set("0123456789")
                if i == 0 and n > 2:  # bug: leading-zero rule skipped for two-digit strings
                    allowed.discard("0")
                if ch != "_":
                    allowed &= {ch}
                ways *= len(allowed)
                if not ways:
                    break
            total += ways
    return total


def main():
    s = sys.stdin.read().split()[0]
    print(count(s))


main()
