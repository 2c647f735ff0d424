import sys
from fractions import Fraction


def c2(x):
    return x * (x - 1) // 2


def c3(x):
    return x * (x - 1) * (x - 2) // 6


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    p = Fraction(data[1])
    total = 2 * c3(n)
    for k in range(n + 1):
        good2 = 2 * c3(k) + 2 * c2(k) * (n - k) + k * c2(n - k)
        if Fraction(good2, total) > p:  # bug: "at least P" needs >=
            print(k)
            return
    print(n)


main()
