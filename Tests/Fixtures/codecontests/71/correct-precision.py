import sys
from math import hypot


def solve(n, k, pts):
    # find the line that holds n - 1 of the points (among the first 4 points at least 3 are on it)
    cand = pts[:4]
    line = None
    for i in range(len(cand)):
        for j in range(i + 1, len(cand)):
            (ax, ay), (bx, by) = cand[i], cand[j]
            if (ax, ay) == (bx, by):
                continue
            on = [(x - ax) * (by - ay) - (y - ay) * (bx - ax) == 0 for x, y in pts]
            if sum(on) >= n - 1:
                line = (ax, ay, bx, by, on)
                break
        if line:
            break
    ax, ay, bx, by, on = line
    if all(on):  # cannot happen by the statement; treat the last point as the odd one
        on[-1] = False
    off = on.index(False)
    px, py = pts[off]
    dx, dy = bx - ax, by - ay
    norm = hypot(dx, dy)
    idx = [i for i in range(n) if i != off]
    idx.sort(key=lambda i: (pts[i][0] - ax) * dx + (pts[i][1] - ay) * dy)
    q = [pts[i] for i in idx]
    t = [((x - ax) * dx + (y - ay) * dy) / norm for x, y in q]
    m = len(q)
    dp = [hypot(x - px, y - py) for x, y in q]
    length = t[-1] - t[0]
    if k == off:
        return length + min(dp[0], dp[-1])
    s = idx.index(k)
    best = float("inf")
    # go straight to the odd point, then sweep the whole line from its nearer end
    best = min(best, dp[s] + min(dp[0], dp[-1]) + length)
    # cover [i..m-1] (i <= s) first, ending at q[i] or q[m-1], visit P, then cover [0..i-1]
    for i in range(0, s + 1):
        end_left = (t[-1] - t[s]) + (t[-1] - t[i]), i
        end_right = (t[s] - t[i]) + (t[-1] - t[i]), m - 1
        rest = 0.0 if i == 0 else min(dp[i - 1], dp[0]) + (t[i - 1] - t[0])
        for cost, e in (end_left, end_right):
            best = min(best, cost + dp[e] + rest)
    # cover [0..j] (j >= s) first, ending at q[0] or q[j], visit P, then cover [j+1..m-1]
    for j in range(s, m):
        end_left = (t[j] - t[s]) + (t[j] - t[0]), 0
        end_right = (t[s] - t[0]) + (t[j] - t[0]), j
        rest = 0.0 if j == m - 1 else min(dp[j + 1], dp[-1]) + (t[-1] - t[j + 1])
        for cost, e in (end_left, end_right):
            best = min(best, cost + dp[e] + rest)
    return best


def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    pts = [(int(data[2 + 2 * i]), int(data[3 + 2 * i])) for i in range(n)]
    print("%.7f" % solve(n, k - 1, pts))  # fewer decimals than the reference, still within 1e-6


if __name__ == "__main__":
    main()
