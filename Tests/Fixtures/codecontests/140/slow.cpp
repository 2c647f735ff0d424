#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
// O(n) per query: test every x in [1, n]
bool liked(ll x) {
    ll r = llround(sqrt((double)x));
    if (r * r == x) return true;
    ll c = llround(cbrt((double)x));
    return c * c * c == x;
}
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        ll n;
        scanf("%lld", &n);
        ll cnt = 0;
        for (ll x = 1; x <= n; x++) cnt += liked(x);
        printf("%lld\n", cnt);
    }
}
