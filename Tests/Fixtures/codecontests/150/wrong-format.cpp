#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        int n;
        scanf("%d", &n);
        vector<ll> a(n);
        for (auto& v : a) scanf("%lld", &v);
        ll best = LLONG_MAX;
        for (int ones = 0; ones < 4; ones++)
            for (int twos = 0; twos < 4; twos++) {
                ll need3 = 0;
                bool ok = true;
                for (ll v : a) {
                    ll cheapest = LLONG_MAX;
                    for (int u = 0; u <= ones; u++)
                        for (int w = 0; w <= twos; w++) {
                            ll rest = v - u - 2 * w;
                            if (rest >= 0 && rest % 3 == 0) cheapest = min(cheapest, rest / 3);
                        }
                    if (cheapest == LLONG_MAX) { ok = false; break; }
                    need3 = max(need3, cheapest);
                }
                if (ok) best = min(best, ones + twos + need3);
            }
        printf("%lld\n\n", best);  // bug: blank line after every answer
    }
}
