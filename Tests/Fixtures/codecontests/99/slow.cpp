#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        ll x, n;
        scanf("%lld %lld", &x, &n);
        for (ll i = 1; i <= n; i++) x = (x % 2 == 0) ? x - i : x + i;  // O(n) simulation
        printf("%lld\n", x);
    }
}
