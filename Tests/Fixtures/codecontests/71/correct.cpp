#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int n, k;
    if (scanf("%d %d", &n, &k) != 2) return 0;
    k--;
    vector<ll> X(n), Y(n);
    for (int i = 0; i < n; i++) scanf("%lld %lld", &X[i], &Y[i]);
    // the line holding n - 1 points passes through two of the first four points
    int c = min(n, 4);
    ll ax = 0, ay = 0, bx = 0, by = 0;
    vector<char> on(n, 0);
    bool found = false;
    for (int i = 0; i < c && !found; i++)
        for (int j = i + 1; j < c && !found; j++) {
            if (X[i] == X[j] && Y[i] == Y[j]) continue;
            int cnt = 0;
            vector<char> o(n);
            for (int p = 0; p < n; p++) {
                o[p] = (X[p] - X[i]) * (Y[j] - Y[i]) - (Y[p] - Y[i]) * (X[j] - X[i]) == 0;
                cnt += o[p];
            }
            if (cnt >= n - 1) { found = true; on = o; ax = X[i]; ay = Y[i]; bx = X[j]; by = Y[j]; }
        }
    int off = n - 1;
    for (int p = 0; p < n; p++) if (!on[p]) { off = p; break; }
    double px = X[off], py = Y[off];
    double dx = bx - ax, dy = by - ay, norm = hypot(dx, dy);
    vector<int> idx;
    for (int i = 0; i < n; i++) if (i != off) idx.push_back(i);
    auto proj = [&](int i) { return ((X[i] - ax) * dx + (Y[i] - ay) * dy) / norm; };
    sort(idx.begin(), idx.end(), [&](int a, int b) { return proj(a) < proj(b); });
    int m = idx.size();
    vector<double> t(m), dp(m);
    for (int i = 0; i < m; i++) { t[i] = proj(idx[i]); dp[i] = hypot(X[idx[i]] - px, Y[idx[i]] - py); }
    double len = t[m - 1] - t[0];
    double best;
    if (k == off) {
        best = len + min(dp[0], dp[m - 1]);
    } else {
        int s = find(idx.begin(), idx.end(), k) - idx.begin();
        best = dp[s] + min(dp[0], dp[m - 1]) + len;
        for (int i = 0; i <= s; i++) {
            double rest = i == 0 ? 0.0 : min(dp[i - 1], dp[0]) + (t[i - 1] - t[0]);
            best = min(best, (t[m - 1] - t[s]) + (t[m - 1] - t[i]) + dp[i] + rest);
            best = min(best, (t[s] - t[i]) + (t[m - 1] - t[i]) + dp[m - 1] + rest);
        }
        for (int j = s; j < m; j++) {
            double rest = j == m - 1 ? 0.0 : min(dp[j + 1], dp[m - 1]) + (t[m - 1] - t[j + 1]);
            best = min(best, (t[j] - t[s]) + (t[j] - t[0]) + dp[0] + rest);
            best = min(best, (t[s] - t[0]) + (t[j] - t[0]) + dp[j] + rest);
        }
    }
    printf("%.10f\n", best);
}
