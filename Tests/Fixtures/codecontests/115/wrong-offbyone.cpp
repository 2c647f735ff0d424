#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        int n;
        ll h;
        scanf("%d %lld", &n, &h);
        vector<ll> a(n);
        for (auto& v : a) scanf("%lld", &v);
        auto damage = [&](ll k) {
            ll d = k;
            for (int i = 0; i + 1 < n; i++) d += min(a[i + 1] - a[i], k);
            return d;
        };
        ll lo = 1, hi = h;
        while (lo < hi) {
            ll mid = lo + (hi - lo) / 2;
            if (damage(mid) > h) hi = mid; else lo = mid + 1;  // bug: ">" instead of ">="
        }
        printf("%lld\n", lo);
    }
}
