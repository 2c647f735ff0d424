#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        ll n;
        scanf("%lld", &n);
        ll s = (ll)sqrt((double)n);
        ll c = (ll)cbrt((double)n);
        ll six = (ll)pow((double)n, 1.0 / 6);  // bug: pow(64, 1/6) < 2 -> truncates to 1
        printf("%lld\n", s + c - six);
    }
}
