#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
ll sideCost(vector<ll>& d, int k) {
    sort(d.rbegin(), d.rend());
    ll c = 0;
    for (size_t i = 0; i < d.size(); i += k) c += 2 * d[i];
    return c;
}
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        int n, k;
        scanf("%d %d", &n, &k);
        vector<ll> p, q;
        ll far = 0;
        for (int i = 0; i < n; i++) {
            ll x;
            scanf("%lld", &x);
            if (x > 0) p.push_back(x);
            else if (x < 0) q.push_back(-x);
            far = max(far, llabs(x));
        }
        printf("%lld\n", sideCost(p, k) + sideCost(q, k) - far);
    }
}
