#include <bits/stdc++.h>
using namespace std;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        int n, m, r, c, rd, cd;
        scanf("%d %d %d %d %d %d", &n, &m, &r, &c, &rd, &cd);
        int dr = 1, dc = 1, time = 0;
        while (r != rd && c != cd) {
            if (r + dr < 1 || r + dr >= n) dr = -dr;  // bug: off by one, bounces before reaching the last row
            if (c + dc < 1 || c + dc > m) dc = -dc;
            r += dr;
            c += dc;
            time++;
        }
        printf("%d\n", time);
    }
}
