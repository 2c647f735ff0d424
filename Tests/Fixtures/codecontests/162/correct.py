import sys


def feasible(h, x):
    cur = h[:]
    for i in range(len(h) - 1, 1, -1):
        if cur[i] < x:
            return False
        d = min(h[i], cur[i] - x) // 3  # only the heap's own original stones can be moved on
        cur[i - 1] += d
        cur[i - 2] += 2 * d
    return cur[0] >= x and cur[1] >= x


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    pos = 1
    out = []
    for _ in range(t):
        n = int(data[pos])
        h = list(map(int, data[pos + 1:pos + 1 + n]))
        pos += 1 + n
        lo, hi = min(h), max(h)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if feasible(h, mid):
                lo = mid
            else:
                hi = mid - 1
        out.append(lo)
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
