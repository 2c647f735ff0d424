import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    a = list(map(int, data[1:1 + n]))
    left = 1
    while left <= n and a[left] > a[left - 1]:  # bug: off by one ("<=" instead of "<"), indexes past the end
        left += 1
    right = 1
    while right < n and a[n - 1 - right] > a[n - right]:
        right += 1
    # the game reduces to the two strictly increasing runs seen from each end
    print("Alice" if left % 2 == 1 or right % 2 == 1 else "Bob")


main()
