import sys
from itertools import permutations


def count(order):
    bal = 0
    res = 0
    for s in order:
        for ch in s:
            bal += 1 if ch == "(" else -1
            if bal < 0:
                return res
            if bal == 0:
                res += 1
    return res


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    strs = data[1:1 + n]
    print(max(count(p) for p in permutations(strs)))  # all n! orders


main()
