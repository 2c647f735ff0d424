import sys


def height(a):
    h = 1
    for i, w in enumerate(a):
        if w == 1:
            h += 5 if i > 0 and a[i - 1] == 1 else 1
        elif i > 0 and a[i - 1] == 0:
            return -1
    return h


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    pos = 1
    out = []
    for _ in range(t):
        n = int(data[pos])
        a = list(map(int, data[pos + 1:pos + 1 + n]))
        pos += 1 + n
        out.append(height(a))
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
