import sys


def possible(l):
    for i in range(3):
        x, y, z = l[i], l[(i + 1) % 3], l[(i + 2) % 3]
        if x == y + z:
            return True
        if y == z and x % 2 == 0:
            return True
    return False


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    for i in range(t):
        l = [int(v) for v in data[1 + 3 * i:4 + 3 * i]]
        print("YES" if possible(l) else "NO", end=" ")  # bug: answers on one line instead of one per line
    print()


main()
