import sys
from math import acos, atan2, hypot, pi

TWO_PI = 2 * pi


def max_cover(r, pts, always):
    """Largest number of points inside a circle of radius r through the origin."""
    init = always
    ev = []
    for d, phi in pts:
        if d > 2 * r:
            continue
        a = acos(min(1.0, d / (2 * r)))
        s = (phi - a) % TWO_PI
        e = s + 2 * a
        if e >= TWO_PI:
            init += 1
            ev.append((e - TWO_PI, 1))
            ev.append((s, 0))
        else:
            ev.append((s, 0))
            ev.append((e, 1))
    ev.sort()
    best = cur = init
    for _, typ in ev:
        if typ == 0:
            cur += 1
            if cur > best:
                best = cur
        else:
            cur -= 1
    return best


def solve(n, k, coords):
    always = 0
    pts = []
    for x, y in coords:
        if x == 0 and y == 0:
            always += 1
        else:
            pts.append((hypot(x, y), atan2(y, x)))
    if always >= k:
        return 0.0
    lo, hi = 0.0, 2e5
    for _ in range(60):
        mid = (lo + hi) / 2
        if max_cover(mid, pts, always) >= k:
            hi = mid
        else:
            lo = mid
    return hi


def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    coords = [(int(data[2 + 2 * i]), int(data[3 + 2 * i])) for i in range(n)]
    print("%.12f" % solve(n, k, coords))  # more decimals than the reference; still equal within 1e-6


if __name__ == "__main__":
    main()
