#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        int n;
        ll k;
        scanf("%d %lld", &n, &k);
        vector<ll> a(n);
        for (auto& v : a) scanf("%lld", &v);
        sort(a.begin(), a.end());
        vector<ll> pre(n + 1, 0);
        for (int i = 0; i < n; i++) pre[i + 1] = pre[i] + a[i];
        ll best = LLONG_MAX;
        for (ll y = 0; y < n; y++) {
            ll need = pre[n - y] + y * a[0] - k;
            ll x = need <= 0 ? 0 : (need + y) / (y + 1);
            best = min(best, x + y);
        }
        printf("%lld\n", best);
        fprintf(stdout, "---\n");  // bug: separator line between test cases
    }
}
