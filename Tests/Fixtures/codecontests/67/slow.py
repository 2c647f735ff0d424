import sys
from fractions import Fraction
from itertools import combinations


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    p = Fraction(data[1])
    # brute force: maps 0..k-1 are studied; average the winning probability over every triple
    for k in range(n + 1):
        good2 = total = 0
        for t in combinations(range(n), 3):
            j = (t[0] < k) + (t[1] < k) + (t[2] < k)
            good2 += (0, 1, 2, 2)[j]
            total += 2
        if Fraction(good2, total) >= p:
            print(k)
            return


main()
