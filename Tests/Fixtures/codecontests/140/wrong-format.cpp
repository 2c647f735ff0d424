#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
ll iroot(ll n, int k) {
    ll r = (ll)llround(pow((double)n, 1.0 / k));
    auto pw = [&](ll x) { ll p = 1; for (int i = 0; i < k; i++) p *= x; return p; };
    while (r > 0 && pw(r) > n) r--;
    while (pw(r + 1) <= n) r++;
    return r;
}
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    for (int i = 1; i <= t; i++) {
        ll n;
        scanf("%lld", &n);
        // bug: "Case #i: " prefix that the problem does not ask for
        printf("Case #%d: %lld\n", i, iroot(n, 2) + iroot(n, 3) - iroot(n, 6));
    }
}
