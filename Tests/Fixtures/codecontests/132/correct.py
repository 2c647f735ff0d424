import sys


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = []
    for i in range(t):
        b = list(map(int, data[1 + 7 * i:8 + 7 * i]))
        # the two smallest sums are two elements, the largest is the total
        a = [b[0], b[1], b[6] - b[0] - b[1]]
        a.sort(reverse=True)  # any order is accepted
        out.append("%d %d %d" % tuple(a))
    sys.stdout.write("\n".join(out) + "\n")


main()
