import sys


def only_ones(s):
    return s.count("0") == 0


def reachable(x, y):
    # bug: counts operations from 1, forgetting that zero operations (x == y) are allowed
    bx, by = bin(x)[2:], bin(y)[2:]
    cores = set()
    for c in (bx.rstrip("0"), bx + "1"):
        cores.add(c)
        cores.add(c[::-1])
    for c in cores:
        start = by.find(c)
        while start != -1:
            if only_ones(by[:start]) and only_ones(by[start + len(c):]):
                return True
            start = by.find(c, start + 1)
    return False


def main():
    x, y = map(int, sys.stdin.buffer.read().split()[:2])
    print("YES" if reachable(x, y) else "NO")


main()
