import sys


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = []
    for k in range(t):
        x, n = int(data[1 + 2 * k]), int(data[2 + 2 * k])
        for i in range(1, n + 1):  # simulate every jump: O(n)
            x = x - i if x % 2 == 0 else x + i
        out.append(x)
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
