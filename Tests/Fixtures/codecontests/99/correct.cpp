#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        ll x, n;
        scanf("%lld %lld", &x, &n);
        ll m = n - n % 4;  // 4 consecutive jumps cancel out
        for (ll i = m + 1; i <= n; i++) x = (x % 2 == 0) ? x - i : x + i;
        printf("%lld\n", x);
    }
}
