import sys


def ones_upto(n, b):
    """How many integers in [0, n] have bit b set."""
    block = 1 << (b + 1)
    return (n + 1) // block * (1 << b) + max(0, (n + 1) % block - (1 << b))


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = []
    for i in range(t):
        l, r = int(data[1 + 2 * i]), int(data[2 + 2 * i])
        keep = max(ones_upto(r, b) - ones_upto(l - 1, b) for b in range(18))
        out.append(r - l + 1 - keep)  # keep every number that has the most common bit
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
