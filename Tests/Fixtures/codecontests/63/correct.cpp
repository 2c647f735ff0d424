#include <bits/stdc++.h>
using namespace std;
int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    vector<int> sb(n), smn(n);
    vector<map<int, int>> cnt(n);
    static char buf[400005];
    for (int i = 0; i < n; i++) {
        scanf("%400004s", buf);
        int p = 0, mn = 0;
        for (char* c = buf; *c; c++) {
            p += *c == '(' ? 1 : -1;
            if (p <= mn) { mn = p; cnt[i][p]++; }
        }
        sb[i] = p; smn[i] = mn;
    }
    int full = 1 << n;
    vector<int> dp(full, -1), bal(full, 0);
    dp[0] = 0;
    int best = 0;
    for (int mask = 0; mask < full; mask++) {
        if (dp[mask] < 0) continue;
        best = max(best, dp[mask]);
        int b = bal[mask];
        for (int i = 0; i < n; i++) {
            if (mask >> i & 1) continue;
            auto it = cnt[i].find(-b);
            int gain = dp[mask] + (it == cnt[i].end() ? 0 : it->second);
            if (b + smn[i] >= 0) {
                int nm = mask | 1 << i;
                if (gain > dp[nm]) { dp[nm] = gain; bal[nm] = b + sb[i]; }
            } else {
                best = max(best, gain);  // goes negative inside string i: nothing after counts
            }
        }
    }
    printf("%d\n", best);
}
