import sys


def construct(n):
    # c = 1; need a + b = n - 1 with gcd(a, b) = 1, a != b, and a, b != 1
    s = n - 1
    if s % 2 == 1:
        a = s // 2           # consecutive integers are coprime
        return a, a + 1, 1
    h = s // 2
    d = 1 if h % 2 == 0 else 2  # h -/+ d are both odd and differ by 2 or 4
    return h - d, h + d, 1


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = ["%d %d %d" % construct(int(data[1 + i])) for i in range(t)]
    sys.stdout.write("\n".join(out) + "\n")


main()
