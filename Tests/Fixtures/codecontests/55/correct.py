import sys

MOD = 10 ** 9 + 7


def main():
    k = int(sys.stdin.buffer.read().split()[0])
    # root: 6 colours; every other node (2^k - 2 of them): 4 colours compatible with its parent
    print(6 * pow(4, (1 << k) - 2, MOD) % MOD)


main()
