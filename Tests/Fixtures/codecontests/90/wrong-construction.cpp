#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        ll x, y;
        scanf("%lld %lld", &x, &y);
        printf("%lld\n", x + y);  // bug: only valid when x > y
    }
}
