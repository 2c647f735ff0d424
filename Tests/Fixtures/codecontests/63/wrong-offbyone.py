import sys
from collections import Counter


def profile(s):
    p = 0
    mn = 0
    cnt = {}
    for ch in s:
        p += 1 if ch == "(" else -1
        if p < mn:  # bug: "<" instead of "<=", positions that return to (not below) the minimum are missed
            mn = p
            cnt[p] = cnt.get(p, 0) + 1
    return p, mn, cnt


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    groups = Counter(data[1:1 + n])
    kinds = [(profile(s), c) for s, c in groups.items()]
    m = len(kinds)
    mult = []
    size = 1
    for _, c in kinds:
        mult.append(size)
        size *= c + 1
    dp = [-1] * size
    bal = [0] * size
    dp[0] = 0
    best = 0
    for st in range(size):
        v = dp[st]
        if v < 0:
            continue
        if v > best:
            best = v
        b = bal[st]
        for d in range(m):
            (sb, smn, scnt), c = kinds[d]
            if (st // mult[d]) % (c + 1) == c:
                continue
            gain = v + scnt.get(-b, 0)
            if b + smn >= 0:
                ns = st + mult[d]
                if gain > dp[ns]:
                    dp[ns] = gain
                    bal[ns] = b + sb
            elif gain > best:
                best = gain
    print(best)


main()
