#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        ll n, k;
        scanf("%lld %lld", &n, &k);
        ll cur = 1, hours = 0;
        // bug: doubling phase stops one step too early (cur * 2 < k instead of cur < k)
        while (cur * 2 < k && cur < n) { cur *= 2; hours++; }
        if (cur < n) hours += (n - cur + k - 1) / k;
        printf("%lld\n", hours);
    }
}
