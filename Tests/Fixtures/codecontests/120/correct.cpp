#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
ll onesUpto(ll n, int b) {  // integers in [0, n] with bit b set
    ll block = 1LL << (b + 1);
    return (n + 1) / block * (1LL << b) + max(0LL, (n + 1) % block - (1LL << b));
}
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        ll l, r, keep = 0;
        scanf("%lld %lld", &l, &r);
        for (int b = 0; b < 18; b++) keep = max(keep, onesUpto(r, b) - onesUpto(l - 1, b));
        printf("%lld\n", r - l + 1 - keep);
    }
}
