import sys


def clean_time(n, m, rb, cb, rd, cd):
    dr = dc = 1
    t = 0
    r, c = rb, cb
    while r != rd and c != cd:
        if not 1 <= r + dr <= n:
            dr = -dr
        if not 1 <= c + dc <= m:
            dc = -dc
        r += dr
        c += dc
        t += 1
    return t


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = [clean_time(*map(int, data[1 + 6 * i:7 + 6 * i])) for i in range(t)]
    sys.stdout.write("\n".join("Case #%d: %d" % (i + 1, v) for i, v in enumerate(out)) + "\n")  # bug: unrequested "Case #i:" prefix


main()
