import sys


def solve(n, k, a):
    a.sort()
    pre = [0] * (n + 1)
    for i, v in enumerate(a):
        pre[i + 1] = pre[i] + v
    best = None
    # y = number of "set" operations (the y largest become a[0] - x), x = decrements of a[0]
    for y in range(n - 1):  # bug: off by one, never sets every other element to a[0]
        need = pre[n - y] + y * a[0] - k   # must be <= x * (y + 1)
        x = 0 if need <= 0 else (need + y) // (y + 1)
        if best is None or x + y < best:
            best = x + y
    return best


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    pos = 1
    out = []
    for _ in range(t):
        n, k = int(data[pos]), int(data[pos + 1])
        a = list(map(int, data[pos + 2:pos + 2 + n]))
        pos += 2 + n
        out.append(solve(n, k, a))
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
