import sys


def main():
    data = sys.stdin.buffer.read().split()
    q = int(data[0])
    queries = []
    pos = 1
    for _ in range(q):
        if data[pos] == b"1":
            queries.append((int(data[pos + 1]),))
            pos += 2
        else:
            queries.append((int(data[pos + 1]), int(data[pos + 2])))
            pos += 3
    # go backwards: final[v] = what a value v present at this moment turns into at the end
    final = {}
    res = []
    for qu in reversed(queries):
        if len(qu) == 1:
            x = qu[0]
            res.append(final.get(x, x))
        else:
            x, y = qu
            final[x] = final.get(y, y)
    res.reverse()
    print(" ".join(map(str, res)))


main()
