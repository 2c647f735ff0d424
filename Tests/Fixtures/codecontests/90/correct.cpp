#include <bits/stdc++.h>
using namespace std;
typedef long long ll;
int main() {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        ll x, y, n;
        scanf("%lld %lld", &x, &y);
        if (x > y) n = x + y;
        else if (y % x == 0) n = x;
        else n = y - (y % x) / 2;
        printf("%lld\n", n);
    }
}
