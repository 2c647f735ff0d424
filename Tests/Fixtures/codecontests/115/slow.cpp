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
        ll k = 1;
        for (;; k++) {  // linear search over k
            ll d = k;
            for (int i = 0; i + 1 < n; i++) d += min(a[i + 1] - a[i], k);
            if (d >= h) break;
        }
        printf("%lld\n", k);
    }
}
