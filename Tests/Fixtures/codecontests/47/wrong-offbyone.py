import sys


def side_cost(dists, k):
    dists.sort(reverse=True)
    # each trip serves the k farthest remaining depots and costs twice the farthest distance
    return sum(2 * dists[i] for i in range(k - 1, len(dists), k))  # bug: off by one, takes the k-th farthest of each group


def main():
    data = sys.stdin.buffer.read().split()
    t = int(data[0])
    pos = 1
    out = []
    for _ in range(t):
        n, k = int(data[pos]), int(data[pos + 1])
        xs = list(map(int, data[pos + 2:pos + 2 + n]))
        pos += 2 + n
        pos_side = [x for x in xs if x > 0]
        neg_side = [-x for x in xs if x < 0]
        total = side_cost(pos_side, k) + side_cost(neg_side, k)
        far = max(abs(x) for x in xs)
        out.append(total - far)  # no need to come back after the last (farthest) trip
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
