#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int n;
vector<ll> h;
bool feasible(ll x) {
    vector<ll> cur = h;
    for (int i = n - 1; i >= 2; i--) {
        if (cur[i] < x) return false;
        ll d = min(h[i], cur[i] - x) / 3;
        cur[i - 1] += d;
        cur[i - 2] += 2 * d;
    }
    return cur[0] >= x && cur[1] >= x;
}
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        scanf("%d", &n);
        h.assign(n, 0);
        for (auto& v : h) scanf("%lld", &v);
        ll lo = *min_element(h.begin(), h.end()), hi = *max_element(h.begin(), h.end());
        while (lo < hi) {
            ll mid = (lo + hi + 1) / 2;
            if (feasible(mid)) lo = mid; else hi = mid - 1;
        }
        printf("%lld\n", lo);
        if (t) printf("\n");  // bug: blank line between test cases
    }
}
