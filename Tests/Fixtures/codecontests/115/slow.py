import sys


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    pos = 1
    out = []
    for _ in range(t):
        n, h = int(data[pos]), int(data[pos + 1])
        a = list(map(int, data[pos + 2:pos + 2 + n]))
        pos += 2 + n
        k = 1
        while True:  # linear search over k: O(answer * n)
            d = k + sum(min(a[i + 1] - a[i], k) for i in range(n - 1))
            if d >= h:
                break
            k += 1
        out.append(k)
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
