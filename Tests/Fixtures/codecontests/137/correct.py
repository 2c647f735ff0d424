import sys


def only_ones(s):
    return s.count("0") == 0


def reachable(x, y):
    if x == y:
        return True
    bx, by = bin(x)[2:], bin(y)[2:]
    # after the first operation the string is one of these cores (or its reverse);
    # afterwards only 1s can be added on either side, and the string can be reversed.
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
