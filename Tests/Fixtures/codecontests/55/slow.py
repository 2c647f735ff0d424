import sys

MOD = 10 ** 9 + 7


def main():
    k = int(sys.stdin.buffer.read().split()[0])
    ans = 6
    for _ in range((1 << k) - 2):  # one multiplication per non-root node: O(2^k)
        ans = ans * 4 % MOD
    print(ans)


main()
