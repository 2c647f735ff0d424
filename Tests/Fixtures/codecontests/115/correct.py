import sys


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    pos = 1
    out = []
    for _ in range(t):
        n, h = int(data[pos]), int(data[pos + 1])
        a = list(map(int, data[pos + 2:pos + 2 + n]))
        pos += 2 + n
        gaps = [a[i + 1] - a[i] for i in range(n - 1)]

        def damage(k):
            return k + sum(g if g < k else k for g in gaps)

        lo, hi = 1, h
        while lo < hi:
            mid = (lo + hi) // 2
            if damage(mid) >= h:
                hi = mid
            else:
                lo = mid + 1
        out.append(lo)
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
