import sys


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    pos = 1
    out = []
    for _ in range(t):
        w, h = int(data[pos]), int(data[pos + 1])
        pos += 2
        best = 0
        for side in range(4):
            k = int(data[pos])
            xs = data[pos + 1:pos + k]  # bug: off by one, the last (largest) coordinate is dropped
            pos += 1 + k
            span = int(xs[-1]) - int(xs[0])  # base on this side, apex on the opposite side
            best = max(best, span * (h if side < 2 else w))
        out.append(best)
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
