import sys


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = []
    for i in range(t):
        n = int(data[1 + 2 * i])
        k = int(data[2 + 2 * i])
        cur, hours = 1, 0
        while cur < k and cur < n:
            cur *= 2
            hours += 1
        if cur < n:
            hours += (n - cur + k - 1) // k
        out.append(hours)
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
