import sys


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = []
    for i in range(t):
        n = int(data[1 + 2 * i])
        k = int(data[2 + 2 * i])
        cur, hours = 1, 0
        while cur < n:  # hour-by-hour simulation: O(n / k) hours
            cur += min(cur, k)
            hours += 1
        out.append(hours)
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
