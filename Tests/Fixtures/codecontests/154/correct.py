import sys


def possible(l):
    for i in range(3):
        x, y, z = l[i], l[(i + 1) % 3], l[(i + 2) % 3]
        if x == y + z:            # break x into y and z
            return True
        if y == z and x % 2 == 0:  # break x into two equal halves
            return True
    return False


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = []
    for i in range(t):
        l = [int(v) for v in data[1 + 3 * i:4 + 3 * i]]
        out.append("YES" if possible(l) else "NO")
    sys.stdout.write("\n".join(out) + "\n")


main()
