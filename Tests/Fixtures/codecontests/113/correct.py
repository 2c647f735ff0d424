import sys


def compare(x1, p1, x2, p2):
    s1, s2 = str(x1), str(x2)
    l1, l2 = len(s1) + p1, len(s2) + p2
    if l1 != l2:
        return "<" if l1 < l2 else ">"
    w = max(len(s1), len(s2))  # same total length: compare the significant digits padded with zeros
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
