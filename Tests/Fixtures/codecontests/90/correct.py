import sys


def pick(x, y):
    if x > y:
        return x + y          # (x + y) mod x = y = y mod (x + y)
    if y % x == 0:
        return x              # x mod x = 0 = y mod x
    return y - (y % x) // 2   # x <= y, both even


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    out = [pick(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(t)]
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
