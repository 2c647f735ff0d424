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
        while (cur < n) { cur += min(cur, k); hours++; }  // O(n / k) simulation
        printf("%lld\n", hours);
    }
}
