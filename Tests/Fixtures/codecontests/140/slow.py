import sys


def liked(x):
    r = int(round(x ** 0.5))
    if r * r == x:
        return True
    c = int(round(x ** (1.0 / 3)))
    return c * c * c == x


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = []
    for i in range(1, t + 1):
        n = int(data[i])
        out.append(sum(1 for x in range(1, n + 1) if liked(x)))  # O(n) per query
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
