import sys


def solve(a):
    best = None
    # a few coins of 1 and 2 are enough; everything else is paid with 3s
    for ones in range(4):
        for twos in range(4):
            need3 = 0
            for v in a:
                cheapest = None
                for u in range(ones + 1):
                    for w in range(twos + 1):
                        rest = v - u - 2 * w
                        if rest >= 0 and rest % 3 == 0:
                            if cheapest is None or rest // 3 < cheapest:
                                cheapest = rest // 3
                if cheapest is None:
                    need3 = None
                    break
                need3 = max(need3, cheapest)
            if need3 is not None:
                total = ones + twos + need3
                if best is None or total < best:
                    best = total
    return best


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    pos = 1
    out = []
    for _ in range(t):
        n = int(data[pos])
        a = list(map(int, data[pos + 1:pos + 1 + n]))
        pos += 1 + n
        out.append(solve(a))
    sys.stdout.write("\n".join(map(str, out)) + "\n")


if __name__ == "__main__":
    main()
