import sys
from math import isqrt


def iroot(n, k):
    r = int(round(n ** (1.0 / k)))
    while r > 0 and r ** k > n:
        r -= 1
    while (r + 1) ** k <= n:
        r += 1
    return r


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = []
    for i in range(1, t + 1):
        n = int(data[i])
        out.append(isqrt(n) + iroot(n, 3) - iroot(n, 6))
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
